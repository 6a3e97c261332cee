/**
 * The decision record's use cases (SPEC §5.4): recording the recommendation, who may approve
 * or object, what a new recommendation does to the approvals, and what the page is given.
 */
import { describe, expect, it } from 'vitest';
import {
  approveDecision,
  decisionRecordView,
  getDecision,
  putDecision,
  type DecisionCaller,
} from '../../src/app/decisionRecord.js';
import type { AppError } from '../../src/app/errors.js';
import { changeUser } from '../../src/app/users.js';
import { createTrial } from '../../src/app/trials.js';
import { createVendor } from '../../src/app/vendors.js';
import type { Role, User } from '../../src/domain/accounts.js';
import { addUser, createTestApp, FIXED_NOW } from '../http/helpers.js';

const as = (user: Pick<User, 'id' | 'role'>, role: Role = user.role): DecisionCaller => ({
  userId: user.id,
  role,
});

async function world() {
  const { deps } = await createTestApp({ as: 'anonymous' });
  const trial = await createTrial(deps, { name: 'RTC SDK selection', timezone: 'Asia/Shanghai' });
  const nimbus = await createVendor(deps, trial.id, { name: 'NimbusRTC' });
  const volta = await createVendor(deps, trial.id, { name: 'VoltaCall' });
  const other = await createTrial(deps, { name: 'Another trial', timezone: 'Asia/Shanghai' });
  const stranger = await createVendor(deps, other.id, { name: 'Elsewhere' });
  const lead = await addUser(deps, 'evaluator', 'lead@example.com');
  const engineer = await addUser(deps, 'evaluator', 'engineer@example.com');
  const cfo = await addUser(deps, 'viewer', 'cfo@example.com');
  const admin = await addUser(deps, 'admin', 'admin@example.com');
  return { deps, trial, nimbus, volta, stranger, lead, engineer, cfo, admin };
}
type World = Awaited<ReturnType<typeof world>>;

const recordFor = (w: World, extra: Record<string, unknown> = {}) =>
  putDecision(w.deps, w.trial.id, as(w.lead), {
    vendorId: w.nimbus.id,
    rationale: 'Fastest P0 answers and the only 24x7 hotline.',
    approvers: [w.engineer.id, w.cfo.id],
    ...extra,
  });

