/**
 * Diligence over HTTP (SPEC §2, §6): the trial's questionnaire and a vendor's diligence through
 * PATCH (200, 400 naming the field path, 404), the default items of a new trial, and the
 * vendor page's and settings' forms (saved, errors beside the field with what was typed, both
 * languages, read-only for viewers).
 */
import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DILIGENCE_ITEMS } from '../../src/domain/diligence.js';
import type { Trial, Vendor } from '../../src/domain/schemas.js';
import { createTestApp, issuePaths, postTrial, postVendor } from './helpers.js';

const ZH = { Cookie: 'lang=zh-CN' };
const [CSM = '', L2 = ''] = DEFAULT_DILIGENCE_ITEMS;

const REFERENCE = {
  customer: 'LiveCast Ltd',
  contactRole: 'CTO',
  date: '2026-11-18',
  summary: 'Answers within the hour; R&D joined a call on day two.',
  rating: 4,
  wouldRecommend: true,
};

async function world(as: 'evaluator' | 'viewer' = 'evaluator') {
  const test = await createTestApp({ as: 'evaluator' });
  const trial = await postTrial(test.app);
  const vendor = await postVendor(test.app, trial.id);
  if (as === 'evaluator') return { ...test, trial, vendor };
  const viewer = await createTestApp({ as: 'viewer', ...test.deps });
  return { ...viewer, trial, vendor };
}

const patchVendor = (app: Express, vendorId: string, body: unknown) =>
  request(app)
    .patch(`/api/v1/vendors/${vendorId}`)
    .send(body as object);
const patchTrial = (app: Express, trialId: string, body: unknown) =>
  request(app)
    .patch(`/api/v1/trials/${trialId}`)
    .send(body as object);
const storedVendor = async (app: Express, vendorId: string) =>
  (await request(app).get(`/api/v1/vendors/${vendorId}`)).body as Vendor;

describe('the questionnaire through the API', () => {
  it('when a trial is created, then it starts with the suggested diligence items', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    expect(trial.diligenceItems).toEqual(DEFAULT_DILIGENCE_ITEMS);
  });

  it('when a trial is created with its own items, then it keeps those', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { diligenceItems: ['Named CSM'] });
    expect(trial.diligenceItems).toEqual(['Named CSM']);
  });

  it.each<[string, unknown, number, string[]]>([
    ['a new list', ['Named CSM', 'Status page'], 200, []],
    ['an empty list', [], 200, []],
    ['null (back to the suggestion)', null, 200, []],
    ['a list naming an item twice', ['A', 'B', 'A'], 400, ['diligenceItems.2']],
    ['a blank item', ['A', '  '], 400, ['diligenceItems.1']],
    ['an item that is not text', ['A', 7], 400, ['diligenceItems.1']],
    ['an item over 300 characters', ['x'.repeat(301)], 400, ['diligenceItems.0']],
    ['not a list', 'Named CSM', 400, ['diligenceItems']],
  ])('when PATCH sets diligenceItems to %s, then it answers %s', async (_case, items, status, paths) => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const response = await patchTrial(app, trial.id, { diligenceItems: items });
    if (status === 400) {
      expect(issuePaths(response)).toEqual(paths);
      return;
    }
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect((response.body as Trial).diligenceItems).toEqual(items === null ? undefined : items);
  });

  it('when the trial does not exist, then PATCH answers 404', async () => {
    const { app } = await createTestApp();
    expect((await patchTrial(app, 'nope', { diligenceItems: [] })).status).toBe(404);
  });
});

