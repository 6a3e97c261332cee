/**
 * The decision record over HTTP (SPEC §5.4, §8): `GET/PUT /trials/:trialId/decision`,
 * `POST /trials/:trialId/decision/approvals`, and the decision page's two forms — who may do
 * what, what bad input answers, and what the audit log keeps.
 */
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import type { Role } from '../../src/domain/accounts.js';
import type { Decision } from '../../src/domain/schemas.js';
import {
  addUser,
  asBrowser,
  createTestApp,
  FIXED_NOW,
  issuePaths,
  postTrial,
  postVendor,
} from './helpers.js';

/** A trial with two vendors, its lead (an evaluator), an engineer, a CFO (a viewer) and an admin. */
async function world() {
  const test = await createTestApp({ as: 'evaluator' });
  const trial = await postTrial(test.app);
  const nimbus = await postVendor(test.app, trial.id, { name: 'NimbusRTC' });
  const volta = await postVendor(test.app, trial.id, { name: 'VoltaCall' });
  const signedIn = async (role: Role, email: string) => {
    const user = await addUser(test.deps, role, email);
    return { user, app: asBrowser(test.bare, await startSession(test.deps, user)) };
  };
  const engineer = await signedIn('evaluator', 'engineer@example.com');
  const cfo = await signedIn('viewer', 'cfo@example.com');
  const admin = await signedIn('admin', 'admin@example.com');
  const otherViewer = await signedIn('viewer', 'intern@example.com');
  return { ...test, lead: test.app, trial, nimbus, volta, engineer, cfo, admin, otherViewer };
}
type World = Awaited<ReturnType<typeof world>>;

const decisionUrl = (w: World, trialId = w.trial.id) => `/api/v1/trials/${trialId}/decision`;
const put = (w: World, body: unknown, app: Express = w.lead, trialId?: string) =>
  request(app)
    .put(decisionUrl(w, trialId))
    .send(body as object);
const answer = (w: World, app: Express, body: unknown, trialId?: string) =>
  request(app)
    .post(`${decisionUrl(w, trialId)}/approvals`)
    .send(body as object);
const validBody = (w: World) => ({
  vendorId: w.nimbus.id,
  rationale: 'Fastest P0 answers and the only 24x7 hotline.',
  approvers: [w.engineer.user.id, w.cfo.user.id],
});
const recorded = async (w: World) => {
  const response = await put(w, validBody(w));
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as Decision;
};
const auditOf = async (w: World) => {
  const response = await request(w.admin.app).get(`/api/v1/audit?trialId=${w.trial.id}&entity=trial`);
  return (response.body as { entries: { changes: { path: string; after: string | null }[] }[] }).entries;
};

describe('GET /api/v1/trials/:trialId/decision', () => {
  it('when none is recorded, then it answers 200 null', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await request(w.cfo.app).get(decisionUrl(w));

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
  });

  it('when one is recorded, then a viewer reads it', async () => {
    // Arrange
    const w = await world();
    const decision = await recorded(w);

    // Act
    const response = await request(w.cfo.app).get(decisionUrl(w));

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual(decision);
  });

  it('when the trial does not exist, then 404', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await request(w.lead).get(decisionUrl(w, 'trial_nope'));

    // Assert
    expect(response.status).toBe(404);
  });
});

describe('PUT /api/v1/trials/:trialId/decision', () => {
  it('when the lead records it, then 200 with the record dated now and signed by them', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await put(w, validBody(w));

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ...validBody(w),
      decidedAt: FIXED_NOW,
      decidedBy: w.user?.id,
      approvals: [],
    });
  });

  it.each([
    ['an unknown vendor', (w: World) => ({ ...validBody(w), vendorId: 'vendor_nope' }), ['vendorId']],
    [
      'an unknown approver',
      (w: World) => ({ ...validBody(w), approvers: [w.cfo.user.id, 'user_nope'] }),
      ['approvers.1'],
    ],
    ['an empty rationale', (w: World) => ({ ...validBody(w), rationale: '' }), ['rationale']],
    ['a rationale of the wrong type', (w: World) => ({ ...validBody(w), rationale: 42 }), ['rationale']],
    ['approvers that are not a list', (w: World) => ({ ...validBody(w), approvers: 'cfo' }), ['approvers']],
    ['a field of its own', (w: World) => ({ ...validBody(w), decidedBy: 'someone' }), ['decidedBy']],
  ])('when it is sent %s, then 400 names the field and nothing is stored', async (_case, body, paths) => {
    // Arrange
    const w = await world();

    // Act
    const response = await put(w, body(w));

    // Assert
    expect(issuePaths(response)).toEqual(paths);
    expect((await request(w.lead).get(decisionUrl(w))).body).toBeNull();
  });

  it('when a viewer records it, then 403', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await put(w, validBody(w), w.cfo.app);

    // Assert
    expect(response.status).toBe(403);
  });

  it('when the trial does not exist, then 404', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await put(w, validBody(w), w.lead, 'trial_nope');

    // Assert
    expect(response.status).toBe(404);
  });

  it('when it is recorded and then replaced by another vendor, then the audit log shows both steps under Decision', async () => {
    // Arrange
    const w = await world();
    await recorded(w);

    // Act
    await put(w, {
      ...validBody(w),
      vendorId: w.volta.id,
      rationale: 'VoltaCall after the reference calls.',
    });

    // Assert
    const [replaced, first] = await auditOf(w);
    expect(first?.changes.map((change) => change.path)).toEqual([
      'decision.vendorId',
      'decision.rationale',
      'decision.decidedAt',
      'decision.decidedBy',
      'decision.approvers',
      'decision.approvals',
    ]);
    expect(replaced?.changes.map((change) => change.path)).toEqual(
      expect.arrayContaining(['decision.vendorId', 'decision.rationale']),
    );
    expect(replaced?.changes.find((change) => change.path === 'decision.vendorId')?.after).toBe(w.volta.id);
  });
});