describe('putDecision', () => {
  it('when a writer records a recommendation, then it is stored dated now and signed by them', async () => {
    // Arrange
    const w = await world();

    // Act
    const decision = await recordFor(w);

    // Assert
    expect(decision).toEqual({
      vendorId: w.nimbus.id,
      rationale: 'Fastest P0 answers and the only 24x7 hotline.',
      decidedAt: FIXED_NOW,
      decidedBy: w.lead.id,
      approvers: [w.engineer.id, w.cfo.id],
      approvals: [],
    });
    expect(await getDecision(w.deps, w.trial.id)).toEqual(decision);
  });

  it.each([
    ['the vendor is of another trial', (w: World) => ({ vendorId: w.stranger.id }), ['vendorId']],
    ['the vendor does not exist', () => ({ vendorId: 'vendor_nope' }), ['vendorId']],
    ['the vendor is left out', () => ({ vendorId: undefined }), ['vendorId']],
    ['the rationale is blank', () => ({ rationale: '  \n ' }), ['rationale']],
    ['the rationale is left out', () => ({ rationale: undefined }), ['rationale']],
    [
      'the second approver is unknown',
      (w: World) => ({ approvers: [w.cfo.id, 'user_nope'] }),
      ['approvers.1'],
    ],
    ['an unknown field is sent', () => ({ verdict: 'approve' }), ['verdict']],
  ])('when %s, then it is refused with 400 naming the field', async (_case, change, paths) => {
    // Arrange
    const w = await world();

    // Act
    const attempt = recordFor(w, change(w));

    // Assert
    const error: unknown = await attempt.catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, code: 'validation' });
    expect((error as AppError).issues.map((issue) => issue.path)).toEqual(paths);
    expect(await getDecision(w.deps, w.trial.id)).toBeNull();
  });

  it('when an approver named is an inactive account, then it is refused at approvers.0', async () => {
    // Arrange
    const w = await world();
    await changeUser(w.deps, w.cfo.id, { active: false });

    // Act
    const attempt = recordFor(w, { approvers: [w.cfo.id] });

    // Assert
    await expect(attempt).rejects.toMatchObject({ status: 400, issues: [{ path: 'approvers.0' }] });
  });

  it('when a viewer (or an evaluator acting through a viewer token) records, then it is refused with 403', async () => {
    // Arrange
    const w = await world();

    // Act
    const byViewer = putDecision(w.deps, w.trial.id, as(w.cfo), { vendorId: null, rationale: 'x' });
    const byToken = putDecision(w.deps, w.trial.id, as(w.lead, 'viewer'), { vendorId: null, rationale: 'x' });

    // Assert
    await expect(byViewer).rejects.toMatchObject({ status: 403 });
    await expect(byToken).rejects.toMatchObject({ status: 403 });
  });

  it('when the trial does not exist, then 404', async () => {
    // Arrange
    const w = await world();

    // Act
    const attempt = putDecision(w.deps, 'trial_nope', as(w.lead), { vendorId: null, rationale: 'x' });

    // Assert
    await expect(attempt).rejects.toMatchObject({ status: 404 });
    await expect(getDecision(w.deps, 'trial_nope')).rejects.toMatchObject({ status: 404 });
  });

  it('when the team recommends none of the vendors, then vendorId is null', async () => {
    // Arrange
    const w = await world();

    // Act
    const decision = await recordFor(w, { vendorId: null, approvers: [] });

    // Assert
    expect(decision.vendorId).toBeNull();
  });

  it('when an approver is listed twice, then they are named once', async () => {
    // Arrange
    const w = await world();

    // Act
    const decision = await recordFor(w, { approvers: [w.cfo.id, w.cfo.id] });

    // Assert
    expect(decision.approvers).toEqual([w.cfo.id]);
  });

  it.each([
    ['another vendor', (w: World) => ({ vendorId: w.volta.id }), []],
    ['another rationale', () => ({ rationale: 'VoltaCall is cheaper after all.' }), []],
    ['only the approvers change', (w: World) => ({ approvers: [w.engineer.id, w.admin.id] }), ['engineer']],
    ['the same record again', () => ({}), ['engineer', 'cfo']],
  ])('when it is recorded again with %s, then the approvals kept are %j', async (_case, change, kept) => {
    // Arrange
    const w = await world();
    await recordFor(w);
    await approveDecision(w.deps, w.trial.id, as(w.engineer), { verdict: 'approve' });
    await approveDecision(w.deps, w.trial.id, as(w.cfo), { verdict: 'object', note: 'Too expensive.' });

    // Act
    const decision = await putDecision(w.deps, w.trial.id, as(w.admin), {
      vendorId: w.nimbus.id,
      rationale: 'Fastest P0 answers and the only 24x7 hotline.',
      approvers: [w.engineer.id, w.cfo.id],
      ...change(w),
    });

    // Assert
    const byEmail = { [w.engineer.id]: 'engineer', [w.cfo.id]: 'cfo' };
    expect(decision.approvals.map((approval) => byEmail[approval.by])).toEqual(kept);
  });

  it('when a new recommendation replaces the old one, then it is signed by whoever recorded it; an approvers-only change keeps the signature', async () => {
    // Arrange
    const w = await world();
    await recordFor(w);

    // Act
    const approversOnly = await putDecision(w.deps, w.trial.id, as(w.admin), {
      vendorId: w.nimbus.id,
      rationale: 'Fastest P0 answers and the only 24x7 hotline.',
      approvers: [w.cfo.id],
    });
    const replaced = await putDecision(w.deps, w.trial.id, as(w.admin), {
      vendorId: w.volta.id,
      rationale: 'VoltaCall after the reference calls.',
      approvers: [w.cfo.id],
    });

    // Assert
    expect(approversOnly.decidedBy).toBe(w.lead.id);
    expect(replaced.decidedBy).toBe(w.admin.id);
  });

  it('when the same record is sent again, then nothing is written to the audit log', async () => {
    // Arrange
    const w = await world();
    await recordFor(w);
    const before = (await w.deps.repository.listAudit({ limit: 1 })).total;

    // Act
    await recordFor(w);

    // Assert
    expect((await w.deps.repository.listAudit({ limit: 1 })).total).toBe(before);
  });
});

