/**
 * Independent evaluations (SPEC §2, §4, §8): `PUT /probes/:probeId/evaluations/me` stores the
 * caller's own rating, each evaluator sees the others' only after giving theirs (API and
 * page), a retry writes nothing, and the score's depth follows the median of the votes.
 */
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import type { Role } from '../../src/domain/accounts.js';
import type { Evaluation, Probe } from '../../src/domain/schemas.js';
import {
  addUser,
  asBrowser,
  createTestApp,
  issuePaths,
  postEvent,
  postProbe,
  postTrial,
  postVendor,
  type TestApp,
} from './helpers.js';

/** A trial with one P1 probe, and a signed-in browser per extra account. */
async function twoEvaluators() {
  const test = await createTestApp({ as: 'evaluator' });
  const trial = await postTrial(test.app);
  const vendor = await postVendor(test.app, trial.id);
  const probe = await postProbe(test.app, trial.id, vendor.id);
  const second = await signedIn(test, 'evaluator', 'lin.wei@example.com');
  return { ...test, trial, vendor, probe, first: test.app, second: second.app, secondUser: second.user };
}

async function signedIn(test: TestApp, role: Role, email: string) {
  const user = await addUser(test.deps, role, email);
  return { user, app: asBrowser(test.bare, await startSession(test.deps, user)) };
}

const rate = (app: Express, probeId: string, body: unknown) =>
  request(app)
    .put(`/api/v1/probes/${probeId}/evaluations/me`)
    .send(body as object);

async function evaluationsSeenBy(app: Express, probeId: string): Promise<readonly Evaluation[]> {
  const response = await request(app).get(`/api/v1/probes/${probeId}`);
  expect(response.status).toBe(200);
  return (response.body as Probe).evaluations;
}

const auditOf = async (test: TestApp, probeId: string) =>
  (await test.deps.repository.listAudit({ entityId: probeId, action: 'update', limit: 100 })).entries;

describe('PUT /api/v1/probes/:probeId/evaluations/me', () => {
  it('when an evaluator rates, then 200 answers their stored rating, dated now and signed by them', async () => {
    // Arrange
    const { first, probe, user } = await twoEvaluators();

    // Act
    const response = await rate(first, probe.id, {
      depth: 3,
      communication: 4,
      note: '  Found it in the logs ',
    });

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      by: user?.id,
      depth: 3,
      communication: 4,
      note: 'Found it in the logs',
      at: '2026-11-24T04:00:00.000Z',
    });
  });

  it('when the same rating is sent again, then nothing changes and the audit log gains no second entry', async () => {
    // Arrange
    const test = await twoEvaluators();
    const body = { depth: 2, communication: 3, note: 'Slow but targeted' };
    const firstAnswer = await rate(test.first, test.probe.id, body);

    // Act
    const retry = await rate(test.first, test.probe.id, body);

    // Assert
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(firstAnswer.body);
    const entries = await auditOf(test, test.probe.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.actor.userId).toBe(test.user?.id);
    expect(entries[0]?.changes.map((change) => change.path)).toContain('evaluations');
  });

  it('when an evaluator rates again, then their rating is replaced whole and the others stay', async () => {
    // Arrange
    const { first, second, probe, user, secondUser } = await twoEvaluators();
    await rate(first, probe.id, { depth: 1, communication: 2, note: 'Generic advice' });
    await rate(second, probe.id, { depth: 2 });

    // Act
    const response = await rate(first, probe.id, { depth: 3 });

    // Assert
    expect(response.status).toBe(200);
    const seen = await evaluationsSeenBy(first, probe.id);
    expect(seen.map(({ by, depth, communication, note }) => ({ by, depth, communication, note }))).toEqual([
      { by: user?.id, depth: 3, communication: undefined, note: undefined },
      { by: secondUser.id, depth: 2, communication: undefined, note: undefined },
    ]);
  });

  it.each([
    ['a depth of 5', { depth: 5 }, ['depth']],
    ['a depth of 2.5', { depth: 2.5 }, ['depth']],
    ['a communication of 0', { communication: 0 }, ['communication']],
    ['a communication of 6 and a depth of -1', { depth: -1, communication: 6 }, ['depth', 'communication']],
    ['neither depth nor communication', { note: 'Just a note' }, ['depth', 'communication']],
    ['an empty body', {}, ['depth', 'communication']],
    ['an unknown key', { depth: 2, by: 'someone-else' }, ['by']],
    ['a depth as text', { depth: 'three' }, ['depth']],
    ['a note too long', { depth: 2, note: 'x'.repeat(2001) }, ['note']],
    ['a list instead of an object', [{ depth: 2 }], ['']],
  ])(
    'when the rating has %s, then 400 names the fields and nothing is stored',
    async (_what, body, paths) => {
      // Arrange
      const test = await twoEvaluators();

      // Act
      const response = await rate(test.first, test.probe.id, body);

      // Assert
      expect(issuePaths(response)).toEqual(paths);
      expect(await auditOf(test, test.probe.id)).toHaveLength(0);
    },
  );

  it('when the probe does not exist, then 404', async () => {
    // Arrange
    const { first } = await twoEvaluators();

    // Act
    const response = await rate(first, 'probe-nowhere', { depth: 2 });

    // Assert
    expect(response.status).toBe(404);
    expect(response.body).toEqual(expect.objectContaining({ error: 'not_found' }));
  });

  it.each([
    ['a viewer', 'viewer', 403],
    ['an admin', 'admin', 200],
  ] as const)('when %s rates, then it answers %i', async (_who, role, status) => {
    // Arrange
    const test = await twoEvaluators();
    const { app } = await signedIn(test, role, `${role}.rater@example.com`);

    // Act
    const response = await rate(app, test.probe.id, { depth: 2 });

    // Assert
    expect(response.status).toBe(status);
    expect(await auditOf(test, test.probe.id)).toHaveLength(status === 200 ? 1 : 0);
  });

  it('when nobody is signed in, then 401', async () => {
    // Arrange
    const { bare, probe } = await twoEvaluators();

    // Act
    const response = await rate(bare, probe.id, { depth: 2 });

    // Assert
    expect(response.status).toBe(401);
  });
});