describe('POST /api/v1/trials/:trialId/decision/approvals', () => {
  it('when a named viewer approves, then 201 and their approval is stored', async () => {
    // Arrange
    const w = await world();
    await recorded(w);

    // Act
    const response = await answer(w, w.cfo.app, { verdict: 'approve' });

    // Assert
    expect(response.status).toBe(201);
    expect((response.body as Decision).approvals).toEqual([
      { by: w.cfo.user.id, at: FIXED_NOW, verdict: 'approve' },
    ]);
  });

  it('when a named approver answers twice, then the second answers 200 and replaces the first', async () => {
    // Arrange
    const w = await world();
    await recorded(w);
    await answer(w, w.engineer.app, { verdict: 'approve' });

    // Act
    const response = await answer(w, w.engineer.app, { verdict: 'object', note: 'The RCA came late.' });

    // Assert
    expect(response.status).toBe(200);
    expect((response.body as Decision).approvals).toEqual([
      { by: w.engineer.user.id, at: FIXED_NOW, verdict: 'object', note: 'The RCA came late.' },
    ]);
  });

  it.each([
    ['a viewer not named', 'otherViewer'],
    ['an evaluator not named (the lead)', 'lead'],
    ['an admin not named', 'admin'],
  ] as const)('when %s answers, then 403 and nothing is stored or audited', async (_case, who) => {
    // Arrange
    const w = await world();
    await recorded(w);
    const auditBefore = (await auditOf(w)).length;
    const app = who === 'lead' ? w.lead : w[who].app;

    // Act
    const response = await answer(w, app, { verdict: 'approve' });

    // Assert
    expect(response.status).toBe(403);
    expect(((await request(w.lead).get(decisionUrl(w))).body as Decision).approvals).toEqual([]);
    expect((await auditOf(w)).length).toBe(auditBefore);
  });

  it.each([
    ['an objection without a note', { verdict: 'object' }, ['note']],
    ['an objection with a blank note', { verdict: 'object', note: '   ' }, ['note']],
    ['another verdict', { verdict: 'abstain' }, ['verdict']],
    ['no verdict', {}, ['verdict']],
  ])('when a named approver sends %s, then 400 names the field', async (_case, body, paths) => {
    // Arrange
    const w = await world();
    await recorded(w);

    // Act
    const response = await answer(w, w.cfo.app, body);

    // Assert
    expect(issuePaths(response)).toEqual(paths);
  });

  it('when no decision is recorded, then 409', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await answer(w, w.cfo.app, { verdict: 'approve' });

    // Assert
    expect(response.status).toBe(409);
  });

  it('when the trial does not exist, then 404', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await answer(w, w.cfo.app, { verdict: 'approve' }, 'trial_nope');

    // Assert
    expect(response.status).toBe(404);
  });

  it('when an approver objects, then the audit log names the approvals of the decision and who answered', async () => {
    // Arrange
    const w = await world();
    await recorded(w);

    // Act
    await answer(w, w.cfo.app, { verdict: 'object', note: 'Over budget.' });

    // Assert
    const [latest] = await auditOf(w);
    expect(latest?.changes.map((change) => change.path)).toEqual(['decision.approvals']);
    expect(latest?.changes[0]?.after).toContain('"verdict":"object"');
  });

  it('when a recommendation changes after approvals, then they are cleared', async () => {
    // Arrange
    const w = await world();
    await recorded(w);
    await answer(w, w.cfo.app, { verdict: 'approve' });

    // Act
    const response = await put(w, { ...validBody(w), rationale: 'Rewritten after the CFO review.' });

    // Assert
    expect((response.body as Decision).approvals).toEqual([]);
  });
});

