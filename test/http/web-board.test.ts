import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, postProbe, postTrial, postVendor } from './helpers.js';

/** The probe titles on the board, top to bottom. */
function boardTitles(html: string): string[] {
  const table = /data-testid="sla-board"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return [...table.matchAll(/<a href="\/probes\/[^"]+">([^<]*)<\/a>/g)].map((match) => match[1] ?? '');
}

/** The option a select of the board's filter form has selected. */
function selected(html: string, name: string): string | undefined {
  const select = new RegExp(`<select id="board-${name}" name="${name}">([\\s\\S]*?)</select>`).exec(
    html,
  )?.[1];
  return /<option value="([^"]*)" selected>/.exec(select ?? '')?.[1];
}

/**
 * Three open probes as of the app's clock, Tuesday 2026-11-24 12:00 in Shanghai: a breached
 * P1 of Zeta (sent 10:30), a breached P0 of Alpha (sent 11:30) and a calm P1 of Alpha (11:50).
 */
async function boardApp() {
  const testApp = await createTestApp();
  const { app } = testApp;
  const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
  const alpha = await postVendor(app, trial.id, { name: 'Alpha RTC' });
  const zeta = await postVendor(app, trial.id, { name: 'Zeta Media' });
  const open = (vendorId: string, title: string, severity: string, sentAt: string) =>
    postProbe(app, trial.id, vendorId, { title, severity, sentAt });
  await open(zeta.id, 'Zeta late P1', 'P1', '2026-11-24T10:30+08:00');
  await open(alpha.id, 'Alpha late P0', 'P0', '2026-11-24T11:30+08:00');
  await open(alpha.id, 'Alpha calm P1', 'P1', '2026-11-24T11:50+08:00');
  return { app, trial, alpha, zeta };
}

const get = (app: Express, path: string, lang = 'en') => request(app).get(path).set('Cookie', `lang=${lang}`);

describe('live SLA board filter and sort', () => {
  it('when the board fragment is asked for breached probes only, then only they come back and it says how many of all', async () => {
    // Arrange
    const { app, trial } = await boardApp();

    // Act
    const response = await get(app, `/trials/${trial.id}/board?status=breached`);

    // Assert
    expect(response.status).toBe(200);
    // Most urgent first: the P0 has used 200% of its 15 minutes, the P1 150% of its 60.
    expect(boardTitles(response.text)).toEqual(['Alpha late P0', 'Zeta late P1']);
    expect(response.text).toContain('Showing 2 of 3 open probes.');
    expect(response.text).toContain(`href="/trials/${trial.id}#board-heading" data-board-clear`);
  });

  it.each([
    ['sort=vendor', ['Alpha late P0', 'Alpha calm P1', 'Zeta late P1']],
    ['sort=severity', ['Alpha late P0', 'Zeta late P1', 'Alpha calm P1']],
    ['sort=due', ['Zeta late P1', 'Alpha late P0', 'Alpha calm P1']],
    ['severity=P1&sort=vendor', ['Alpha calm P1', 'Zeta late P1']],
  ])('when the fragment is asked for %s, then the rows read %j', async (query, titles) => {
    const { app, trial } = await boardApp();

    const response = await get(app, `/trials/${trial.id}/board?${query}`);

    expect(response.status).toBe(200);
    expect(boardTitles(response.text)).toEqual(titles);
  });

  it('when the fragment is asked for one vendor, then only its probes are shown', async () => {
    const { app, trial, zeta } = await boardApp();

    const response = await get(app, `/trials/${trial.id}/board?vendor=${zeta.id}`);

    expect(boardTitles(response.text)).toEqual(['Zeta late P1']);
  });

  it('when the dashboard is opened with a filter in its address, then the form shows it chosen and the 30-second refresh asks for the same', async () => {
    // Arrange
    const { app, trial, alpha } = await boardApp();

    // Act
    const response = await get(app, `/trials/${trial.id}?status=breached&vendor=${alpha.id}&sort=due`);

    // Assert
    expect(response.status).toBe(200);
    expect(boardTitles(response.text)).toEqual(['Alpha late P0']);
    expect(selected(response.text, 'status')).toBe('breached');
    expect(selected(response.text, 'vendor')).toBe(alpha.id);
    expect(selected(response.text, 'sort')).toBe('due');
    expect(response.text).toContain(
      `data-source="/trials/${trial.id}/board?status=breached&amp;vendor=${alpha.id}&amp;sort=due"`,
    );
    // Without script the form is a GET back to the dashboard, landing on the board.
    expect(response.text).toContain(`<form method="get" action="/trials/${trial.id}#board-heading"`);
  });

  it('when the address holds choices the form never offers, then the whole board is shown instead of an error', async () => {
    const { app, trial } = await boardApp();

    const response = await get(app, `/trials/${trial.id}/board?status=late&vendor=nobody&severity=P9&sort=x`);

    expect(response.status).toBe(200);
    expect(boardTitles(response.text)).toHaveLength(3);
    expect(response.text).not.toContain('Showing');
  });

  it('when no open probe matches, then the board says so and offers to show them all', async () => {
    const { app, trial } = await boardApp();

    const response = await get(app, `/trials/${trial.id}/board?status=at_risk`);

    expect(response.status).toBe(200);
    expect(boardTitles(response.text)).toEqual([]);
    expect(response.text).toContain('No open probe matches these filters.');
    expect(response.text).toContain('Show all open probes');
  });

  it('when the dashboard is read in Chinese, then the filter and sort speak Chinese', async () => {
    const { app, trial } = await boardApp();

    const response = await get(app, `/trials/${trial.id}?status=breached`, 'zh-CN');
    const fragment = await get(app, `/trials/${trial.id}/board?status=breached`, 'zh-CN');

    expect(response.status).toBe(200);
    for (const text of ['筛选和排序看板', '全部厂商', '距超时时间', '最紧急优先', '全部级别']) {
      expect(response.text).toContain(text);
    }
    expect(fragment.text).toContain('显示 2 个，共 3 个未关闭问题单。');
    expect(fragment.text).not.toMatch(/dash\.(filter|sort)\./);
  });
});