describe('a vendor’s diligence through the API', () => {
  it('when the whole diligence is sent, then it is stored and read back', async () => {
    const { app, vendor } = await world();
    const diligence = {
      supportTeam: {
        size: 40,
        l2Engineers: 8,
        rtcSpecialists: 5,
        languages: ['Chinese', 'English'],
        namedCsm: true,
      },
      references: [REFERENCE],
      checks: [
        { item: CSM, answer: 'yes' },
        { item: L2, answer: 'partial', note: 'Only for P0' },
      ],
    };
    const response = await patchVendor(app, vendor.id, { diligence });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect((await storedVendor(app, vendor.id)).diligence).toEqual(diligence);
  });

  it.each<[string, unknown, string]>([
    ['a rating above 5', { references: [{ ...REFERENCE, rating: 6 }] }, 'diligence.references.0.rating'],
    ['a rating below 1', { references: [{ ...REFERENCE, rating: 0 }] }, 'diligence.references.0.rating'],
    [
      'a date that is not YYYY-MM-DD',
      { references: [{ ...REFERENCE, date: '18/11/2026' }] },
      'diligence.references.0.date',
    ],
    [
      'an impossible date',
      { references: [{ ...REFERENCE, date: '2026-02-30' }] },
      'diligence.references.0.date',
    ],
    [
      'a reference without a customer',
      { references: [{ ...REFERENCE, customer: ' ' }] },
      'diligence.references.0.customer',
    ],
    ['a negative team size', { supportTeam: { size: -1 } }, 'diligence.supportTeam.size'],
    ['a fractional team size', { supportTeam: { l2Engineers: 2.5 } }, 'diligence.supportTeam.l2Engineers'],
    ['an answer not in the enum', { checks: [{ item: CSM, answer: 'maybe' }] }, 'diligence.checks.0.answer'],
    [
      'an item not in the trial’s list',
      { checks: [{ item: 'Invented', answer: 'yes' }] },
      'diligence.checks.0.item',
    ],
    [
      'an item answered twice',
      {
        checks: [
          { item: CSM, answer: 'yes' },
          { item: CSM, answer: 'no' },
        ],
      },
      'diligence.checks.1.item',
    ],
  ])('when the diligence has %s, then PATCH answers 400 naming %s', async (_case, diligence, path) => {
    const { app, vendor } = await world();
    expect(issuePaths(await patchVendor(app, vendor.id, { diligence }))).toEqual([path]);
    expect((await storedVendor(app, vendor.id)).diligence).toBeUndefined();
  });

  it('when the vendor does not exist, then PATCH answers 404', async () => {
    const { app } = await createTestApp();
    expect((await patchVendor(app, 'nope', { diligence: {} })).status).toBe(404);
  });

  it('when an answered item leaves the list, then the answer is kept and may be sent back, but not a new one', async () => {
    const { app, trial, vendor } = await world();
    await patchVendor(app, vendor.id, { diligence: { checks: [{ item: CSM, answer: 'yes' }] } });
    expect((await patchTrial(app, trial.id, { diligenceItems: [L2] })).status).toBe(200);

    expect((await storedVendor(app, vendor.id)).diligence?.checks).toEqual([{ item: CSM, answer: 'yes' }]);
    const resent = await patchVendor(app, vendor.id, {
      diligence: {
        checks: [
          { item: CSM, answer: 'yes' },
          { item: L2, answer: 'no' },
        ],
      },
    });
    expect(resent.status, JSON.stringify(resent.body)).toBe(200);
    const other = await postVendor(app, trial.id, { name: 'Other' });
    expect(
      issuePaths(await patchVendor(app, other.id, { diligence: { checks: [{ item: CSM, answer: 'yes' }] } })),
    ).toEqual(['diligence.checks.0.item']);
  });

  it('when diligence is null, then it is cleared', async () => {
    const { app, vendor } = await world();
    await patchVendor(app, vendor.id, { diligence: { references: [REFERENCE] } });
    expect((await patchVendor(app, vendor.id, { diligence: null })).status).toBe(200);
    expect((await storedVendor(app, vendor.id)).diligence).toBeUndefined();
  });
});

/** A form post as the page sends it (the test browser adds the CSRF header). */
const post = (app: Express, url: string, fields: Record<string, string>) =>
  request(app).post(url).type('form').send(fields);

