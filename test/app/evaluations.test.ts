/**
 * The evaluation use cases: putting one's own rating (SPEC §2, §8), who sees the others'
 * ratings, and the rating block's spread, flag and depth source.
 */
import { describe, expect, it } from 'vitest';
import {
  evaluationPanel,
  putOwnEvaluation,
  seesAllEvaluations,
  withVisibleEvaluations,
  type Rater,
} from '../../src/app/evaluations.js';
import { createProbe } from '../../src/app/probes.js';
import { createTrial } from '../../src/app/trials.js';
import { createVendor } from '../../src/app/vendors.js';
import type { Role } from '../../src/domain/accounts.js';
import type { Evaluation } from '../../src/domain/schemas.js';
import { buildProbe } from '../factories.js';
import { addUser, createTestApp } from '../http/helpers.js';

const AT = '2026-11-24T04:00:00.000Z';
const rater = (userId: string, accountRole: Role = 'evaluator', role: Role = accountRole): Rater => ({
  userId,
  accountRole,
  role,
});
const vote = (by: string, depth?: number, communication?: number): Evaluation => ({
  by,
  ...(depth === undefined ? {} : { depth }),
  ...(communication === undefined ? {} : { communication }),
  at: AT,
});

async function world() {
  const { deps } = await createTestApp({ as: 'anonymous' });
  const trial = await createTrial(deps, { name: 'Ratings', timezone: 'Asia/Shanghai' });
  const vendor = await createVendor(deps, trial.id, { name: 'NimbusRTC' });
  const probe = await createProbe(deps, trial.id, {
    vendorId: vendor.id,
    title: 'Echo on Bluetooth headsets',
    severity: 'P1',
    category: 'av-quality',
    difficulty: 'hard',
    channel: 'ticket',
    sentAt: '2026-11-20T10:00+08:00',
  });
  return { deps, probe };
}

describe('putOwnEvaluation', () => {
  it('when a viewer rates, then it is refused with 403 and nothing is stored', async () => {
    // Arrange
    const { deps, probe } = await world();

    // Act
    const attempt = putOwnEvaluation(deps, probe.id, rater('u-viewer', 'viewer'), { depth: 2 });

    // Assert
    await expect(attempt).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    expect((await deps.repository.getProbe(probe.id))?.evaluations).toEqual([]);
  });

  it("when an evaluator acts through a viewer's token, then it is refused", async () => {
    // Arrange
    const { deps, probe } = await world();

    // Act
    const attempt = putOwnEvaluation(deps, probe.id, rater('u-1', 'evaluator', 'viewer'), { depth: 2 });

    // Assert
    await expect(attempt).rejects.toMatchObject({ status: 403 });
  });

  it('when the probe is unknown, then 404 comes before any complaint about the body', async () => {
    // Arrange
    const { deps } = await world();

    // Act
    const attempt = putOwnEvaluation(deps, 'probe-nowhere', rater('u-1'), { depth: 9 });

    // Assert
    await expect(attempt).rejects.toMatchObject({ status: 404 });
  });

  it.each([
    ['only a depth', { depth: 0 }, { depth: 0 }],
    ['only a communication grade', { communication: 5 }, { communication: 5 }],
    ['a blank note', { depth: 4, note: '   ' }, { depth: 4 }],
    ['a note', { communication: 1, note: ' 回复很慢 ' }, { communication: 1, note: '回复很慢' }],
  ])('when the rating has %s, then that is what is stored', async (_what, body, stored) => {
    // Arrange
    const { deps, probe } = await world();

    // Act
    const evaluation = await putOwnEvaluation(deps, probe.id, rater('u-1'), body);

    // Assert
    expect(evaluation).toEqual({ by: 'u-1', ...stored, at: AT });
    expect((await deps.repository.getProbe(probe.id))?.evaluations).toEqual([evaluation]);
  });

  it('when two evaluators rate at the same moment, then both ratings are kept', async () => {
    // Arrange
    const { deps, probe } = await world();
    const first = await addUser(deps, 'evaluator', 'first@example.com');
    const second = await addUser(deps, 'evaluator', 'second@example.com');

    // Act
    await Promise.all([
      putOwnEvaluation(deps, probe.id, rater(first.id), { depth: 3 }),
      putOwnEvaluation(deps, probe.id, rater(second.id), { depth: 2 }),
    ]);

    // Assert
    const stored = (await deps.repository.getProbe(probe.id))?.evaluations ?? [];
    expect(stored.map((evaluation) => evaluation.depth).sort()).toEqual([2, 3]);
  });
});