describe('approveDecision', () => {
  it.each([
    ['a named viewer approves', 'cfo', { verdict: 'approve' }, { verdict: 'approve' }],
    [
      'a named evaluator approves with a note',
      'engineer',
      { verdict: 'approve', note: ' Agreed. ' },
      { verdict: 'approve', note: 'Agreed.' },
    ],
    [
      'a named viewer objects with a reason',
      'cfo',
      { verdict: 'object', note: 'Cost is 40% over budget.' },
      { verdict: 'object', note: 'Cost is 40% over budget.' },
    ],
    [
      'an approver sends a blank note with an approval',
      'cfo',
      { verdict: 'approve', note: '   ' },
      { verdict: 'approve' },
    ],
  ] as const)('when %s, then it is stored as theirs, dated now', async (_case, who, body, stored) => {
    // Arrange
    const w = await world();
    await recordFor(w);

    // Act
    const { decision, created } = await approveDecision(w.deps, w.trial.id, as(w[who]), body);

    // Assert
    expect(created).toBe(true);
    expect(decision.approvals).toEqual([{ by: w[who].id, at: FIXED_NOW, ...stored }]);
  });

  it.each([
    ['an evaluator not named', 'lead', { verdict: 'approve' }, 403],
    ['an admin not named', 'admin', { verdict: 'approve' }, 403],
    ['a named approver objects without a reason', 'cfo', { verdict: 'object' }, 400],
    ['a named approver objects with a blank reason', 'cfo', { verdict: 'object', note: ' \n ' }, 400],
    ['a named approver sends another verdict', 'cfo', { verdict: 'maybe' }, 400],
    ['a named approver sends no verdict', 'cfo', {}, 400],
  ] as const)(
    'when %s, then it is refused with %i and nothing is stored',
    async (_case, who, body, status) => {
      // Arrange
      const w = await world();
      await recordFor(w);

      // Act
      const attempt = approveDecision(w.deps, w.trial.id, as(w[who]), body);

      // Assert
      await expect(attempt).rejects.toMatchObject({ status });
      expect((await getDecision(w.deps, w.trial.id))?.approvals).toEqual([]);
    },
  );

  it('when an objection has no reason, then the issue names note', async () => {
    // Arrange
    const w = await world();
    await recordFor(w);

    // Act
    const attempt = approveDecision(w.deps, w.trial.id, as(w.cfo), { verdict: 'object', note: '' });

    // Assert
    await expect(attempt).rejects.toMatchObject({
      status: 400,
      issues: [{ path: 'note', reason: 'objectionNote' }],
    });
  });

  it('when no decision is recorded, then approving is a 409 conflict', async () => {
    // Arrange
    const w = await world();

    // Act
    const attempt = approveDecision(w.deps, w.trial.id, as(w.cfo), { verdict: 'approve' });

    // Assert
    await expect(attempt).rejects.toMatchObject({ status: 409 });
  });

  it('when an approver answers twice, then the second answer replaces the first where it stood', async () => {
    // Arrange
    const w = await world();
    await recordFor(w);
    await approveDecision(w.deps, w.trial.id, as(w.cfo), { verdict: 'approve' });
    await approveDecision(w.deps, w.trial.id, as(w.engineer), { verdict: 'approve' });

    // Act
    const { decision, created } = await approveDecision(w.deps, w.trial.id, as(w.cfo), {
      verdict: 'object',
      note: 'The reference call went badly.',
    });

    // Assert
    expect(created).toBe(false);
    expect(decision.approvals.map((approval) => [approval.by, approval.verdict])).toEqual([
      [w.cfo.id, 'object'],
      [w.engineer.id, 'approve'],
    ]);
  });
});

