/**
 * The trials list shows each trial's lifecycle (issue 13): its status badge (planning,
 * running, closed), the leader (best-ranked vendor not disqualified, by the dashboard's
 * scorecard) and how many open probes have breached a target now.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, postEvent, postProbe, postTrial, postVendor } from './helpers.js';

/** The text of one trial's card on the list, tags removed and spaces squeezed. */
function cardText(html: string, trialId: string): string {
  const start = html.indexOf(`data-trial-id="${trialId}"`);
  expect(start, `card of ${trialId}`).toBeGreaterThan(-1);
  const end = html.indexOf('</li>', start);
  return html
    .slice(start, end)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('GET /trials (the cards)', () => {
  it.each([
    [
      'en',
      {},
      ['Running', 'Leader: Steady Cloud (', '1 open breach'],
      ['Closed', 'No leader yet', 'No open breaches'],
    ],
    [
      'zh-CN',
      { Cookie: 'lang=zh-CN' },
      ['进行中', '领先：Steady Cloud（', '1 个未结超时'],
      ['已结束', '暂无领先厂商', '无未结超时'],
    ],
  ])(
    'when a running trial has a disqualified front-runner and a breached probe, and another trial is closed and empty, then the cards say so in %s',
    async (_locale, headers, running, closed) => {
      // Arrange
      const { app } = await createTestApp();
      const trial = await postTrial(app, { status: 'running', knockouts: { serviceCredits: true } });
      // Fast and fixed, but without service credits: disqualified, so not the leader.
      const fast = await postVendor(app, trial.id, { name: 'Fast No Credits' });
      const steady = await postVendor(app, trial.id, {
        name: 'Steady Cloud',
        sla: { serviceCredits: { offered: true } },
      });
      const fastProbe = await postProbe(app, trial.id, fast.id);
      await postEvent(app, fastProbe.id, '2026-11-20T10:05+08:00', 'ack');
      await postEvent(app, fastProbe.id, '2026-11-20T10:30+08:00', 'confirmed_fixed');
      const steadyProbe = await postProbe(app, trial.id, steady.id);
      await postEvent(app, steadyProbe.id, '2026-11-20T10:40+08:00', 'ack');
      await postEvent(app, steadyProbe.id, '2026-11-20T13:00+08:00', 'confirmed_fixed');
      // Sent days ago and never answered: breached now.
      await postProbe(app, trial.id, steady.id, {
        title: 'Recording lost',
        sentAt: '2026-11-22T10:00+08:00',
      });
      const empty = await postTrial(app, { name: 'Finished round' });
      await request(app).post(`/api/v1/trials/${empty.id}/close`).expect(200);

      // Act
      const page = await request(app).get('/trials').set(headers);

      // Assert
      expect(page.status).toBe(200);
      const runningCard = cardText(page.text, trial.id);
      for (const text of running) expect(runningCard).toContain(text);
      expect(runningCard).not.toContain('Fast No Credits');
      const closedCard = cardText(page.text, empty.id);
      for (const text of closed) expect(closedCard).toContain(text);
      expect(page.text).toMatch(new RegExp(`data-trial-id="${empty.id}"[\\s\\S]*?badge status-closed`));
    },
  );

  it('when a trial is closed, then its card shows the start of its snapshot hash and offers no archive or delete (it is frozen)', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    await request(app).post(`/api/v1/trials/${trial.id}/close`).expect(200);

    // Act
    const page = await request(app).get('/trials');

    // Assert
    const start = page.text.indexOf(`data-trial-id="${trial.id}"`);
    const card = page.text.slice(start, page.text.indexOf('</li>', start));
    expect(card).toContain('data-testid="duplicate"');
    expect(card).not.toContain('data-testid="archive"');
    expect(card).not.toContain('data-testid="delete"');
    const closed = (await request(app).get(`/api/v1/trials/${trial.id}`)).body as {
      snapshot: { sha256: string };
    };
    expect(card).toContain(
      `Snapshot SHA-256: <code title="${closed.snapshot.sha256}">${closed.snapshot.sha256.slice(0, 12)}…</code>`,
    );
  });
});