describe('who sees the others’ ratings', () => {
  const probe = buildProbe({ evaluations: [vote('u-1', 3), vote('u-2', 1)] });

  it.each([
    ['an evaluator who has rated', rater('u-1'), true],
    ['an evaluator who has not', rater('u-3'), false],
    ['an admin who has not', rater('u-4', 'admin'), false],
    ['an admin who has', rater('u-2', 'admin'), true],
    ['a viewer, who cannot rate', rater('u-5', 'viewer'), true],
    [
      "an evaluator reading with a viewer's token, not having rated",
      rater('u-3', 'evaluator', 'viewer'),
      false,
    ],
  ])('when %s reads, then seeing everyone is %s', (_who, reader, sees) => {
    expect(seesAllEvaluations(probe, reader)).toBe(sees);
    expect(withVisibleEvaluations(probe, reader).evaluations.length).toBe(sees ? 2 : 0);
  });
});

describe('evaluationPanel', () => {
  it.each([
    ['no votes', [], {}, null, false, 'events'],
    ['one vote', [vote('u-1', 3)], {}, null, false, 'votes'],
    ['votes 3 and 2', [vote('u-1', 3), vote('u-2', 2)], {}, 1, false, 'votes'],
    ['votes 3 and 1', [vote('u-1', 3), vote('u-2', 1)], {}, 2, true, 'votes'],
    ['votes 4, 0 and 2', [vote('u-1', 4), vote('u-2', 0), vote('u-3', 2)], {}, 4, true, 'votes'],
    ['communication only', [vote('u-1', undefined, 2), vote('u-2', undefined, 5)], {}, null, false, 'events'],
    ['votes 3 and 1 and the lead’s depth', [vote('u-1', 3), vote('u-2', 1)], { depth: 2 }, 2, true, 'lead'],
  ] as const)(
    'when the probe has %s, then the depth spread is %s, the flag %s and the score’s depth comes from %s',
    async (_what, evaluations, ratings, spread, flagged, source) => {
      // Arrange
      const { deps } = await createTestApp({ as: 'anonymous' });
      const probe = buildProbe({ evaluations: [...evaluations], ratings });

      // Act
      const panel = await evaluationPanel(deps, probe, rater('u-1'));

      // Assert
      expect(panel.spread?.depth ?? null).toBe(spread);
      expect(panel.forDiscussion).toBe(flagged);
      expect(panel.depthSource).toBe(source);
    },
  );

  it('when the reader has not rated, then the panel counts the others and shows no rating and no spread', async () => {
    // Arrange
    const { deps } = await createTestApp({ as: 'anonymous' });
    const probe = buildProbe({ evaluations: [vote('u-1', 4), vote('u-2', 0)] });

    // Act
    const panel = await evaluationPanel(deps, probe, rater('u-3'));

    // Assert
    expect(panel).toMatchObject({
      revealed: false,
      othersCount: 2,
      shown: [],
      spread: null,
      forDiscussion: false,
    });
  });

  it('when the reader has rated, then every rating shows with its rater’s name, oldest first', async () => {
    // Arrange
    const { deps } = await createTestApp({ as: 'anonymous' });
    const lin = await addUser(deps, 'evaluator', 'lin.wei@example.com');
    await deps.repository.updateUser(lin.id, (user) => ({ ...user, name: 'Lin Wei 林伟' }));
    const chen = await addUser(deps, 'evaluator', 'chen@example.com');
    const probe = buildProbe({
      evaluations: [
        { ...vote(chen.id, 2, 3), at: '2026-11-24T05:00:00.000Z' },
        { ...vote(lin.id, 3, 4), at: '2026-11-24T03:00:00.000Z' },
      ],
    });

    // Act
    const panel = await evaluationPanel(deps, probe, rater(chen.id));

    // Assert
    expect(panel.shown.map(({ rater: name, mine }) => [name, mine])).toEqual([
      ['Lin Wei 林伟', false],
      ['chen@example.com', true],
    ]);
    expect(panel.spread).toEqual({ depth: 1, communication: 1 });
    expect(panel.othersCount).toBe(1);
  });
});
