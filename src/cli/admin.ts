/**
 * `npm run admin -- <command>`: account set-up for operators who script it, working on
 * $DATA_DIR while the server is stopped (the data folder's lock refuses a running one).
 *
 *   create-user  --email E --password P --role viewer|evaluator|admin [--name N]
 *   create-token --email E --name N [--role R]     prints the token, once
 *   reopen-trial --id T [--status running|planning] reopens a closed (frozen) trial
 *
 * Reopening is the one change the command makes to trial data; like every other path, it
 * cannot otherwise change a closed trial (the repository refuses it inside the write).
 */
import { parseArgs } from 'node:util';
import type { AppDeps } from '../app/deps.js';
import { AppError } from '../app/errors.js';
import { refusedWriteAsAppError } from '../app/storageErrors.js';
import { createToken } from '../app/tokens.js';
import { reopenTrial } from '../app/trialFreeze.js';
import { createUser } from '../app/users.js';
import { withDataFolder } from '../app/wiring.js';
import { loadConfig } from '../config.js';
import { actingAs } from '../app/requestContext.js';
import { FolderInUseError, StorageError } from '../storage/errors.js';

const USAGE = `Usage:
  npm run admin -- create-user --email E --password P --role viewer|evaluator|admin [--name N]
  npm run admin -- create-token --email E --name N [--role viewer|evaluator|admin]
  npm run admin -- reopen-trial --id T [--status running|planning]`;

class UsageError extends Error {}

type Options = Record<string, string | undefined>;

function required(options: Options, name: string): string {
  const value = options[name];
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

const COMMANDS: Record<string, (deps: AppDeps, options: Options) => Promise<string>> = {
  'create-user': async (deps, options) => {
    const user = await createUser(deps, {
      email: required(options, 'email'),
      password: required(options, 'password'),
      role: required(options, 'role'),
      ...(options['name'] === undefined ? {} : { name: options['name'] }),
    });
    return `Created ${user.role} ${user.email} (${user.id}).`;
  },
  'create-token': async (deps, options) => {
    const email = required(options, 'email');
    const owner = await deps.repository.findUserByEmail(email.trim());
    if (!owner) throw new UsageError(`no account with the e-mail ${email}`);
    const { secret } = await createToken(deps, {
      name: required(options, 'name'),
      userId: owner.id,
      ...(options['role'] === undefined ? {} : { role: options['role'] }),
    });
    return secret;
  },
  // The operator at the server is an admin: audited as the admin command (via "cli").
  'reopen-trial': async (deps, options) => {
    const trial = await reopenTrial(
      deps,
      required(options, 'id'),
      options['status'] === undefined ? {} : { status: options['status'] },
      'admin',
    );
    return `Reopened ${trial.name} (${trial.id}): ${trial.status}.`;
  },
};

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      status: { type: 'string' },
    },
  });
  const command = COMMANDS[positionals[0] ?? ''];
  if (!command || positionals.length !== 1)
    throw new UsageError(positionals[0] ? `unknown command ${positionals[0]}` : 'no command');
  const output = await withDataFolder(loadConfig().dataDir, (deps) =>
    actingAs({ via: 'cli', userId: null, email: null }, () => command(deps, values)),
  );
  console.log(output);
  return 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((thrown: unknown) => {
    const error = refusedWriteAsAppError(thrown) ?? thrown;
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n${USAGE}`);
    } else if (error instanceof AppError) {
      const details = error.issues.map((issue) => `  ${issue.path}: ${issue.message}`).join('\n');
      console.error(details ? `Not done:\n${details}` : `Not done: ${error.message}`);
    } else if (error instanceof StorageError || error instanceof FolderInUseError) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exit(error instanceof UsageError ? 64 : 1);
  });
