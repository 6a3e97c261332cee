import { describe, expect, it } from 'vitest';
import { deriveProbeMetrics, depthShownByEvents, medianVote } from '../../src/domain/metrics.js';
import { buildProbe, events } from '../factories.js';

/**
 * SPEC §4 depth: `ratings.depth` when set, else the median of the evaluations' depth votes
 * (mean of the two middle votes for an even count), else the highest depth among vendor
 * events (0 if none). Evaluations are ratings, not timeline events: like `ratings.depth`
 * they count whatever their `at`, also when it is after asOf.
 */
const AS_OF = Date.parse('2026-11-24T12:00:00+08:00');
const vote = (by: string, depth?: number, at = '2026-11-21T10:00:00+08:00') => ({
  by,
  at,
  ...(depth === undefined ? {} : { depth }),
  communication: 3,
});
const timeline = events(
  ['2026-11-20T10:10:00+08:00', 'ack'],
  ['2026-11-20T11:00:00+08:00', 'diagnosis'],
  ['2026-11-20T12:00:00+08:00', 'confirmed_workaround'],
);

describe('depth', () => {
  it.each<[string, { depth?: number }, ReturnType<typeof vote>[], number]>([
    ['nobody rated it', {}, [], 2],
    ['the lead rated it', { depth: 4 }, [vote('a', 1), vote('b', 1)], 4],
    ['the lead rated it 0', { depth: 0 }, [vote('a', 3)], 0],
    ['one evaluator voted', {}, [vote('a', 3)], 3],
    ['two evaluators voted 3 and 2', {}, [vote('a', 3), vote('b', 2)], 2.5],
    ['three evaluators voted 4, 0 and 1', {}, [vote('a', 4), vote('b', 0), vote('c', 1)], 1],
    ['four evaluators voted 4, 1, 3, 0', {}, [vote('a', 4), vote('b', 1), vote('c', 3), vote('d', 0)], 2],
    ['evaluators rated only communication', {}, [vote('a'), vote('b')], 2],
    ['one of two evaluators voted on depth', {}, [vote('a'), vote('b', 0)], 0],
    ['an evaluator voted after asOf', {}, [vote('a', 4, '2026-12-01T10:00:00+08:00')], 4],
  ])('when %s, then the depth is as listed', (_case, ratings, evaluations, expected) => {
    const probe = buildProbe({ sentAt: '2026-11-20T10:00:00+08:00', ratings, evaluations, events: timeline });
    expect(deriveProbeMetrics(probe, AS_OF).depth).toBe(expected);
  });

  it('when nothing voted on depth, then the median is null and the events decide', () => {
    const probe = buildProbe({ evaluations: [vote('a')], events: timeline });
    expect(medianVote(probe)).toBeNull();
    expect(depthShownByEvents(probe.events)).toBe(2);
  });

  it('when only buyer events are recorded, then the events show depth 0', () => {
    expect(depthShownByEvents(events(['2026-11-20T10:10:00+08:00', 'confirmed_fixed']))).toBe(0);
  });
});
