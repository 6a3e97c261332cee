/**
 * `npm run admin -- <command>`: account set-up for operators who script it, and the move of a
 * data folder into PostgreSQL. The commands work on whichever store the configuration names:
 * the PostgreSQL database at DATABASE_URL when it is set (servers may be running on it: every
 * write takes its turn there), else $DATA_DIR while the server is stopped (the data folder's
 * lock refuses a running one).
 *
 *   create-user  --email E --password P --role viewer|evaluator|admin [--name N]
 *   create-token --email E --name N [--role R]     prints the token, once
 *   reopen-trial --id T [--status running|planning] reopens a closed (frozen) trial
 *   migrate-to-postgres                              copies $DATA_DIR into the empty database
 *                                                    at DATABASE_URL, then checks the copy
 *
 * Reopening is the one change the command makes to trial data; like every other path, it
 * cannot otherwise change a closed trial (the repository refuses it inside the write).
 *
 * migrate-to-postgres needs both DATA_DIR and DATABASE_URL, and the folder's server stopped.
 * It copies in one transaction (all or nothing), refuses a database that holds data, then
 * reads both back and compares their counts and canonical export hashes (storage/canonical.ts)
 * and each evidence file's bytes against its hash: exit 0 when all agree, 1 when not. The
 * folder is only read (opening it folds its journal, as any start does); the operator then
 * points the server at DATABASE_URL.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { AppDeps } from '../app/deps.js';
import { AppError } from '../app/errors.js';
import { refusedWriteAsAppError } from '../app/storageErrors.js';
import { createToken } from '../app/tokens.js';
import { reopenTrial } from '../app/trialFreeze.js';
import { createUser } from '../app/users.js';
import { openDataFolder, withConfiguredStore } from '../app/wiring.js';
import { loadConfig } from '../config.js';
import { actingAs } from '../app/requestContext.js';
import type { AuditEntry } from '../domain/accounts.js';
import { COLLECTIONS, type Collection } from '../domain/database.js';
import { AttachmentFiles, listByHash } from '../storage/attachments.js';
import { canonicalExportHash, type CanonicalExport } from '../storage/canonical.js';
import { FolderInUseError, StorageError } from '../storage/errors.js';
import { copyIntoEmptyDatabase, DatabaseNotEmptyError, type CopyCounts } from '../storage/postgres/copy.js';
import { PgStore } from '../storage/postgres/pgStore.js';
import type { Store } from '../storage/store.js';

const USAGE = `Usage:
  npm run admin -- create-user --email E --password P --role viewer|evaluator|admin [--name N]
  npm run admin -- create-token --email E --name N [--role viewer|evaluator|admin]
  npm run admin -- reopen-trial --id T [--status running|planning]
  DATA_DIR=… DATABASE_URL=postgres://… npm run admin -- migrate-to-postgres
The first three work on PostgreSQL when DATABASE_URL is set, else on $DATA_DIR (server stopped).`;

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

/** What the command says, and its exit code. */
interface Outcome {
  code: number;
  output: string;
}

/**
 * DATA_DIR has a default for the server, but a copy from a folder the operator did not name
 * would be a surprise: both are asked for.
 */
function migrationTargets(): { dataDir: string; databaseUrl: string } {
  const missing = ['DATA_DIR', 'DATABASE_URL'].filter((name) => !process.env[name]);
  if (missing.length > 0)
    throw new UsageError(
      `migrate-to-postgres needs ${missing.join(' and ')} set (the folder to copy, the database to copy into)`,
    );
  const config = loadConfig();
  return { dataDir: config.dataDir, databaseUrl: config.databaseUrl ?? '' };
}

async function migrateToPostgres(): Promise<Outcome> {
  const { dataDir, databaseUrl } = migrationTargets();
  const folder = await openDataFolder(dataDir);
  try {
    const files: string[] = [];
    const copied = await copyFolder(folder, databaseUrl, files);
    const check = await checkCopy(folder, databaseUrl, files);
    return report(copied, check);
  } finally {
    await folder.close();
  }
}

async function copyFolder(folder: Store, databaseUrl: string, files: string[]): Promise<CopyCounts> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, application_name: 'sla-probe admin' });
  try {
    return await copyIntoEmptyDatabase(pool, {
      view: folder.view,
      auditOldestFirst: await auditOldestFirst(folder),
      attachments: storedFiles(folder, files),
    });
  } finally {
    await pool.end();
  }
}

/** The folder keeps its audit log newest first; the copy takes it in the order it was written. */
async function auditOldestFirst(folder: Store): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const entry of folder.auditNewestFirst()) entries.push(entry);
  return entries.reverse();
}

