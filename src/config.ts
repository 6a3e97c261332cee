import path from 'node:path';
import { z } from 'zod';
import type { AlertConfig } from './app/alerts/settings.js';

/** `SMTP_URL=` in an environment file means "not set", as leaving it out does. */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema);

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… : the data lives in PostgreSQL, shared by every instance given the same URL (SPEC §9). */
  DATABASE_URL: unsetWhenEmpty(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** Worker threads that build PDF reports; unset means one fewer than the cores, at most 2. */
  REPORT_WORKERS: z.coerce.number().int().min(1).max(16).optional(),
  /** Reports that may wait for a worker; one more is answered 503 with Retry-After. */
  REPORT_QUEUE_MAX: z.coerce.number().int().min(0).max(1000).default(8),
  /** A report worker starts with the first report; one left without work this long exits (up to a day). */
  REPORT_WORKER_IDLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  /** How often to back up the database when it changed, and how many copies to keep. */
  BACKUP_INTERVAL_MINUTES: z.coerce.number().positive().max(10_080).default(60),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(48),
  /** The largest evidence file accepted, in bytes: 10 MB unless told (at most 1 GB). */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1024 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /**
   * Set when a TLS-terminating proxy is in front: `true`, a hop count, or addresses as
   * Express's `trust proxy` takes them ("loopback", "10.0.0.0/8"). Session cookies are then `Secure`.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .min(1)
    .optional()
    .transform((value) => {
      if (value === undefined || value === 'false') return undefined;
      if (value === 'true') return true;
      return /^\d+$/.test(value) ? Number(value) : value;
    }),
  /** Alerts (SPEC §9): how often triggers are checked and due deliveries sent. */
  ALERT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Webhook targets on loopback or private addresses are refused unless this is 1 (self-hosted chat gateways). */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
  /** Attempts before a delivery is given up (dead letter). */
  ALERT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  /** A probe waiting on us longer than this (calendar minutes) alerts. */
  ALERT_WAITING_MINUTES: z.coerce.number().int().min(1).max(100_000).default(240),
  /** The address people open the app at, for links in alerts (e.g. https://sla.example.com). */
  PUBLIC_BASE_URL: unsetWhenEmpty(z.url({ protocol: /^https?$/ }).optional()),
  /** smtp://user:pass@host:port or smtps://…; unset means no e-mail. */
  SMTP_URL: unsetWhenEmpty(z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.string().min(3).max(300).default('SLA Probe <sla-probe@localhost>'),
  /** The hour (0–23, server time zone) the daily digest goes out. */
  ALERT_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(9),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Unset: the data folder's JSON store. */
  databaseUrl: string | undefined;
  reportWorkers: number | undefined;
  reportQueueMax: number;
  reportWorkerIdleSeconds: number;
  backupIntervalMinutes: number;
  backupKeep: number;
  attachmentMaxBytes: number;
  trustProxy: boolean | number | string | undefined;
  alerts: AlertConfig;
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
    databaseUrl: result.data.DATABASE_URL,
    reportWorkers: result.data.REPORT_WORKERS,
    reportQueueMax: result.data.REPORT_QUEUE_MAX,
    reportWorkerIdleSeconds: result.data.REPORT_WORKER_IDLE_SECONDS,
    backupIntervalMinutes: result.data.BACKUP_INTERVAL_MINUTES,
    backupKeep: result.data.BACKUP_KEEP,
    attachmentMaxBytes: result.data.ATTACHMENT_MAX_BYTES,
    trustProxy: result.data.TRUST_PROXY,
    alerts: {
      intervalSeconds: result.data.ALERT_INTERVAL_SECONDS,
      allowPrivateTargets: result.data.WEBHOOK_ALLOW_PRIVATE === '1',
      maxAttempts: result.data.ALERT_MAX_ATTEMPTS,
      waitingMinutes: result.data.ALERT_WAITING_MINUTES,
      publicBaseUrl: result.data.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
      smtpUrl: result.data.SMTP_URL,
      mailFrom: result.data.MAIL_FROM,
      digestHour: result.data.ALERT_DIGEST_HOUR,
    },
  };
}
