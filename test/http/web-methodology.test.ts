import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './helpers.js';

/** The text of a table found by its test id, tags removed and spaces collapsed. */
function tableText(html: string, testId: string): string {
  const table = new RegExp(`<table[^>]*data-testid="${testId}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1];
  return (table ?? '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('GET /methodology', () => {
  it('when read in English, then it explains sla-score/1 with the figures of the model', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).get('/methodology');

    // Assert
    expect(response.status).toBe(200);
    const html = response.text;
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('How vendors are scored');
    expect(html).toContain('sla-score/1');
    for (const figure of [
      '0.85',
      '0.75',
      '1,000 times',
      '2,000 sets of dimension weights',
      'from the 5th to the 95th percentile',
      '100 − 40 × (r − 1)',
    ]) {
      expect(html).toContain(figure);
    }
    expect(tableText(html, 'default-targets')).toContain(
      'P0 — critical 15 min Calendar time 4 h 30 min P1 — major 60 min Calendar time 24 h 2 h',
    );
    expect(tableText(html, 'default-targets')).toContain('P3 — question 8 h Business hours none none');
    expect(tableText(html, 'default-weights')).toBe(
      'Dimension Default weight Responsiveness 25% Resolution 35% Escalation 20% Commitment 20%',
    );
    expect(tableText(html, 'escalation-penalties')).toMatch(/−20 .* −30 .* −50 .* −30$/);
    expect(tableText(html, 'strength-items')).toMatch(/\(6\.25 per severity\) 25 .* Total 100$/);
    expect(tableText(html, 'depth-scale')).toContain(
      '4 A fix (or tuned parameters) delivered Fix delivered 100',
    );
    expect(tableText(html, 'confidence')).toBe(
      'Confidence Counted probes Likely range width High 6 or more at most 15 points Medium 3 or more at most 30 points Low anything else',
    );
    for (const term of [
      'Likely range',
      'Win share',
      'First share',
      'Ahead of next',
      'Evidence',
      'Disqualified',
      'Verdict',
    ]) {
      expect(html).toContain(`<dt id="term-`);
      expect(html).toMatch(new RegExp(`<dt id="term-\\w+">${term}</dt>`));
    }
    expect(html).toContain('<code>escalation = 0.3 × documented + 0.7 × exercised</code>');
    expect(html).toContain('<code>commitment = 0.6 × strength + 0.4 × 100 × keep rate</code>');
  });

  it('when read in Chinese, then the page is Chinese and shows the same figures', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await request(app).get('/methodology').set('Cookie', 'lang=zh-CN');

    // Assert
    expect(response.status).toBe(200);
    const html = response.text;
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>评分方法</h1>');
    expect(html).toContain('一票否决门槛');
    for (const figure of ['0.85', '1,000', '2,000', '第 5 到第 95 百分位']) expect(html).toContain(figure);
    expect(tableText(html, 'default-targets')).toContain('P0 — 紧急 15 分钟 自然时间 4 小时 30 分钟');
    expect(tableText(html, 'confidence')).toBe(
      '置信度 计入的问题单 可能区间宽度 高 6 个及以上 不超过 15 分 中 3 个及以上 不超过 30 分 低 其余情况',
    );
    expect(html).toContain('<dt id="term-firstShare">首选比例</dt>');
  });

  it.each(['en', 'zh-CN'])(
    'when read in %s, then no message key shows through untranslated and every contents link has its section',
    async (lang) => {
      // Arrange
      const { app } = await createTestApp();

      // Act
      const response = await request(app).get('/methodology').set('Cookie', `lang=${lang}`);

      // Assert
      const html = response.text;
      expect(html).not.toMatch(
        /\b(method|dimension|severity|event|outcome|gate|confidence|clock)\.[a-zA-Z0-9]/,
      );
      const anchors = [...html.matchAll(/<li><a href="#([\w-]+)">/g)].map(([, id]) => id);
      expect(anchors).toHaveLength(13);
      for (const id of anchors) expect(html).toContain(`<section id="${id ?? ''}"`);
    },
  );
});
