import path from 'node:path';
import { z } from 'zod';

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Worker threads that build PDF reports; unset means one fewer than the cores, at most 2. */
  REPORT_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  reportWorkers: number | undefined;
}

/** Configuration from the environment, validated at start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return {
    port: result.data.PORT,
    host: result.data.HOST,
    dataDir: path.resolve(result.data.DATA_DIR),
    reportWorkers: result.data.REPORT_WORKERS,
  };
}