describe('the vendor page’s diligence forms', () => {
  it.each([
    ['en', {}, ['Diligence', 'Support team', 'Reference calls', 'Questionnaire', 'Save answers']],
    ['zh-CN', ZH, ['尽职调查', '支持团队', '参考客户访谈', '问卷', '保存回答']],
  ])(
    'when the vendor page is read in %s, then the diligence section has its three forms',
    async (_lang, headers, words) => {
      const { app, vendor } = await world();
      const page = await request(app).get(`/vendors/${vendor.id}`).set(headers);
      expect(page.status).toBe(200);
      for (const word of words) expect(page.text).toContain(word);
      expect(page.text).toContain('data-testid="team-form"');
      expect(page.text).toContain('data-testid="checks-form"');
      expect(page.text.match(/data-testid="check-row"/g)).toHaveLength(DEFAULT_DILIGENCE_ITEMS.length);
    },
  );

  it('when the team form is saved, then the profile is stored and the page says so', async () => {
    const { app, vendor } = await world();
    const saved = await post(app, `/vendors/${vendor.id}/diligence/team`, {
      size: '40',
      l2Engineers: '8',
      rtcSpecialists: '',
      languages: 'Chinese, English',
      hoursByTimezone: 'Asia/Shanghai 09:00–21:00',
      namedCsm: 'yes',
      notes: '',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers['location']).toBe(`/vendors/${vendor.id}?saved=team#diligence-team`);
    expect((await storedVendor(app, vendor.id)).diligence?.supportTeam).toEqual({
      size: 40,
      l2Engineers: 8,
      languages: ['Chinese', 'English'],
      hoursByTimezone: 'Asia/Shanghai 09:00–21:00',
      namedCsm: true,
    });
    const page = await request(app).get(`/vendors/${vendor.id}?saved=team`);
    expect(page.text).toContain('data-testid="saved-team"');
  });

  it.each([
    ['en', {}, 'Too small.'],
    ['zh-CN', ZH, '数值过小'],
  ])(
    'when the team size is negative (%s), then the form comes back with the error beside it and what was typed',
    async (_lang, headers, message) => {
      const { app, vendor } = await world();
      const page = await post(app, `/vendors/${vendor.id}/diligence/team`, {
        size: '-3',
        languages: 'Chinese',
      }).set(headers);
      expect(page.status).toBe(400);
      expect(page.text).toMatch(
        /id="dl-team-size" name="size" aria-describedby="dl-team-size-error" aria-invalid="true" inputmode="numeric" value="-3"/,
      );
      expect(page.text).toMatch(new RegExp(`id="dl-team-size-error">${message}`));
      expect(page.text).toContain('value="Chinese"');
      expect((await storedVendor(app, vendor.id)).diligence).toBeUndefined();
    },
  );

  it('when a reference call is added, edited and removed, then the list follows', async () => {
    const { app, vendor } = await world();
    const fields = {
      customer: 'LiveCast',
      contactRole: 'CTO',
      date: '2026-11-18',
      summary: 'Fast.',
      rating: '4',
      wouldRecommend: 'yes',
    };
    expect((await post(app, `/vendors/${vendor.id}/diligence/references`, fields)).status).toBe(303);
    expect(
      (
        await post(app, `/vendors/${vendor.id}/diligence/references`, {
          ...fields,
          customer: 'EduLive',
          rating: '2',
          wouldRecommend: 'no',
        })
      ).status,
    ).toBe(303);
    expect(
      (await post(app, `/vendors/${vendor.id}/diligence/references/0`, { ...fields, rating: '5' })).status,
    ).toBe(303);
    let references = (await storedVendor(app, vendor.id)).diligence?.references ?? [];
    expect(
      references.map((reference) => [reference.customer, reference.rating, reference.wouldRecommend]),
    ).toEqual([
      ['LiveCast', 5, true],
      ['EduLive', 2, false],
    ]);
    const page = await request(app).get(`/vendors/${vendor.id}`);
    expect(page.text).toContain('2 · mean rating 3.5/5 · 50% would recommend');

    expect((await post(app, `/vendors/${vendor.id}/diligence/references/0/delete`, {})).status).toBe(303);
    references = (await storedVendor(app, vendor.id)).diligence?.references ?? [];
    expect(references.map((reference) => reference.customer)).toEqual(['EduLive']);
    expect((await post(app, `/vendors/${vendor.id}/diligence/references/5/delete`, {})).status).toBe(404);
    expect((await post(app, `/vendors/${vendor.id}/diligence/references/5`, fields)).status).toBe(404);
  });

  it.each([
    ['en', {}],
    ['zh-CN', ZH],
  ])(
    'when a reference call has a bad date and no rating (%s), then both fields show an error and the typed text stays',
    async (_lang, headers) => {
      const { app, vendor } = await world();
      const page = await post(app, `/vendors/${vendor.id}/diligence/references`, {
        customer: 'LiveCast',
        date: '18/11/2026',
        summary: 'Typed notes',
        rating: '',
        wouldRecommend: 'yes',
      }).set(headers);
      expect(page.status).toBe(400);
      expect(page.text).toMatch(/id="dl-ref-new-date-error"/);
      expect(page.text).toMatch(/id="dl-ref-new-rating-error"/);
      expect(page.text).toContain('value="18/11/2026"');
      expect(page.text).toContain('Typed notes');
      expect((await storedVendor(app, vendor.id)).diligence).toBeUndefined();
    },
  );

  it('when an edited reference call is refused, then its edit form comes back open with the error and what was typed', async () => {
    const { app, vendor } = await world();
    await patchVendor(app, vendor.id, { diligence: { references: [REFERENCE] } });
    const page = await post(app, `/vendors/${vendor.id}/diligence/references/0`, {
      customer: 'Renamed',
      date: '2026-11-18',
      summary: '',
      rating: '9',
      wouldRecommend: 'no',
    });
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/<details open>/);
    expect(page.text).toMatch(/id="dl-ref-0-rating-error"/);
    expect(page.text).toContain('id="dl-ref-0-customer" name="customer" value="Renamed"');
    expect((await storedVendor(app, vendor.id)).diligence?.references).toEqual([REFERENCE]);
  });

  it('when the questionnaire is answered, then answers are stored in the list order and unknown ones without a note are left out', async () => {
    const { app, trial, vendor } = await world();
    await patchTrial(app, trial.id, { diligenceItems: ['Named CSM', 'L2 access', 'Status page'] });
    const saved = await post(app, `/vendors/${vendor.id}/diligence/checks`, {
      'item.0': 'Named CSM',
      'answer.0': 'yes',
      'note.0': '',
      'item.1': 'L2 access',
      'answer.1': 'unknown',
      'note.1': '',
      'item.2': 'Status page',
      'answer.2': 'partial',
      'note.2': 'No incident history',
    });
    expect(saved.status).toBe(303);
    expect((await storedVendor(app, vendor.id)).diligence?.checks).toEqual([
      { item: 'Named CSM', answer: 'yes' },
      { item: 'Status page', answer: 'partial', note: 'No incident history' },
    ]);
    const page = await request(app).get(`/vendors/${vendor.id}`);
    expect(page.text).toContain('2 of 3 answered · 1 yes, 1 partly, 0 no');
  });

  it('when an answer is not in the enum, then the row shows the error', async () => {
    const { app, trial, vendor } = await world();
    await patchTrial(app, trial.id, { diligenceItems: ['Named CSM'] });
    const page = await post(app, `/vendors/${vendor.id}/diligence/checks`, {
      'item.0': 'Named CSM',
      'answer.0': 'maybe',
      'note.0': 'typed',
    });
    expect(page.status).toBe(400);
    expect(page.text).toMatch(/id="dl-check-0-error"/);
    expect(page.text).toContain('value="typed"');
  });

  it('when an answered item is removed from the list, then the vendor page shows it apart and saving answers keeps it', async () => {
    const { app, trial, vendor } = await world();
    await patchTrial(app, trial.id, { diligenceItems: ['Named CSM', 'Old item'] });
    await patchVendor(app, vendor.id, { diligence: { checks: [{ item: 'Old item', answer: 'no' }] } });
    await patchTrial(app, trial.id, { diligenceItems: ['Named CSM'] });
    await post(app, `/vendors/${vendor.id}/diligence/checks`, { 'item.0': 'Named CSM', 'answer.0': 'yes' });
    expect((await storedVendor(app, vendor.id)).diligence?.checks).toEqual([
      { item: 'Named CSM', answer: 'yes' },
      { item: 'Old item', answer: 'no' },
    ]);
    const page = await request(app).get(`/vendors/${vendor.id}`);
    expect(page.text).toMatch(/data-testid="off-list">\s*<li>Old item — No/);
  });

  it('when a viewer opens the vendor page, then diligence is shown without forms', async () => {
    const { app, vendor } = await world('viewer');
    const page = await request(app).get(`/vendors/${vendor.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="diligence"');
    expect(page.text).not.toContain('data-testid="team-form"');
    expect(page.text).not.toContain('data-testid="checks-form"');
    expect((await post(app, `/vendors/${vendor.id}/diligence/team`, { size: '4' })).status).toBe(403);
  });
});

describe('the questionnaire in the trial settings', () => {
  it.each([
    ['en', {}, 'Suggested.'],
    ['zh-CN', ZH, '建议。'],
  ])(
    'when the trial has not saved items (%s), then settings show the suggestion, and saving makes it the trial’s',
    async (_lang, headers, badge) => {
      const { app, trial } = await world();
      await patchTrial(app, trial.id, { diligenceItems: null });
      const page = await request(app).get(`/trials/${trial.id}/settings`).set(headers);
      expect(page.status).toBe(200);
      expect(page.text).toContain(badge);
      expect(page.text).toContain(DEFAULT_DILIGENCE_ITEMS[0] ?? '');

      const saved = await post(app, `/trials/${trial.id}/settings/diligence`, {
        items: 'Named CSM\r\n\r\n  Status page  ',
      });
      expect(saved.status).toBe(303);
      const stored = (await request(app).get(`/api/v1/trials/${trial.id}`)).body as Trial;
      expect(stored.diligenceItems).toEqual(['Named CSM', 'Status page']);
      const after = await request(app).get(`/trials/${trial.id}/settings?saved=diligence`).set(headers);
      expect(after.text).toContain('data-testid="saved-diligence"');
      expect(after.text).not.toContain('data-testid="items-suggested"');
    },
  );

  it.each([
    ['en', {}, 'Line 3: This question is already in the list.'],
    ['zh-CN', ZH, '第 3 行：该问题已在清单中。'],
  ])(
    'when a line repeats (%s), then the error names the line and the text stays as typed',
    async (_lang, headers, message) => {
      const { app, trial } = await world();
      const page = await post(app, `/trials/${trial.id}/settings/diligence`, { items: 'A\nB\nA' }).set(
        headers,
      );
      expect(page.status).toBe(400);
      expect(page.text).toContain(message);
      expect(page.text).toMatch(/aria-invalid="true">A\nB\nA<\/textarea>/);
    },
  );

  it('when "back to the suggested questions" is pressed, then the trial’s own list is dropped', async () => {
    const { app, trial } = await world();
    await patchTrial(app, trial.id, { diligenceItems: ['Only'] });
    expect(
      (await post(app, `/trials/${trial.id}/settings/diligence`, { items: 'Only', reset: '1' })).status,
    ).toBe(303);
    expect(
      ((await request(app).get(`/api/v1/trials/${trial.id}`)).body as Trial).diligenceItems,
    ).toBeUndefined();
  });

  it('when the questionnaire page is opened on its own, then it shows the editor', async () => {
    const { app, trial } = await world();
    const page = await request(app).get(`/trials/${trial.id}/settings/diligence`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="diligence-items"');
    const vendorPage = await request(app).get(`/vendors/nope/diligence`);
    expect(vendorPage.status).toBe(404);
  });
});
