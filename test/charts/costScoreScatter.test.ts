import { describe, expect, it } from 'vitest';
import { costScoreScatterConfig, PALETTE } from '../../src/charts/chartConfigs.js';

/** SPEC §5.3's cost-versus-score chart: one configuration for the page and the PDF. */
const labels = { cost: 'Annual cost (CNY)', score: 'Overall (0–100)' };

describe('costScoreScatterConfig', () => {
  const config = costScoreScatterConfig(
    [
      { name: 'A', annualCost: 120_000, overall: 97.5, disqualified: false },
      { name: 'B', annualCost: 60_000, overall: 62.5, disqualified: true },
    ],
    labels,
    { animation: false, responsive: false, fontFamily: 'Noto Sans SC' },
  );

  it('when vendors are given, then each is one named point at its cost and score, in the ranking colours', () => {
    expect(config.type).toBe('scatter');
    expect(config.data.datasets.map((set) => [set.label, set.data])).toEqual([
      ['A', [{ x: 120_000, y: 97.5 }]],
      ['B', [{ x: 60_000, y: 62.5 }]],
    ]);
    const borders: unknown[] = config.data.datasets.map((set): unknown => set.borderColor);
    expect(borders).toEqual([PALETTE[0], PALETTE[1]]);
  });

  it('when a vendor is disqualified, then its point is hollow and shaped apart', () => {
    const [qualified, disqualified] = config.data.datasets;
    expect(qualified?.backgroundColor).toBe(PALETTE[0]);
    expect(disqualified?.backgroundColor).toBe('rgba(255, 255, 255, 0)');
    expect(disqualified?.pointStyle).toBe('rectRot');
  });

  it('when rendered for a PDF, then the axes start at zero, the score runs to 100 and nothing animates', () => {
    expect(config.options?.animation).toBe(false);
    expect(config.options?.scales?.['x']).toMatchObject({ min: 0, title: { text: labels.cost } });
    expect(config.options?.scales?.['y']).toMatchObject({ min: 0, max: 100, title: { text: labels.score } });
    expect(JSON.parse(JSON.stringify(config))).toEqual(config);
  });
});
