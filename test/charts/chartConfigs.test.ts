import { describe, expect, it } from 'vitest';
import { RADAR_RING_STEP, radarChartConfig, type ChartLabels } from '../../src/charts/chartConfigs.js';

const LABELS: ChartLabels = {
  dimensions: {
    responsiveness: 'Responsiveness',
    resolution: 'Resolution',
    escalation: 'Escalation',
    commitment: 'Commitment',
  },
  score: 'Score (0–100)',
};

const LOW_SCORER = {
  name: 'QuickPing Media',
  dimensions: { responsiveness: 12, resolution: 8, escalation: 15, commitment: 10 },
};

describe('the radar chart configuration', () => {
  it.each([
    ['the web page', {}],
    ['the PDF', { animation: false, responsive: false, fontFamily: 'Noto Sans SC' }],
  ])(
    'when built for %s, then its ring labels have no backdrop, sit under the data, and are small and muted',
    (_target, options) => {
      const ticks = radarChartConfig([LOW_SCORER], LABELS, options).options?.scales?.['r']?.ticks as
        Record<string, unknown> | undefined;

      expect(ticks).toMatchObject({ showLabelBackdrop: false, z: 0, stepSize: RADAR_RING_STEP });
      expect(ticks?.['backdropColor']).toBeUndefined();
      expect((ticks?.['font'] as { size: number }).size).toBeLessThanOrEqual(10);
      expect(ticks?.['color']).toMatch(/^#[89A][0-9A-F]{5}$/i);
    },
  );

  it('when built for the web and for the PDF, then both draw the same scale and data; only the font and animation differ', () => {
    const web = radarChartConfig([LOW_SCORER], LABELS);
    const pdf = radarChartConfig([LOW_SCORER], LABELS, { animation: false, fontFamily: 'Noto Sans SC' });

    const { font: webFont, ...webTicks } = web.options?.scales?.['r']?.ticks as Record<string, unknown>;
    const { font: pdfFont, ...pdfTicks } = pdf.options?.scales?.['r']?.ticks as Record<string, unknown>;
    expect(pdfTicks).toEqual(webTicks);
    expect(pdfFont).toEqual({ ...(webFont as object), family: 'Noto Sans SC' });
    expect(pdf.data).toEqual(web.data);
  });
});
