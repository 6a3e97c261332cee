import { describe, expect, it } from 'vitest';
import { computeScorecard, type VendorScorecard } from '../../src/domain/scoring/scorecard.js';
import { buildSampleTrial } from '../../src/sample/sampleTrial.js';

function scoreSample(nowIso: string) {
  let sequence = 0;
  const now = new Date(nowIso);
  const data = buildSampleTrial(now, (prefix) => `${prefix}_${++sequence}`);
  const card = computeScorecard(data, now.getTime());
  const byName = (name: string): VendorScorecard => {
    const vendor = card.vendors.find((candidate) => candidate.name === name);
    if (!vendor) throw new Error(`no vendor ${name}`);
    return vendor;
  };
  return { data, card, byName };
}

describe('the sample trial tells its four stories', () => {
  // Tuesday afternoon, Monday before work, and Sunday night in Shanghai: the sample must hold at any time.
  it.each(['2026-11-24T07:00:00Z', '2026-11-23T00:30:00Z', '2026-11-22T15:00:00Z', '2027-03-03T02:00:00Z'])(
    'when loaded at %s, then the solid vendor ranks first and the ticket-bouncer is disqualified',
    (now) => {
      const { data, card } = scoreSample(now);
      expect(data.vendors).toHaveLength(4);
      expect(data.probes.length).toBeGreaterThanOrEqual(28);
      expect(card.vendors.map((vendor) => vendor.name)).toEqual([
        'NimbusRTC',
        '声浪云 SonicWave',
        'Relaylink Video',
        'QuickPing Media',
      ]);
      expect(card.vendors.map((vendor) => vendor.failedGates)).toEqual([[], [], ['p0Coverage24x7'], []]);
    },
  );

  it('when scored, then each vendor has 6–10 probes across P0–P3 and open probes for the live board', () => {
    const { data } = scoreSample('2026-11-24T07:00:00Z');
    for (const vendor of data.vendors) {
      const probes = data.probes.filter((probe) => probe.vendorId === vendor.id);
      expect(probes.length).toBeGreaterThanOrEqual(6);
      expect(probes.length).toBeLessThanOrEqual(10);
      expect(new Set(probes.map((probe) => probe.severity)).size).toBeGreaterThanOrEqual(3);
    }
    const severities = new Set(data.probes.map((probe) => probe.severity));
    expect([...severities].sort()).toEqual(['P0', 'P1', 'P2', 'P3']);
  });

  it('when scored, then the fast-but-shallow vendor answers best and resolves worst, and the reasons say so', () => {
    const { card, byName } = scoreSample('2026-11-24T07:00:00Z');
    const quickPing = byName('QuickPing Media');
    expect(quickPing.dimensions.responsiveness.score).toBe(100);
    const resolutions = card.vendors.map((vendor) => vendor.dimensions.resolution.score ?? 0);
    expect(quickPing.dimensions.resolution.score).toBe(Math.min(...resolutions));
    const outage = quickPing.probes.find((probe) => probe.title.startsWith('Stream push fails'));
    expect(outage?.explanation.resolution).toMatch(/^Depth 1 .*unresolved/);
    expect(outage?.explanation.escalation).toMatch(/not acted on within 30 min \(−50\)/);
  });

  it('when scored, then the ticket-bouncer has the weakest exercised escalation, explained by its hand-offs', () => {
    const { card, byName } = scoreSample('2026-11-24T07:00:00Z');
    const relaylink = byName('Relaylink Video');
    const exercised = card.vendors.map((vendor) => vendor.dimensions.escalation.exercisedScore ?? 100);
    expect(relaylink.dimensions.escalation.exercisedScore).toBe(Math.min(...exercised));
    const audio = relaylink.probes.find((probe) => probe.title.startsWith('Silent audio capture'));
    expect(audio?.points.escalation).toBe(0);
    expect(audio?.explanation.escalation).toMatch(/3 hand-offs \(−40\)/);
  });

  it('when scored, then the strong-SLA vendor has the strongest document but keeps none of its response promises', () => {
    const { card, byName } = scoreSample('2026-11-24T07:00:00Z');
    const shenglang = byName('声浪云 SonicWave');
    const strengths = card.vendors.map((vendor) => vendor.dimensions.commitment.strength);
    expect(shenglang.dimensions.commitment.strength).toBe(Math.max(...strengths));
    expect(shenglang.dimensions.commitment.keepRate).toBe(0);
    expect(shenglang.probes.some((probe) => /broken/.test(probe.explanation.commitment))).toBe(true);
  });
});

/** The sample as loaded at an instant, with readable ids. */
function buildSample(nowIso: string) {
  let sequence = 0;
  return buildSampleTrial(new Date(nowIso), (prefix) => `${prefix}_${++sequence}`);
}

describe('the sample trial is new when loaded', () => {
  it('when loaded, then the trial, its vendors and scenarios were created and updated at the load time', () => {
    // Arrange
    const loadedAt = '2026-11-24T07:00:00.000Z';

    // Act
    const data = buildSample(loadedAt);

    // Assert
    expect(data.trial.createdAt).toBe(loadedAt);
    expect(data.trial.updatedAt).toBe(loadedAt);
    for (const record of [...data.vendors, ...data.scenarios]) {
      expect(record.createdAt).toBe(loadedAt);
      expect(record.updatedAt).toBe(loadedAt);
    }
  });

  it('when loaded, then its probes keep their timeline: sent over the past weeks before the load', () => {
    // Arrange
    const loadedAt = Date.parse('2026-11-24T07:00:00.000Z');

    // Act
    const data = buildSample('2026-11-24T07:00:00.000Z');

    // Assert
    const sent = data.probes.map((probe) => Date.parse(probe.sentAt));
    expect(Math.max(...sent)).toBeLessThan(loadedAt);
    expect(Math.min(...sent)).toBeLessThan(loadedAt - 7 * 24 * 3600_000);
    for (const probe of data.probes) expect(probe.createdAt).toBe(probe.sentAt);
  });
});