describe('seeing the others only after rating', () => {
  it("when two evaluators rate in turn, then each sees only their own until they have rated, and then everyone's", async () => {
    // Arrange
    const { first, second, probe, user, secondUser } = await twoEvaluators();

    // Act
    await rate(first, probe.id, { depth: 3, communication: 4 });
    const secondBefore = await evaluationsSeenBy(second, probe.id);
    const firstAfterOwn = await evaluationsSeenBy(first, probe.id);
    await rate(second, probe.id, { depth: 1, communication: 4 });
    const secondAfter = await evaluationsSeenBy(second, probe.id);

    // Assert
    expect(secondBefore).toEqual([]);
    expect(firstAfterOwn.map((evaluation) => evaluation.by)).toEqual([user?.id]);
    expect(secondAfter.map((evaluation) => evaluation.by)).toEqual([user?.id, secondUser.id]);
  });

  it('when an evaluator who has not rated lists the probes, then the others’ ratings are left out there too', async () => {
    // Arrange
    const { first, second, trial, probe } = await twoEvaluators();
    await rate(first, probe.id, { depth: 3 });

    // Act
    const response = await request(second).get(`/api/v1/trials/${trial.id}/probes`);

    // Assert
    expect(response.status).toBe(200);
    expect((response.body as Probe[]).map((listed) => listed.evaluations)).toEqual([[]]);
  });

  it.each([
    ['an admin who has not rated', 'admin', 0],
    ['a viewer, who cannot rate', 'viewer', 1],
  ] as const)('when %s reads the probe, then they see %i ratings', async (_who, role, count) => {
    // Arrange
    const test = await twoEvaluators();
    await rate(test.first, test.probe.id, { depth: 3 });
    const { app } = await signedIn(test, role, `${role}.reader@example.com`);

    // Act
    const seen = await evaluationsSeenBy(app, test.probe.id);

    // Assert
    expect(seen).toHaveLength(count);
  });

  it('when the whole trial is exported by someone who has not rated, then every evaluation is in it', async () => {
    // Arrange
    const { first, second, trial, probe } = await twoEvaluators();
    await rate(first, probe.id, { depth: 3 });

    // Act
    const response = await request(second).get(`/api/v1/trials/${trial.id}/export`);

    // Assert
    expect(response.status).toBe(200);
    const exported = JSON.parse(response.text) as { probes: Probe[] };
    expect(exported.probes[0]?.evaluations).toHaveLength(1);
  });
});

