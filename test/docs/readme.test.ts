/**
 * The README is the first thing a newcomer runs: its commands must work as written (a
 * sample `curl` without a token answered 401), and what it says about routes, settings and
 * install warnings must match the product.
 */
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createToken } from '../../src/app/tokens.js';
import { addUser, createTestApp } from '../http/helpers.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const BEARER = '-H "Authorization: Bearer $TOKEN"';

/** The text of one `## ` section, heading excluded. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThanOrEqual(0);
  const next = README.indexOf('\n## ', start + 1);
  return README.slice(start, next === -1 ? undefined : next);
}

/** Every shell command of the README's code blocks, continuation lines joined. */
function shellCommands(): string[] {
  const blocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.flatMap((block) =>
    block
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

describe('the README', () => {
  it('when its curl examples are read, then every one sends the bearer token', () => {
    // Act
    const curls = shellCommands().filter((command) => command.startsWith('curl '));

    // Assert
    expect(curls.length).toBeGreaterThan(5);
    expect(curls.filter((command) => !command.includes(BEARER))).toEqual([]);
  });

  it('when the sample curl is replayed with a token made as it says, then the sample is created (401 without)', async () => {
    // Arrange
    const { bare, deps } = await createTestApp({ as: 'anonymous' });
    const owner = await addUser(deps, 'evaluator');
    const { secret } = await createToken(deps, { name: 'cli', userId: owner.id });
    const sample = shellCommands().find(
      (command) => command.startsWith('curl ') && command.includes('/sample'),
    );
    const [, method = '', path = ''] =
      /-X (\w+) .*http:\/\/127\.0\.0\.1:3000(\/\S+)/.exec(sample ?? '') ?? [];
    expect(sample).toContain(BEARER);
    expect(method).toBe('POST');

    // Act
    const withToken = await request(bare)
      [method === 'POST' ? 'post' : 'get'](path)
      .set('Authorization', `Bearer ${secret}`);
    const without = await request(bare).post(path);

    // Assert
    expect(withToken.status).toBe(201);
    expect(without.status).toBe(401);
    expect(README).toContain('_Admin → API\ntokens_');
    expect(README).toContain('npm run admin -- create-token --email');
  });

  it('when it names /healthz, then it puts it at the root, where the app answers it', async () => {
    // Arrange
    const { bare } = await createTestApp({ as: 'anonymous' });
    const apiTable = section('API tour')
      .split('\n')
      .filter((line) => line.startsWith('| `'));

    // Act
    const root = await request(bare).get('/healthz');
    const underApi = await request(bare).get('/api/v1/healthz');

    // Assert
    expect(root.status).toBe(200);
    expect(underApi.status).not.toBe(200);
    expect(apiTable.length).toBeGreaterThan(5);
    expect(apiTable.filter((line) => line.includes('healthz'))).toEqual([]);
    expect(section('API tour')).toContain('`GET /healthz` (`http://127.0.0.1:3000/healthz`)');
  });

  it('when Quick start is read, then it shows how to set the port and the data folder, one line each', () => {
    // Act
    const quickStart = section('Quick start');

    // Assert
    expect(quickStart).toMatch(/^PORT=\d+ npm start +# /m);
    expect(quickStart).toMatch(/^DATA_DIR=\S+ npm start +# /m);
  });

  it('when the locked packages are read, then every install script is approved under allowScripts (no npm warning)', () => {
    // Arrange
    const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { hasInstallScript?: boolean }>;
    };
    const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      allowScripts?: Record<string, boolean>;
    };

    // Act
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript === true)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));

    // Assert
    expect(withScripts).toContain('esbuild');
    expect(withScripts.filter((name) => manifest.allowScripts?.[name] !== true)).toEqual([]);
    expect(README).toContain('`npm warn install-scripts … esbuild`');
  });
});
