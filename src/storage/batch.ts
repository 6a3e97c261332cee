import type { Change } from './journal.js';
import type { Decision } from './recordStore.js';
import { Overlay, type Tables, type TableView } from './tables.js';

/** A command waiting for its batch. */
export interface Command {
  decide: (view: TableView) => Decision<unknown>;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

/** A command once decided: its result, and what it changes (null when nothing). */
export interface Decided {
  command: Command;
  result: unknown;
  change: Change | null;
}

/**
 * Commands queue up and run in batches (group commit): the first command of an idle queue
 * starts a batch on the next turn, so commands issued together share one write, and those that
 * arrive while a batch is written make the next one. `write` writes a batch and settles its
 * commands; `after` runs between batches (the data folder's fold).
 */
export class CommandQueue {
  private readonly queue: Command[] = [];
  private running = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private finishIdle: () => void = () => undefined;

  constructor(
    private readonly write: (batch: Command[]) => Promise<void>,
    private readonly after: () => Promise<void> = () => Promise.resolve(),
  ) {}

  push<T>(decide: (view: TableView) => Decision<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('The store is closed'));
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ decide, resolve: resolve as (result: unknown) => void, reject });
      if (!this.running) {
        this.running = true;
        this.idle = new Promise((done) => (this.finishIdle = done));
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Resolves once every queued command, and what runs after its batch, is done. */
  settled(): Promise<void> {
    return this.idle;
  }

  /** Refuses new commands; resolves once those queued are done. */
  close(): Promise<void> {
    this.closed = true;
    return this.idle;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      await this.write(this.queue.splice(0));
      await this.after();
    }
    this.running = false;
    this.finishIdle();
  }
}

/**
 * Decides a batch: each command sees the acknowledged records with the batch's earlier
 * decisions laid over them; a command that throws is refused alone. Audit entries are numbered
 * on from `auditSeq`. `record` sees each change with the records as they stood before it (the
 * journal writes edits against them). Nothing reaches `base` here.
 */
export function decideBatch(
  base: Tables,
  batch: readonly Command[],
  auditSeq: number,
  record: (change: Change, before: TableView) => void = () => undefined,
): { decided: Decided[]; changes: Change[]; auditSeq: number } {
  const overlay = new Overlay(base);
  const decided: Decided[] = [];
  const changes: Change[] = [];
  let seq = auditSeq;
  for (const command of batch) {
    let decision: Decision<unknown>;
    try {
      decision = command.decide(overlay);
    } catch (error) {
      command.reject(error);
      continue;
    }
    const { audit, ...records } = decision.change ?? {};
    const change: Change | null = decision.change
      ? {
          ...records,
          ...(audit?.length ? { audit: audit.map((entry) => ({ ...entry, seq: ++seq })) } : {}),
        }
      : null;
    if (change && !isEmpty(change)) {
      record(change, overlay);
      overlay.apply(change);
      changes.push(change);
    }
    decided.push({ command, result: decision.result, change });
  }
  return { decided, changes, auditSeq: seq };
}

function isEmpty(change: Change): boolean {
  const none = (part: Partial<Record<string, unknown[]>> | undefined) =>
    Object.values(part ?? {}).every((list) => (list?.length ?? 0) === 0);
  return none(change.put) && none(change.delete) && (change.audit?.length ?? 0) === 0;
}

/** Collections no score, board or dashboard reads: writing them leaves cached pages valid. */
const QUIET_COLLECTIONS = new Set(['users', 'tokens', 'sessions', 'idempotency', 'webhooks', 'deliveries']);

/**
 * Whether a change touches trial data. The outbox is quiet (a delivery attempt every few
 * seconds must not throw the dashboards away); the alerts that fired are not, the board shows them.
 */
export function touchesTrials(change: Change): boolean {
  const collections = [...Object.keys(change.put ?? {}), ...Object.keys(change.delete ?? {})];
  return collections.some((collection) => !QUIET_COLLECTIONS.has(collection));
}
