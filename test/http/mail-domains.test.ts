/** Mail domains for imports: the trial's own (teamDomains) and each vendor's (domains), API and forms. */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestApp, issuePaths, postTrial, postVendor } from './helpers.js';

describe('mail domains', () => {
  it('when set through the API, then they are stored lower case; a wrong one is a 400 at its path', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app, { teamDomains: ['Ours.Example'] });
    expect(trial.teamDomains).toEqual(['ours.example']);
    const patched = await request(app).patch(`/api/v1/trials/${trial.id}`).send({ teamDomains: null });
    expect(patched.body).not.toHaveProperty('teamDomains');
    const vendor = await postVendor(app, trial.id, { domains: ['rtc.example'] });
    expect(vendor.domains).toEqual(['rtc.example']);
    const refused = await request(app)
      .patch(`/api/v1/vendors/${vendor.id}`)
      .send({ domains: ['rtc.example', 'not a domain'] });
    expect(issuePaths(refused)).toEqual(['domains.1']);
  });

  it('when typed in the trial settings, then a wrong entry is named beside the field and a right list is saved', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const form = { name: trial.name, description: '', status: 'running', timezone: 'Asia/Shanghai' };
    const refused = await request(app)
      .post(`/trials/${trial.id}/settings/general`)
      .type('form')
      .send({ ...form, teamDomains: 'ours.example, not_a domain!' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="teamDomains-error">Enter mail domains like vendor\.example/);
    expect(refused.text).toContain('not_a');
    const saved = await request(app)
      .post(`/trials/${trial.id}/settings/general`)
      .type('form')
      .send({ ...form, teamDomains: 'ours.example\nOurs-CN.example' });
    expect(saved.status).toBe(303);
    const stored = await request(app).get(`/api/v1/trials/${trial.id}`);
    expect((stored.body as { teamDomains: string[] }).teamDomains).toEqual([
      'ours.example',
      'ours-cn.example',
    ]);
  });

  it('when typed in the vendor form, then a wrong entry is shown beside the field and a right list is saved', async () => {
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);
    const refused = await request(app)
      .post(`/vendors/${vendor.id}/edit`)
      .type('form')
      .send({ name: vendor.name, domains: 'rtc.example, bad domain' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/id="domains-error">Enter mail domains like vendor\.example/);
    const saved = await request(app)
      .post(`/vendors/${vendor.id}/edit`)
      .type('form')
      .send({ name: vendor.name, domains: 'rtc.example\nrtc-support.example' });
    expect(saved.status).toBe(303);
    const stored = await request(app).get(`/api/v1/vendors/${vendor.id}`);
    expect((stored.body as { domains: string[] }).domains).toEqual(['rtc.example', 'rtc-support.example']);
  });
});
