/**
 * The admin command reopens a closed trial (`npm run admin -- reopen-trial --id T`), audited
 * as the admin command; it has no other command that changes trial data, and a trial stays
 * frozen for every other path.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { actingAs } from '../../src/app/requestContext.js';
import { createTrial, deleteTrial, updateTrial } from '../../src/app/trials.js';
import { TrialFrozenError } from '../../src/domain/freeze.js';
import { closeTrial } from '../../src/app/trialFreeze.js';
import { withDataFolder } from '../../src/app/wiring.js';
import { tempDir } from '../tempDir.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** `npm run admin -- …` as an operator types it, over `dataDir`: exit code and output. */
async function admin(dataDir: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'src/cli/admin.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

describe('npm run admin -- reopen-trial', () => {
  it('when a closed trial is reopened from the command, then it runs again, audited as the admin command; again, then it says it is not closed', async () => {
    // Arrange
    const dataDir = await tempDir('sla-probe-cli-');
    const trial = await withDataFolder(dataDir, async (deps) => {
      const created = await createTrial(deps, { name: 'Q4 selection', timezone: 'Asia/Shanghai' });
      return closeTrial(deps, created.id);
    });

    // Act
    const first = await admin(dataDir, 'reopen-trial', '--id', trial.id, '--status', 'planning');
    const again = await admin(dataDir, 'reopen-trial', '--id', trial.id);

    // Assert
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(`Reopened Q4 selection (${trial.id}): planning.`);
    expect(again.code).toBe(1);
    expect(again.output).toContain('Not done: This trial is not closed');
    const [stored, entry] = await withDataFolder(dataDir, async (deps) => [
      await deps.repository.getTrial(trial.id),
      (await deps.repository.listAudit({ limit: 1 })).entries[0],
    ]);
    expect(stored).toMatchObject({ status: 'planning', snapshot: trial.snapshot });
    expect(entry).toMatchObject({ actor: { via: 'cli' }, entityId: trial.id });
  }, 60_000);

  it("when the command's own data access tries any other change of a closed trial, then it is refused and nothing changes", async () => {
    // Arrange: the folder opened the way the command opens it, acting as the command.
    const dataDir = await tempDir('sla-probe-cli-');
    const cli = { via: 'cli' as const, userId: null, email: null };

    // Act
    const [renamed, deleted, stored] = await withDataFolder(dataDir, (deps) =>
      actingAs(cli, async () => {
        const trial = await closeTrial(deps, (await createTrial(deps, { name: 'Q4', timezone: 'UTC' })).id);
        const outcome = (work: Promise<unknown>) =>
          work.then(
            () => 'changed',
            (error: unknown) => error,
          );
        return [
          await outcome(updateTrial(deps, trial.id, { name: 'Renamed' })),
          await outcome(deleteTrial(deps, trial.id)),
          await deps.repository.getTrial(trial.id),
        ] as const;
      }),
    );

    // Assert
    expect(renamed).toBeInstanceOf(TrialFrozenError);
    expect(deleted).toBeInstanceOf(TrialFrozenError);
    expect(stored).toMatchObject({ name: 'Q4', status: 'closed' });
  });

  it.each<[string, number, string[], string]>([
    ['no id', 64, ['reopen-trial'], '--id is required'],
    ['an unknown trial', 1, ['reopen-trial', '--id', 'nope'], 'Not done: trial not found'],
    [
      'a status to reopen to that is not one',
      1,
      ['reopen-trial', '--id', 'nope', '--status', 'closed'],
      'status',
    ],
  ])(
    'when given %s, then it exits %i and says why',
    async (_when, code, args, says) => {
      const dataDir = await tempDir('sla-probe-cli-');

      const result = await admin(dataDir, ...args);

      expect(result.code, result.output).toBe(code);
      expect(result.output).toContain(says);
    },
    60_000,
  );
});
