/**
 * README: `npm start` stops cleanly with Ctrl-C or with SIGTERM sent to npm's own pid. npm
 * forwards the signal to its child only; when that child was a shell or a launcher that did
 * not pass it on, the server kept running, orphaned, holding its port and data folder.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSampleTrial } from '../../src/app/sample.js';
import { createToken } from '../../src/app/tokens.js';
import { createUser } from '../../src/app/users.js';
import { withDataFolder } from '../../src/app/wiring.js';
import { Store } from '../../src/storage/store.js';
import { tempDir } from '../tempDir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

/** `npm start` on a free port over `dataDir`; resolves with npm's process once the server prints its address. */
async function npmStart(dataDir: string, { ownGroup = false } = {}) {
  const npm = spawn('npm', ['start'], {
    cwd: ROOT,
    // Its own process group, as a terminal gives a command: Ctrl-C signals the whole group.
    detached: ownGroup,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      REPORT_WORKERS: '1',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      npm_config_update_notifier: 'false',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    npm.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`npm start printed no address within ${START_TIMEOUT_MS} ms: ${output}`));
    }, START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const printed = /running at (http:\/\/\S+\/)/.exec(output)?.[1];
      if (printed) {
        clearTimeout(timer);
        resolve(new URL(printed));
      }
    };
    npm.stdout.on('data', collect);
    npm.stderr.on('data', collect);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`npm start ended before listening: ${output}`));
    });
  });
  return { npm, url, exited, output: () => output };
}

/** Whether something still accepts connections on the port. */
function accepts(url: URL): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(Number(url.port), url.hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await done()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return done();
}

describe('npm start and signals', () => {
  it.each([
    ['SIGTERM', 'npm’s pid'],
    ['SIGINT', 'npm’s pid'],
    ['SIGINT', 'npm’s process group, as Ctrl-C does'],
  ] as const)(
    'when %s is sent to %s, then the server stops: port closed, process gone, folder free',
    async (signal, target) => {
      // Arrange
      const dataDir = await tempDir('sla-probe-npm-start-');
      const started = await npmStart(dataDir, { ownGroup: target !== 'npm’s pid' });
      const npmPid = started.npm.pid ?? 0;
      // The server process writes its pid into the folder's lock file.
      const serverPid = Number((await readFile(`${dataDir}/db.lock`, 'utf8')).trim());
      expect(serverPid).toBeGreaterThan(0);
      expect(serverPid).not.toBe(npmPid);
      expect(await accepts(started.url)).toBe(true);

      // Act
      process.kill(target === 'npm’s pid' ? npmPid : -npmPid, signal);
      const npmEnded = await Promise.race([
        started.exited.then(() => true),
        new Promise<false>((resolve) => {
          setTimeout(() => {
            resolve(false);
          }, STOP_TIMEOUT_MS);
        }),
      ]);
      const serverEnded = await waitUntil(() => !isRunning(serverPid), STOP_TIMEOUT_MS);
      // Never leave a server behind, whatever the assertions say.
      if (!serverEnded) process.kill(serverPid, 'SIGKILL');
      if (!npmEnded) started.npm.kill('SIGKILL');

      // Assert
      expect(npmEnded, started.output()).toBe(true);
      expect(serverEnded, `server ${String(serverPid)} still running: ${started.output()}`).toBe(true);
      expect(await accepts(started.url)).toBe(false);
      expect(started.output()).toContain(`${signal} received, shutting down`);
      const store = await Store.open(dataDir);
      await store.close();
    },
    60_000,
  );
});

describe('npm start serves from its build', () => {
  it('when the built server runs, then pages find their views and assets and a report comes from the worker', async () => {
    // Arrange: the sample trial and an API token, written before the server opens the folder.
    const dataDir = await tempDir('sla-probe-npm-start-');
    const { trialId, authorization } = await withDataFolder(dataDir, async (deps) => {
      const trial = await createSampleTrial(deps);
      const user = await createUser(deps, {
        email: 'start@example.com',
        password: 'start password',
        role: 'evaluator',
      });
      const { secret } = await createToken(deps, { name: 'start', userId: user.id });
      return { trialId: trial.id, authorization: `Bearer ${secret}` };
    });
    const started = await npmStart(dataDir);
    try {
      // Act
      const login = await fetch(new URL('/login', started.url));
      const html = await login.text();
      const stylesheet = /href="(\/[^"]+\.css)"/.exec(html)?.[1] ?? '/missing.css';
      const css = await fetch(new URL(stylesheet, started.url));
      const report = await fetch(new URL(`/api/v1/trials/${trialId}/report.pdf?lang=zh-CN`, started.url), {
        headers: { Authorization: authorization },
      });
      const pdf = Buffer.from(await report.arrayBuffer());
      const serverPid = Number((await readFile(`${dataDir}/db.lock`, 'utf8')).trim());
      const environment = (await readFile(`/proc/${serverPid}/environ`, 'utf8')).split('\0');

      // Assert
      // glibc's fixed threshold: big buffers freed (a compressed 10 MB answer) go back to the system.
      expect(environment).toContain('MALLOC_MMAP_THRESHOLD_=131072');
      expect({ status: login.status, type: login.headers.get('content-type') }).toEqual({
        status: 200,
        type: 'text/html; charset=utf-8',
      });
      expect(css.status).toBe(200);
      expect({ status: report.status, type: report.headers.get('content-type') }).toEqual({
        status: 200,
        type: 'application/pdf',
      });
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    } finally {
      process.kill(started.npm.pid ?? 0, 'SIGTERM');
      await started.exited;
    }
  }, 60_000);
});
