/**
 * Servers for the bench, each its own process on a free loopback port: the product as a
 * newcomer starts it (`npm start`: the compiled build, production settings) and the bare
 * Express baseline. Start-up is timed from spawning to the first answer to a request.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 60_000;

export interface Running {
  baseUrl: string;
  /** The process that serves (for `npm start`, npm's child, not npm). */
  pid: number;
  /** Milliseconds from spawning to the first answered request. */
  startMs: number;
  stop(): Promise<number | null>;
}

/** The product's server via `npm start` over `dataDir`. */
export function startProduct(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return started(child, /running at (http:\/\/[^/\s]+)\//, '/healthz');
}

/** The bare Express route (bench/bareServer.mjs). */
export function startBare(): Promise<Running> {
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/bareServer.mjs')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return started(child, /running at (http:\/\/[^/\s]+)\//, '/');
}

async function started(child: ChildProcess, printed: RegExp, probePath: string): Promise<Running> {
  const spawnedAt = performance.now();
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no server within ${START_TIMEOUT_MS} ms: ${output}`));
    }, START_TIMEOUT_MS);
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const url = printed.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${String(code)}) before listening: ${output}`));
    });
  });
  const answer = await fetch(`${baseUrl}${probePath}`);
  await answer.arrayBuffer();
  const startMs = performance.now() - spawnedAt;
  const pid = (await serverPid(child.pid ?? 0)) ?? child.pid ?? 0;
  return {
    baseUrl,
    pid,
    startMs,
    async stop() {
      process.kill(pid, 'SIGTERM');
      return exited;
    },
  };
}

/** npm runs the script as its child (`exec node …`); that child is the server. */
async function serverPid(pid: number): Promise<number | undefined> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const first = Number(children.trim().split(/\s+/)[0]);
  return Number.isInteger(first) && first > 0 ? first : undefined;
}

/** Starts a new peak: the kernel's record of the process's highest resident memory is reset (Linux). */
export async function resetPeak(pid: number): Promise<void> {
  await writeFile(`/proc/${pid}/clear_refs`, '5').catch(() => undefined);
}

/** A process's resident memory now and at its peak, in MB (Linux /proc; NaN elsewhere). */
export async function memoryOf(pid: number): Promise<{ rssMb: number; peakMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const field = (name: string) =>
    Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN) / 1024;
  return { rssMb: field('VmRSS'), peakMb: field('VmHWM') };
}
