import type pg from 'pg';
import type { SignInLedger, SignInStreak } from '../signIns.js';

/** bigint columns come back as strings (a JavaScript number cannot hold every bigint); ours are epoch milliseconds. */
interface ReadRow {
  times: string[];
  failures: number | null;
  last_at: string | null;
}

/**
 * The address's times and the account's streak in one round trip. The outer query always
 * yields one row, so an address with no streak still gets its times.
 */
const READ = `
  SELECT ARRAY(
           SELECT at FROM sign_in_failures WHERE address = $1 AND at > $3 ORDER BY at
         ) AS times,
         streak.failures,
         streak.last_at
  FROM (SELECT 1) AS one
  LEFT JOIN sign_in_streaks AS streak ON streak.address = $1 AND streak.account = $2`;

/**
 * The failure and the streak's count in one statement, so one atomic step. The upsert takes
 * the streak's row lock, so two instances recording at once both count; `GREATEST` keeps the
 * later time when their clocks or their turns disagree.
 */
const RECORD_FAILURE = `
  WITH failure AS (INSERT INTO sign_in_failures (address, at) VALUES ($1, $3))
  INSERT INTO sign_in_streaks (address, account, failures, last_at) VALUES ($1, $2, 1, $3)
  ON CONFLICT (address, account) DO UPDATE
    SET failures = sign_in_streaks.failures + 1,
        last_at = GREATEST(sign_in_streaks.last_at, excluded.last_at)`;

const CLEAR_STREAK = 'DELETE FROM sign_in_streaks WHERE address = $1 AND account = $2';

const PRUNE = `
  WITH failures AS (DELETE FROM sign_in_failures WHERE at < $1)
  DELETE FROM sign_in_streaks WHERE last_at < $1`;

/** Failed sign-ins in PostgreSQL, shared by every instance behind the load balancer. */
export class PgSignIns implements SignInLedger {
  constructor(private readonly pool: pg.Pool) {}

  async read(
    address: string,
    account: string,
    since: number,
  ): Promise<{ addressTimes: number[]; streak: SignInStreak | undefined }> {
    const { rows } = await this.pool.query<ReadRow>(READ, [address, account, since]);
    const row = rows[0];
    if (!row) return { addressTimes: [], streak: undefined };
    const addressTimes = row.times.map(Number);
    const streak =
      row.failures !== null && row.last_at !== null
        ? { failures: row.failures, lastAt: Number(row.last_at) }
        : undefined;
    return { addressTimes, streak };
  }

  async recordFailure(address: string, account: string, at: number): Promise<void> {
    await this.pool.query(RECORD_FAILURE, [address, account, at]);
  }

  async clearStreak(address: string, account: string): Promise<void> {
    await this.pool.query(CLEAR_STREAK, [address, account]);
  }

  async prune(before: number): Promise<void> {
    await this.pool.query(PRUNE, [before]);
  }
}
