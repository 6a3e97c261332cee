/**
 * The per-target rate limit: at most 20 messages a minute to one webhook, the documented
 * limit of DingTalk's and WeCom's group robots (more are refused, errcode 130101 / 45009) and
 * near Feishu's. A sliding window of send times per target; it lives as long as the alert
 * loop that owns it (a restart forgets a minute at most).
 */
export const SENDS_PER_MINUTE = 20;

export class SendWindow {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limit = SENDS_PER_MINUTE,
    private readonly windowMs = 60_000,
  ) {}

  /** Counts a send to `key` at `nowMs` if the window has room; false (nothing counted) if not. */
  take(key: string, nowMs: number): boolean {
    const recent = (this.sent.get(key) ?? []).filter((at) => at > nowMs - this.windowMs);
    if (recent.length >= this.limit) {
      this.sent.set(key, recent);
      return false;
    }
    recent.push(nowMs);
    this.sent.set(key, recent);
    return true;
  }
}
