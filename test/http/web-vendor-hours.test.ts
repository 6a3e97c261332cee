import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Vendor } from '../../src/domain/schemas.js';
import { createTestApp, postTrial, postVendor } from './helpers.js';

function postForm(app: Express, url: string, fields: Record<string, string | string[]>, lang = 'en') {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
  }
  return request(app).post(url).set('Cookie', `lang=${lang}`).type('form').send(body.toString());
}

/** The value of the hidden field that remembers the support hours as the form showed them. */
function shownHours(html: string): string {
  const escaped = /name="supportHours\.shown" value="([^"]*)"/.exec(html)?.[1] ?? '';
  return escaped
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The support-hours fields as the new-vendor form shows them (office hours in the trial's zone). */
const OFFICE_HOURS = {
  'supportHours.timezone': 'Asia/Shanghai',
  'supportHours.days': ['1', '2', '3', '4', '5'],
  'supportHours.start': '09:00',
  'supportHours.end': '18:00',
  'supportHours.holidays': '',
  'supportHours.extraWorkdays': '',
};

async function newVendorForm() {
  const testApp = await createTestApp();
  const trial = await postTrial(testApp.app, { timezone: 'Asia/Shanghai' });
  const page = await request(testApp.app).get(`/trials/${trial.id}/vendors/new`);
  return { ...testApp, trial, page, shown: shownHours(page.text) };
}

async function vendorsOf(app: Express, trialId: string): Promise<Vendor[]> {
  return (await request(app).get(`/api/v1/trials/${trialId}/vendors`)).body as Vendor[];
}

describe('vendor form: the support hours and their tick box', () => {
  it('when the form is opened, then the hours sit in a fieldset the script can disable, with a note that they count only when ticked', async () => {
    const { page, shown } = await newVendorForm();

    expect(page.status).toBe(200);
    expect(page.text).toContain('<fieldset class="form-grid vendor-hours" data-hours-fields>');
    expect(page.text).toContain('The fields below are used only while this is ticked.');
    expect(JSON.parse(shown)).toEqual(['Asia/Shanghai', ['1', '2', '3', '4', '5'], '09:00', '18:00', [], []]);
  });

  it('when hours are changed with the box unticked (no script), then the form comes back saying they would be lost, with everything typed, and nothing is saved', async () => {
    // Arrange
    const { app, trial, shown } = await newVendorForm();

    // Act
    const response = await postForm(app, `/trials/${trial.id}/vendors`, {
      name: 'NimbusRTC',
      'supportHours.shown': shown,
      ...OFFICE_HOURS,
      'supportHours.start': '08:00',
      'supportHours.holidays': '2026-10-01',
    });

    // Assert
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toMatch(
      /id="supportHours-enabled"[^>]*aria-describedby="[^"]*supportHours-enabled-error"/,
    );
    expect(response.text).toContain('Support hours were changed below, but this box is not ticked');
    expect(response.text).toContain('value="08:00"');
    expect(response.text).toContain('>2026-10-01</textarea>');
    expect(response.text).toContain('value="NimbusRTC"');
    // The fingerprint of the first showing is kept, so a second unticked send is still caught.
    expect(shownHours(response.text)).toBe(shown);
    expect(await vendorsOf(app, trial.id)).toEqual([]);
  });

  it('when the box is ticked after that, then the typed hours are saved', async () => {
    const { app, trial, shown } = await newVendorForm();

    const response = await postForm(app, `/trials/${trial.id}/vendors`, {
      name: 'NimbusRTC',
      'supportHours.shown': shown,
      'supportHours.enabled': 'on',
      ...OFFICE_HOURS,
      'supportHours.start': '08:00',
    });

    expect(response.status).toBe(303);
    const [vendor] = await vendorsOf(app, trial.id);
    expect(vendor?.supportHours).toMatchObject({ start: '08:00', end: '18:00', days: [1, 2, 3, 4, 5] });
  });

  it('when the box is unticked and the hours are left as shown, then the vendor is saved on the trial calendar', async () => {
    const { app, trial, shown } = await newVendorForm();

    const response = await postForm(app, `/trials/${trial.id}/vendors`, {
      name: 'NimbusRTC',
      'supportHours.shown': shown,
      ...OFFICE_HOURS,
      // The same days in another order and the same start with spaces are not a change.
      'supportHours.days': ['5', '4', '3', '2', '1'],
      'supportHours.start': ' 09:00 ',
    });

    expect(response.status).toBe(303);
    const [vendor] = await vendorsOf(app, trial.id);
    expect(vendor?.supportHours).toBeUndefined();
  });

  it('when the script has disabled the unticked fields (so none is sent), then the vendor is saved without hours', async () => {
    const { app, trial, shown } = await newVendorForm();

    const response = await postForm(app, `/trials/${trial.id}/vendors`, {
      name: 'NimbusRTC',
      'supportHours.shown': shown,
    });

    expect(response.status).toBe(303);
    expect((await vendorsOf(app, trial.id))[0]?.supportHours).toBeUndefined();
  });

  it('when a vendor with hours is edited and the box unticked with the hours as shown, then its hours are removed', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
    const vendor = await postVendor(app, trial.id, {
      supportHours: { timezone: 'Asia/Shanghai', days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '20:00' },
    });
    const page = await request(app).get(`/vendors/${vendor.id}/edit`);

    // Act
    const response = await postForm(app, `/vendors/${vendor.id}/edit`, {
      name: vendor.name,
      'supportHours.shown': shownHours(page.text),
      ...OFFICE_HOURS,
      'supportHours.days': ['1', '2', '3', '4', '5', '6'],
      'supportHours.start': '08:00',
      'supportHours.end': '20:00',
    });

    // Assert
    expect(response.status).toBe(303);
    expect((await vendorsOf(app, trial.id))[0]?.supportHours).toBeUndefined();
  });

  it('when the unticked hours are changed in Chinese, then the message is Chinese', async () => {
    const { app, trial, shown } = await newVendorForm();

    const response = await postForm(
      app,
      `/trials/${trial.id}/vendors`,
      { name: '声浪云', 'supportHours.shown': shown, ...OFFICE_HOURS, 'supportHours.end': '17:00' },
      'zh-CN',
    );

    expect(response.status).toBe(400);
    expect(response.text).toContain('下方的支持时间已修改，但未勾选此项，因此不会保存。');
  });
});