describe('decisionRecordView', () => {
  it('when nothing is recorded, then the page shows no record and a writer may record one', async () => {
    // Arrange
    const w = await world();

    // Act
    const view = await decisionRecordView(w.deps, w.trial, w.lead);

    // Assert
    expect(view.record).toBeNull();
    expect(view).toMatchObject({ canEdit: true, canApprove: false, approvers: [] });
    expect(view.options.vendors.map((vendor) => vendor.name)).toEqual(['NimbusRTC', 'VoltaCall']);
    expect(view.options.users.map((user) => user.label)).toEqual([
      'lead@example.com',
      'engineer@example.com',
      'cfo@example.com',
      'admin@example.com',
    ]);
  });

  it('when approvers have answered, then each shows their state, time and note, and a named viewer may approve but not edit', async () => {
    // Arrange
    const w = await world();
    await recordFor(w);
    await approveDecision(w.deps, w.trial.id, as(w.cfo), { verdict: 'object', note: 'Over budget.' });
    const trial = await w.deps.repository.getTrial(w.trial.id);
    if (!trial) throw new Error('trial missing');

    // Act
    const view = await decisionRecordView(w.deps, trial, w.cfo);

    // Assert
    expect(view.record).toMatchObject({
      vendorName: 'NimbusRTC',
      vendorMissing: false,
      decidedBy: 'lead@example.com',
      decidedAt: FIXED_NOW,
    });
    expect(view.approvers).toEqual([
      { userId: w.engineer.id, label: 'engineer@example.com', you: false, state: 'pending' },
      {
        userId: w.cfo.id,
        label: 'cfo@example.com',
        you: true,
        state: 'objected',
        at: FIXED_NOW,
        note: 'Over budget.',
      },
    ]);
    expect(view.counts).toEqual({ pending: 1, approved: 0, objected: 1 });
    expect(view).toMatchObject({ canEdit: false, canApprove: true, mine: { verdict: 'object' } });
    expect(view.approvalForm.values).toEqual({ verdict: 'object', note: 'Over budget.' });
    expect(view.recordForm.values).toEqual({
      vendorId: w.nimbus.id,
      rationale: 'Fastest P0 answers and the only 24x7 hotline.',
    });
  });

  it('when none of the vendors is recommended, then the form shows the "none" choice', async () => {
    // Arrange
    const w = await world();
    await recordFor(w, { vendorId: null });
    const trial = await w.deps.repository.getTrial(w.trial.id);
    if (!trial) throw new Error('trial missing');

    // Act
    const view = await decisionRecordView(w.deps, trial, w.lead);

    // Assert
    expect(view.record).toMatchObject({ vendorId: null, vendorName: null, vendorMissing: false });
    expect(view.recordForm.values['vendorId']).toBe('none');
  });

  it('when the trial is closed, then nobody may edit or answer, the named approver included', async () => {
    // Arrange
    const w = await world();
    await recordFor(w);
    const closed = await w.deps.repository.getTrial(w.trial.id);
    if (!closed) throw new Error('trial missing');

    // Act
    const views = await Promise.all(
      [w.lead, w.cfo].map((user) => decisionRecordView(w.deps, { ...closed, status: 'closed' }, user)),
    );

    // Assert
    expect(views.map((view) => [view.canEdit, view.canApprove])).toEqual([
      [false, false],
      [false, false],
    ]);
  });
});
