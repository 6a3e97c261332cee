import { describe, expect, it } from 'vitest';
import { deriveProbeMetrics } from '../../src/domain/metrics.js';
import { depthFromEvents, timelineWaits } from '../../src/app/probes.js';
import { buildProbe, events } from '../factories.js';

const asOfMs = Date.parse('2026-11-21T10:00:00+08:00');

describe('what the probe page reads off the timeline', () => {
  it('when the lead rated the depth above what the vendor’s events show, then the page’s event depth is the events’ own', () => {
    const probe = buildProbe({
      ratings: { depth: 4 },
      events: events(
        ['2026-11-20T10:05:00+08:00', 'ack'],
        ['2026-11-20T11:00:00+08:00', 'diagnosis'],
        ['2026-11-20T12:00:00+08:00', 'workaround'],
      ),
    });
    expect(deriveProbeMetrics(probe, asOfMs).depth).toBe(4);
    expect(depthFromEvents(probe, asOfMs)).toBe(3);
  });

  it('when the vendor asked for information and was answered, and asked again, then the timeline has one closed and one open wait', () => {
    const probe = buildProbe({
      events: events(
        ['2026-11-20T10:05:00+08:00', 'info_request'],
        ['2026-11-20T12:05:00+08:00', 'info_provided'],
        ['2026-11-20T14:00:00+08:00', 'info_request'],
      ),
    });
    const [asked, answered, askedAgain] = probe.events;
    expect(timelineWaits(probe, asOfMs)).toEqual([
      {
        startMs: Date.parse('2026-11-20T10:05:00+08:00'),
        endMs: Date.parse('2026-11-20T12:05:00+08:00'),
        open: false,
        startEventId: asked?.id,
        endEventId: answered?.id,
      },
      {
        startMs: Date.parse('2026-11-20T14:00:00+08:00'),
        endMs: asOfMs,
        open: true,
        startEventId: askedAgain?.id,
        endEventId: null,
      },
    ]);
  });
});
