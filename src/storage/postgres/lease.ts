import pg from 'pg';

/**
 * A turn at work that one instance at a time may do (alert delivery): a session-level
 * advisory lock on a connection of its own. The instance that takes it keeps it while its
 * connection lives; when that instance stops or loses the connection, the next to ask takes it.
 */
export class AdvisoryLease {
  private client: pg.Client | null = null;
  private holding = false;

  constructor(
    private readonly url: string,
    private readonly key: number,
  ) {}

  /**
   * Whether this instance holds the lease now, taking it when it is free. A held lease is
   * checked with a round trip: a connection that died quietly must not leave two holders.
   */
  async held(): Promise<boolean> {
    if (this.holding && this.client) {
      const alive = await this.client.query('SELECT 1').then(
        () => true,
        () => false,
      );
      if (alive) return true;
      await this.close();
    }
    const client = await this.connection();
    const { rows } = await client.query<{ taken: boolean }>('SELECT pg_try_advisory_lock($1) AS taken', [
      this.key,
    ]);
    this.holding = rows[0]?.taken === true;
    return this.holding;
  }

  /** Lets the lease go (closing its connection releases the lock). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.holding = false;
    await client?.end().catch(() => undefined);
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({ connectionString: this.url, application_name: 'sla-probe lease' });
    const lost = () => {
      if (this.client === client) {
        this.client = null;
        this.holding = false;
      }
    };
    client.on('error', lost);
    client.on('end', lost);
    await client.connect();
    this.client = client;
    return client;
  }
}