describe('the probe page', () => {
  const page = async (app: Express, probeId: string) => {
    const response = await request(app).get(`/probes/${probeId}`).set('Accept', 'text/html');
    expect(response.status).toBe(200);
    return response.text;
  };

  it('when a colleague has rated and I have not, then the page counts their rating but does not show it', async () => {
    // Arrange
    const { first, second, probe } = await twoEvaluators();
    await rate(first, probe.id, { depth: 3, communication: 5, note: 'Root cause found by their R&D' });

    // Act
    const html = await page(second, probe.id);

    // Assert
    expect(html).toContain('data-revealed="false"');
    expect(html).toContain('One colleague has rated.');
    expect(html).not.toContain('Root cause found by their R&amp;D');
    expect(html).toContain('id="evaluation-depth"');
  });

  it('when both have rated two levels apart, then the page lists both, their spread and the flag for discussion', async () => {
    // Arrange
    const { first, second, probe } = await twoEvaluators();
    await rate(first, probe.id, { depth: 3, communication: 5, note: 'Root cause found by their R&D' });
    await rate(second, probe.id, { depth: 1, communication: 4 });

    // Act
    const html = await page(second, probe.id);

    // Assert
    expect(html).toContain('data-revealed="true"');
    expect(html).toContain('Root cause found by their R&amp;D');
    expect(html.match(/data-testid="evaluation"/g)).toHaveLength(2);
    expect(html).toContain('Depth: 2');
    expect(html).toContain('Communication: 1');
    expect(html).toContain('For discussion: the depth votes are 2 levels apart.');
    expect(html).toContain('data-source="votes"');
    expect(html).toContain('2 — targeted diagnosis — the median of 2 evaluators&#39; depth votes');
  });

  it('when the page form is sent without any grade, then 400 shows the message beside the fields and keeps the note', async () => {
    // Arrange
    const { first, probe } = await twoEvaluators();

    // Act
    const response = await request(first)
      .post(`/probes/${probe.id}/evaluations/me`)
      .type('form')
      .send({ depth: '', communication: '', note: 'Kept as typed' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('id="evaluation-depth-error"');
    expect(response.text).toContain('Give a depth or a communication rating (or both).');
    expect(response.text).toContain('>Kept as typed</textarea>');
  });

  it('when the page form is sent, then the rating is stored and the page goes back to the ratings', async () => {
    // Arrange
    const { first, probe, user } = await twoEvaluators();

    // Act
    const response = await request(first)
      .post(`/probes/${probe.id}/evaluations/me`)
      .type('form')
      .send({ depth: '2', communication: '', note: '' });

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`/probes/${probe.id}#ratings`);
    expect(await evaluationsSeenBy(first, probe.id)).toEqual([
      { by: user?.id, depth: 2, at: '2026-11-24T04:00:00.000Z' },
    ]);
  });
});

describe('the score follows the median of the votes (SPEC §4, §5.2)', () => {
  it('when two evaluators vote depth 3 and 2 and the lead has not set one, then the fixed probe scores 25 × 2.5 = 62.5 for resolution', async () => {
    // Arrange
    const { first, second, trial, probe } = await twoEvaluators();
    await postEvent(first, probe.id, '2026-11-20T10:30+08:00', 'fix');
    await postEvent(first, probe.id, '2026-11-20T11:00+08:00', 'confirmed_fixed');
    await rate(first, probe.id, { depth: 3 });
    await rate(second, probe.id, { depth: 2 });

    // Act
    const response = await request(first).get(`/api/v1/trials/${trial.id}/scorecard`);
    const read = await request(first).get(`/api/v1/probes/${probe.id}`);

    // Assert
    expect(response.status).toBe(200);
    const card = response.body as {
      vendors: { probes: { probeId: string; points: { resolution: number } }[] }[];
    };
    expect(card.vendors[0]?.probes.find((scored) => scored.probeId === probe.id)?.points.resolution).toBe(
      62.5,
    );
    expect((read.body as { metrics: { depth: number } }).metrics.depth).toBe(2.5);
  });

  it('when the lead sets the depth, then it wins over the votes and the page says it was set by the lead', async () => {
    // Arrange
    const { first, second, probe } = await twoEvaluators();
    await rate(first, probe.id, { depth: 3 });
    await rate(second, probe.id, { depth: 2 });

    // Act
    await request(first)
      .patch(`/api/v1/probes/${probe.id}`)
      .send({ ratings: { depth: 4 } });
    const html = (await request(first).get(`/probes/${probe.id}`).set('Accept', 'text/html')).text;

    // Assert
    expect(html).toContain('data-source="lead"');
    expect(html).toContain('4 — fix delivered — set by the lead');
  });
});
