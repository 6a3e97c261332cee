/**
 * The real server as its own process (`node --import tsx src/server.ts`) over a data
 * folder, for tests and benchmarks that must kill it, restart it or load it over loopback
 * the way production runs it. Also: writing set-up data into a folder before the server
 * opens it, through the same use cases the API calls.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface ServerProcess {
  child: ChildProcessByStdio<null, Readable, Readable>;
  baseUrl: string;
  /** Settles when the process has gone, however it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What the process wrote to stdout and stderr so far, for failure messages. */
  output(): string;
}

/**
 * Start `src/server.ts` on a free loopback port with its data in `dataDir`; resolves once
 * it prints its address. The command line is spelled out (not `process.execArgv`) because
 * under vitest the current process was not started with tsx's loader.
 */
export async function startServer(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      REPORT_WORKERS: '1',
      ...env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${START_TIMEOUT_MS} ms: ${output}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', () => {
      const url = /running at (http:\/\/[^/\s]+)\//.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${signal ?? String(code)}) before listening: ${output}`));
    });
  });
  return { child, baseUrl, exited, output: () => output };
}
