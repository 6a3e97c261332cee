/**
 * A throwaway PostgreSQL cluster for the tests and the bench: `initdb` into a new temporary
 * folder, started on a random port that listens on a socket in that folder only (no TCP), with
 * fsync off (a crash loses the whole folder anyway). As root, the server runs as the
 * `postgres` user Debian's package creates (PostgreSQL refuses to run as root).
 *
 *   npx tsx scripts/postgres.ts start   prints the folder and the connection URL, as JSON
 *   npx tsx scripts/postgres.ts stop <folder>
 *
 * Imported, `startCluster()` and `stopCluster(folder)` do the same.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The folder of PostgreSQL's server programs, or null when none is installed. */
export function postgresBinaries(): string | null {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates: string[] = [];
  if (fromConfig.status === 0) candidates.push(fromConfig.stdout.trim());
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian))
    for (const version of readdirSync(debian).sort((a, b) => Number(b) - Number(a)))
      candidates.push(path.join(debian, version, 'bin'));
  return candidates.find((folder) => existsSync(path.join(folder, 'initdb'))) ?? null;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(bin: string, program: string, args: string[]): void {
  const command = asRoot ? 'runuser' : path.join(bin, program);
  const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin, program), ...args] : args;
  execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface Cluster {
  folder: string;
  url: string;
}

/** Starts a cluster. Throws when PostgreSQL is not installed. */
export function startCluster(): Cluster {
  const bin = postgresBinaries();
  if (!bin) throw new Error('PostgreSQL is not installed (no initdb found)');
  const folder = mkdtempSync(path.join(tmpdir(), 'sla-probe-pg-'));
  if (asRoot) chownSync(folder, uid('postgres'), gid('postgres'));
  chmodSync(folder, 0o700);
  const data = path.join(folder, 'data');
  run(bin, 'initdb', ['-D', data, '-U', 'sla', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Ports are only socket names here (no TCP); a random one keeps parallel clusters apart.
  const port = 20_000 + Math.floor(Math.random() * 40_000);
  const options = [
    `-p ${port}`,
    `-k ${folder}`,
    "-c listen_addresses=''",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  run(bin, 'pg_ctl', ['-D', data, '-o', options, '-l', path.join(folder, 'log'), '-w', 'start']);
  // The socket's folder must be reachable by the tests' user.
  chmodSync(folder, 0o755);
  return { folder, url: `postgres://sla@localhost:${port}/postgres?host=${encodeURIComponent(folder)}` };
}

export function stopCluster(folder: string): void {
  const bin = postgresBinaries();
  if (bin && existsSync(path.join(folder, 'data')))
    spawnSync(asRoot ? 'runuser' : path.join(bin, 'pg_ctl'), [
      ...(asRoot ? ['-u', 'postgres', '--', path.join(bin, 'pg_ctl')] : []),
      '-D',
      path.join(folder, 'data'),
      '-m',
      'immediate',
      'stop',
    ]);
  rmSync(folder, { recursive: true, force: true });
}

function uid(name: string): number {
  return Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
}
function gid(name: string): number {
  return Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, folder] = process.argv.slice(2);
  if (command === 'start') console.log(JSON.stringify(startCluster()));
  else if (command === 'stop' && folder) stopCluster(folder);
  else {
    console.error('usage: npx tsx scripts/postgres.ts start | stop <folder>');
    process.exit(2);
  }
}