/**
 * Every evidence file stored in the folder (those no event refers to yet too: an upload may be
 * on its way, and the database's sweep takes them later as the folder's would), noting each
 * hash in `copied` for the check.
 */
async function* storedFiles(
  folder: Store,
  copied: string[],
): AsyncGenerator<{ sha256: string; bytes: Buffer }> {
  const attachments = new AttachmentFiles(folder.folder.dataDir, folder.folder.files);
  for (const { sha256, temporary } of await listByHash(attachments.files, attachments.folder)) {
    if (temporary) continue;
    const bytes = await attachments.read(sha256);
    if (!bytes) continue;
    copied.push(sha256);
    yield { sha256, bytes };
  }
}

interface Check {
  folder: CanonicalExport;
  database: CanonicalExport;
  /** Evidence files copied, and how many of them the database holds with bytes matching their hash. */
  files: { copied: number; intact: number };
}

/** Reads the database back as the server will (a PgStore) and compares it with the folder. */
async function checkCopy(folder: Store, databaseUrl: string, files: readonly string[]): Promise<Check> {
  const database = await PgStore.open(databaseUrl, { poolSize: 2 });
  try {
    const { rows } = await database.pool.query<{ intact: number }>(
      `SELECT count(*)::int AS intact FROM attachment_files
       WHERE sha256 = ANY($1::text[]) AND encode(sha256(bytes), 'hex') = sha256`,
      [files],
    );
    return {
      folder: await canonicalExportHash(folder.view, folder.auditNewestFirst()),
      database: await canonicalExportHash(database.view, database.auditNewestFirst()),
      files: { copied: files.length, intact: rows[0]?.intact ?? 0 },
    };
  } finally {
    await database.close();
  }
}

/** Words for the summary: each kind of record, singular and plural. */
const NOUNS: Record<Collection | 'audit' | 'attachments', [string, string]> = {
  trials: ['trial', 'trials'],
  vendors: ['vendor', 'vendors'],
  scenarios: ['scenario', 'scenarios'],
  probes: ['probe', 'probes'],
  users: ['user', 'users'],
  tokens: ['API token', 'API tokens'],
  sessions: ['session', 'sessions'],
  idempotency: ['request answer', 'request answers'],
  webhooks: ['webhook', 'webhooks'],
  alerts: ['alert', 'alerts'],
  deliveries: ['delivery', 'deliveries'],
  audit: ['audit entry', 'audit entries'],
  attachments: ['evidence file', 'evidence files'],
};

const counted = (counts: Partial<Record<keyof typeof NOUNS, number>>): string =>
  (Object.keys(NOUNS) as (keyof typeof NOUNS)[])
    .filter((kind) => counts[kind] !== undefined)
    .map((kind) => {
      const count = counts[kind] ?? 0;
      return `${count} ${NOUNS[kind][count === 1 ? 0 : 1]}`;
    })
    .join(', ');

function report(copied: CopyCounts, check: Check): Outcome {
  const copiedLine = `Copied ${counted(copied)} to PostgreSQL.`;
  const countsEqual = [...COLLECTIONS, 'audit' as const].every(
    (kind) => check.folder.counts[kind] === check.database.counts[kind],
  );
  const filesIntact = check.files.intact === check.files.copied;
  if (countsEqual && filesIntact && check.folder.sha256 === check.database.sha256)
    return {
      code: 0,
      output: `${copiedLine} Check: counts equal, canonical export hash ${check.folder.sha256} equal on both.`,
    };
  return {
    code: 1,
    output: [
      `${copiedLine} Check FAILED: the database does not hold what the folder holds.`,
      `  data folder: ${counted(check.folder.counts)}; canonical export hash ${check.folder.sha256}`,
      `  PostgreSQL:  ${counted(check.database.counts)}; canonical export hash ${check.database.sha256}`,
      `  evidence files: ${check.files.copied} copied, ${check.files.intact} found intact`,
      'The data folder is unchanged; empty the database before trying again.',
    ].join('\n'),
  };
}

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
  const name = positionals[0] ?? '';
  const command = COMMANDS[name];
  if ((!command && name !== 'migrate-to-postgres') || positionals.length !== 1)
    throw new UsageError(positionals[0] ? `unknown command ${positionals[0]}` : 'no command');
  const cli = { via: 'cli' as const, userId: null, email: null };
  if (!command) {
    const { code, output } = await actingAs(cli, migrateToPostgres);
    (code === 0 ? console.log : console.error)(output);
    return code;
  }
  const output = await withConfiguredStore(loadConfig(), (deps) =>
    actingAs(cli, () => command(deps, values)),
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
    } else if (
      error instanceof StorageError ||
      error instanceof FolderInUseError ||
      error instanceof DatabaseNotEmptyError
    ) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exit(error instanceof UsageError ? 64 : 1);
  });