describe('a closed trial', () => {
  it.each([
    [
      'the recommendation is changed',
      (w: World) => put(w, { ...validBody(w), rationale: 'Changed after closing.' }),
    ],
    ['a named viewer approves', (w: World) => answer(w, w.cfo.app, { verdict: 'approve' })],
  ])('when %s, then 409 and nothing is stored or audited', async (_case, send) => {
    // Arrange
    const w = await world();
    const decision = await recorded(w);
    expect((await request(w.lead).post(`/api/v1/trials/${w.trial.id}/close`).send({})).status).toBe(200);
    const auditBefore = (await auditOf(w)).length;

    // Act
    const response = await send(w);

    // Assert
    expect(response.status).toBe(409);
    expect((await request(w.cfo.app).get(decisionUrl(w))).body).toEqual(decision);
    expect((await auditOf(w)).length).toBe(auditBefore);
  });

  it('when its decision page is opened by the lead and by a named approver, then the record shows without its forms', async () => {
    // Arrange
    const w = await world();
    await recorded(w);
    await request(w.lead).post(`/api/v1/trials/${w.trial.id}/close`).send({});

    // Act
    const pages = await Promise.all(
      [w.lead, w.cfo.app].map((app) => request(app).get(`/trials/${w.trial.id}/decision`)),
    );

    // Assert
    for (const page of pages) {
      expect(page.status).toBe(200);
      expect(page.text).toContain('data-testid="decision-rationale"');
      expect(page.text).not.toContain(`action="/trials/${w.trial.id}/decision`);
    }
  });
});

describe('the decision record forms', () => {
  it('when the lead records a decision through the form, then it is stored and the browser goes back to the decision page', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await request(w.lead)
      .post(`/trials/${w.trial.id}/decision`)
      .type('form')
      .send(
        `vendorId=none&rationale=${encodeURIComponent('None meets the P0 gate.\r\nRe-run in Q1.')}` +
          `&approvers=${w.cfo.user.id}&approvers=${w.engineer.user.id}`,
      );

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`/trials/${w.trial.id}/decision#decision-record`);
    const decision = (await request(w.lead).get(decisionUrl(w))).body as Decision;
    expect(decision).toMatchObject({
      vendorId: null,
      rationale: 'None meets the P0 gate.\nRe-run in Q1.',
      approvers: [w.cfo.user.id, w.engineer.user.id],
    });
  });

  it('when the form is sent without a vendor choice and a rationale, then 400 shows both messages beside their fields and keeps the ticked approvers', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await request(w.lead)
      .post(`/trials/${w.trial.id}/decision`)
      .type('form')
      .send(`vendorId=&rationale=&approvers=${w.cfo.user.id}`);

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('id="vendorId-error"');
    expect(response.text).toContain('id="rationale-error"');
    expect(response.text).toMatch(new RegExp(`value="${w.cfo.user.id}" checked`));
    expect(response.text).not.toMatch(new RegExp(`value="${w.engineer.user.id}" checked`));
  });

  it('when the form names an account that is not active, then the message is beside the approvers', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await request(w.lead)
      .post(`/trials/${w.trial.id}/decision`)
      .type('form')
      .send(`vendorId=${w.nimbus.id}&rationale=Fast&approvers=user_gone`);

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('id="approvers-error"');
    expect(response.text).toContain('Choose people with an active account.');
  });

  it('when a named viewer objects through the form without a reason, then 400 with the message beside the note, in Chinese when asked', async () => {
    // Arrange
    const w = await world();
    await recorded(w);

    // Act
    const response = await request(w.cfo.app)
      .post(`/trials/${w.trial.id}/decision/approvals`)
      .set('Cookie', 'lang=zh-CN')
      .type('form')
      .send({ verdict: 'object', note: '' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('id="note-error"');
    expect(response.text).toContain('请说明反对的理由。');
  });

  it('when a named viewer approves through the form, then 303 back to the decision page', async () => {
    // Arrange
    const w = await world();
    await recorded(w);

    // Act
    const response = await request(w.cfo.app)
      .post(`/trials/${w.trial.id}/decision/approvals`)
      .type('form')
      .send({ verdict: 'approve', note: '' });

    // Assert
    expect(response.status).toBe(303);
    const decision = (await request(w.lead).get(decisionUrl(w))).body as Decision;
    expect(decision.approvals.map((approval) => approval.verdict)).toEqual(['approve']);
  });

  it('when a viewer not named posts the form, then 403', async () => {
    // Arrange
    const w = await world();
    await recorded(w);

    // Act
    const response = await request(w.otherViewer.app)
      .post(`/trials/${w.trial.id}/decision/approvals`)
      .type('form')
      .send({ verdict: 'approve', note: '' });

    // Assert
    expect(response.status).toBe(403);
  });

  it('when approving through the form before any decision, then 400 with the conflict shown on the form', async () => {
    // Arrange
    const w = await world();

    // Act
    const response = await request(w.cfo.app)
      .post(`/trials/${w.trial.id}/decision/approvals`)
      .type('form')
      .send({ verdict: 'approve', note: '' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('No recommendation is recorded yet.');
  });
});
