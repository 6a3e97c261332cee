/** Alert settings (SPEC §9), read from the environment by ../../config.ts. */
export interface AlertConfig {
  /** How often triggers are checked and due deliveries sent (`ALERT_INTERVAL_SECONDS`). */
  intervalSeconds: number;
  /** Loopback and private addresses allowed as targets (`WEBHOOK_ALLOW_PRIVATE=1`). */
  allowPrivateTargets: boolean;
  /** Attempts before a delivery is dead (`ALERT_MAX_ATTEMPTS`). */
  maxAttempts: number;
  /** Waiting on us longer than this alerts (`ALERT_WAITING_MINUTES`). */
  waitingMinutes: number;
  /** Without a trailing slash; links fall back to the server's own address when unset. */
  publicBaseUrl: string | undefined;
  /** Unset: no e-mail. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The hour (0–23, server time) the daily digest goes out. */
  digestHour: number;
}

export const DEFAULT_ALERTS: AlertConfig = {
  intervalSeconds: 30,
  allowPrivateTargets: false,
  maxAttempts: 8,
  waitingMinutes: 240,
  publicBaseUrl: undefined,
  smtpUrl: undefined,
  mailFrom: 'SLA Probe <sla-probe@localhost>',
  digestHour: 9,
};
