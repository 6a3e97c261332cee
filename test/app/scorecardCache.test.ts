import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { scorecardComputations, scorecardsKept } from '../../src/app/scorecardCache.js';
import { createTestApp, postEvent, postProbe, postTrial, postVendor } from '../http/helpers.js';

/** A clock the test moves: the app reads it on every request. */
function movableClock(start: string) {
  let now = Date.parse(start);
  return { now: () => new Date(now), set: (at: string) => (now = Date.parse(at)) };
}

async function trialWithAProbe() {
  const clock = movableClock('2026-11-24T04:00:10.000Z');
  const { app } = await createTestApp({ now: clock.now });
  const trial = await postTrial(app);
  const vendor = await postVendor(app, trial.id);
  const probe = await postProbe(app, trial.id, vendor.id);
  const scorecard = async (query = '') => {
    const response = await request(app).get(`/api/v1/trials/${trial.id}/scorecard${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.type).toBe('application/json');
    return response.body as { asOf: string };
  };
  return { app, clock, probe, scorecard };
}

describe('the API scorecard without asOf', () => {
  it('when asked twice within one minute, then it is computed once and dated on the whole minute', async () => {
    const { clock, scorecard } = await trialWithAProbe();
    const before = scorecardComputations();
    const first = await scorecard();
    clock.set('2026-11-24T04:00:50.000Z');
    const second = await scorecard();
    expect(scorecardComputations() - before).toBe(1);
    expect(first.asOf).toBe('2026-11-24T04:00:00.000Z');
    expect(second).toEqual(first);
  });

  it.each([
    ['a write between the two', '2026-11-24T04:00:20.000Z', true],
    ['the next minute', '2026-11-24T04:01:00.000Z', false],
  ])('when %s, then it is computed again', async (_case, secondAt, write) => {
    const { app, clock, probe, scorecard } = await trialWithAProbe();
    const before = scorecardComputations();
    await scorecard();
    if (write) await postEvent(app, probe.id, '2026-11-20T10:05+08:00', 'ack');
    clock.set(secondAt);
    const second = await scorecard();
    expect(scorecardComputations() - before).toBe(2);
    expect(second.asOf).toBe(write ? '2026-11-24T04:00:00.000Z' : '2026-11-24T04:01:00.000Z');
  });

  it('when the trial changes again and again, then only its newest scorecard is kept (memory stays flat)', async () => {
    const { app, probe, scorecard } = await trialWithAProbe();
    await scorecard();
    const kept = scorecardsKept();
    for (const minute of ['05', '10', '15', '20', '25']) {
      await postEvent(app, probe.id, `2026-11-20T10:${minute}+08:00`, 'note');
      await scorecard();
    }
    expect(scorecardsKept()).toBe(kept);
  });

  it('when an asOf is given, then it is kept to the millisecond', async () => {
    const { scorecard } = await trialWithAProbe();
    const card = await scorecard('?asOf=2026-11-23T09:30:15.250Z');
    expect(card.asOf).toBe('2026-11-23T09:30:15.250Z');
  });
});
