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