describe('live SLA board length', () => {
  /** 52 open probes of one vendor and one of another, all sent before the app's clock. */
  async function longBoardApp() {
    const testApp = await createTestApp();
    const { app } = testApp;
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
    const many = await postVendor(app, trial.id, { name: 'Many RTC' });
    const one = await postVendor(app, trial.id, { name: 'One RTC' });
    for (let n = 0; n < 52; n++) {
      const minute = String(n).padStart(2, '0');
      await postProbe(app, trial.id, many.id, {
        title: `Many ${n}`,
        severity: 'P2',
        sentAt: `2026-11-24T10:${minute}+08:00`,
      });
    }
    await postProbe(app, trial.id, one.id, {
      title: 'One late',
      severity: 'P0',
      sentAt: '2026-11-24T09:00+08:00',
    });
    return { app, trial, many };
  }

  it('when more probes are open than the board shows, then the dashboard shows the 50 most urgent and links to all of them', async () => {
    // Arrange
    const { app, trial } = await longBoardApp();

    // Act
    const dashboard = await get(app, `/trials/${trial.id}`);
    const all = await get(app, `/trials/${trial.id}?board=all`);

    // Assert
    expect(dashboard.status).toBe(200);
    const titles = boardTitles(dashboard.text);
    expect(titles).toHaveLength(50);
    expect(titles[0]).toBe('One late');
    expect(dashboard.text).toContain('The first 50 of 53 are shown.');
    expect(dashboard.text).toContain(
      `href="/trials/${trial.id}?board=all#board-heading" data-testid="board-show-all">Show all 53 probes</a>`,
    );
    expect(all.status).toBe(200);
    expect(boardTitles(all.text)).toHaveLength(53);
    expect(all.text).toContain(
      `href="/trials/${trial.id}#board-heading" data-testid="board-show-fewer">Show only the first 50</a>`,
    );
    // The 30-second refresh and the filter form keep the whole board.
    expect(all.text).toContain(`data-source="/trials/${trial.id}/board?board=all"`);
    expect(all.text).toContain('<input type="hidden" name="board" value="all">');
  });

  it.each([
    ['en', 'Show all 52 probes', 'The first 50 of 52 are shown.'],
    ['zh-CN', '显示全部 52 个问题单', '仅显示前 50 个，共 52 个。'],
  ])(
    'when the board is filtered to one vendor in %s, then "show all" keeps the filter',
    async (lang, showAll, capped) => {
      const { app, trial, many } = await longBoardApp();

      const fragment = await get(app, `/trials/${trial.id}/board?vendor=${many.id}`, lang);
      const all = await get(app, `/trials/${trial.id}/board?vendor=${many.id}&board=all`, lang);

      expect(boardTitles(fragment.text)).toHaveLength(50);
      expect(fragment.text).toContain(capped);
      expect(fragment.text).toContain(
        `href="/trials/${trial.id}?vendor=${many.id}&amp;board=all#board-heading"`,
      );
      expect(fragment.text).toContain(showAll);
      expect(boardTitles(all.text)).toHaveLength(52);
      expect(boardTitles(all.text)).not.toContain('One late');
    },
  );
});
