import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import type { Probe } from '../../src/domain/schemas.js';
import { createApp } from '../../src/http/app.js';
import { addUser } from '../accounts.js';
import { asBrowser, createTestApp, postProbe, postScenario, postTrial, postVendor } from './helpers.js';

function postForm(app: Express, url: string, fields: Record<string, string>, lang = 'en') {
  return request(app).post(url).type('form').set('Cookie', `lang=${lang}`).send(fields);
}

async function probesOf(app: Express, trialId: string): Promise<Probe[]> {
  const response = await request(app).get(`/api/v1/trials/${trialId}/probes`);
  expect(response.status).toBe(200);
  return response.body as Probe[];
}

/**
 * A trial in Shanghai with three vendors and one scenario already sent to Alpha only. The
 * app's clock is Tuesday 2026-11-24 12:00 in Shanghai (04:00Z).
 */
async function halfSentTrial() {
  const writer = await createTestApp();
  const trial = await postTrial(writer.app, { timezone: 'Asia/Shanghai' });
  const alpha = await postVendor(writer.app, trial.id, { name: 'Alpha RTC' });
  const beta = await postVendor(writer.app, trial.id, { name: 'Beta Voice' });
  const gamma = await postVendor(writer.app, trial.id, { name: 'Gamma Media' });
  const scenario = await postScenario(writer.app, trial.id, {
    title: 'Echo on Bluetooth headsets',
    description: 'The far end hears itself.',
    severity: 'P1',
    category: 'av-quality',
    difficulty: 'hard',
  });
  await postProbe(writer.app, trial.id, alpha.id, { scenarioId: scenario.id });
  const sendUrl = `/trials/${trial.id}/matrix/send-all`;
  return { ...writer, trial, alpha, beta, gamma, scenario, sendUrl };
}

describe('POST /trials/:trialId/matrix/send-all (send a scenario to all not yet sent)', () => {
  it('when the scenario row offers it, then the button names how many vendors are missing and posts to the scenario', async () => {
    const { app, trial, scenario, sendUrl } = await halfSentTrial();

    const page = await request(app).get(`/trials/${trial.id}/matrix`);

    expect(page.status).toBe(200);
    expect(page.text).toContain(`action="${sendUrl}"`);
    expect(page.text).toContain(`form="send-all" name="scenarioId" value="${scenario.id}"`);
    expect(page.text).toContain('Send to all not yet sent (2)');
    // The time field is a datetime-local in the trial's zone, set to now (12:00 in Shanghai).
    expect(page.text).toContain('name="sentAt" value="2026-11-24T12:00"');
    expect(page.text).toContain('Now unless changed. In Asia/Shanghai.');
  });

  it('when it is pressed with a time typed, then each vendor not sent the scenario gets one probe with its fields at that time in the trial zone', async () => {
    // Arrange
    const { app, trial, alpha, beta, gamma, scenario, sendUrl } = await halfSentTrial();

    // Act
    const response = await postForm(app, sendUrl, {
      scenarioId: scenario.id,
      sentAt: '2026-11-23T09:30',
      sentAtDefault: '2026-11-24T12:00',
      channel: 'email',
    });

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(
      `/trials/${trial.id}/matrix?sent=${scenario.id}&count=2#scenario-${scenario.id}`,
    );
    const created = (await probesOf(app, trial.id)).filter((probe) => probe.vendorId !== alpha.id);
    expect(created.map((probe) => probe.vendorId).sort()).toEqual([beta.id, gamma.id].sort());
    for (const probe of created) {
      expect(probe).toMatchObject({
        scenarioId: scenario.id,
        title: 'Echo on Bluetooth headsets',
        description: 'The far end hears itself.',
        severity: 'P1',
        category: 'av-quality',
        difficulty: 'hard',
        channel: 'email',
      });
      expect(Date.parse(probe.sentAt)).toBe(Date.parse('2026-11-23T01:30:00Z'));
    }
    const matrix = await request(app).get(response.headers['location'] ?? '');
    expect(matrix.text).toContain('“Echo on Bluetooth headsets” sent to 2 more vendors.');
    expect(matrix.text).toContain('Every vendor has been sent every scenario.');
    expect(matrix.text).not.toContain('Send to all not yet sent (');
  });

  it('when the time is left as the page showed it, then the probes are sent now', async () => {
    const { app, trial, alpha, scenario, sendUrl } = await halfSentTrial();

    await postForm(app, sendUrl, {
      scenarioId: scenario.id,
      sentAt: '2026-11-24T11:58',
      sentAtDefault: '2026-11-24T11:58',
      channel: 'ticket',
    });

    const created = (await probesOf(app, trial.id)).filter((probe) => probe.vendorId !== alpha.id);
    expect(created).toHaveLength(2);
    expect(created.map((probe) => Date.parse(probe.sentAt))).toEqual([
      Date.parse('2026-11-24T04:00:00Z'),
      Date.parse('2026-11-24T04:00:00Z'),
    ]);
  });

  it('when the time cannot be read, then the matrix comes back as HTML with the message beside the field and nothing is sent', async () => {
    const { app, trial, scenario, sendUrl } = await halfSentTrial();

    const response = await postForm(app, sendUrl, {
      scenarioId: scenario.id,
      sentAt: 'yesterday-ish',
      sentAtDefault: '2026-11-24T12:00',
      channel: 'ticket',
    });

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/text\/html/);
    expect(response.text).toMatch(
      /id="send-all-sentAt" name="sentAt" value="yesterday-ish"[^>]*aria-invalid="true"/,
    );
    expect(response.text).toContain('id="sentAt-error"');
    expect(await probesOf(app, trial.id)).toHaveLength(1);
  });

  it('when Enter is pressed in the time field (the guard button names no scenario), then nothing is sent and the page says what to press', async () => {
    const { app, trial, sendUrl } = await halfSentTrial();

    const response = await postForm(app, sendUrl, {
      scenarioId: '',
      sentAt: '2026-11-23T09:30',
      sentAtDefault: '2026-11-24T12:00',
      channel: 'ticket',
    });

    expect(response.status).toBe(400);
    expect(response.text).toContain('Nothing was sent: press “Send to all not yet sent”');
    expect(response.text).toContain('name="sentAt" value="2026-11-23T09:30"');
    expect(await probesOf(app, trial.id)).toHaveLength(1);
  });

  it('when every vendor already has the scenario, then nothing is created and the page says so', async () => {
    const { app, trial, scenario, sendUrl } = await halfSentTrial();
    await postForm(app, sendUrl, { scenarioId: scenario.id, sentAt: '2026-11-24T10:00', channel: 'ticket' });

    const again = await postForm(app, sendUrl, {
      scenarioId: scenario.id,
      sentAt: '2026-11-24T10:00',
      channel: 'ticket',
    });

    expect(again.status).toBe(303);
    expect(again.headers['location']).toContain(`sent=${scenario.id}&count=0`);
    expect(await probesOf(app, trial.id)).toHaveLength(3);
    const matrix = await request(app).get(again.headers['location'] ?? '');
    expect(matrix.text).toContain('had already been sent to every vendor');
  });

  it('when the scenario is not of this trial, then the answer is 404 and nothing is sent', async () => {
    const { app, trial, scenario } = await halfSentTrial();
    const other = await postTrial(app, { name: 'Another trial' });

    const response = await postForm(app, `/trials/${other.id}/matrix/send-all`, {
      scenarioId: scenario.id,
      sentAt: '2026-11-24T10:00',
      channel: 'ticket',
    });

    expect(response.status).toBe(404);
    expect(await probesOf(app, trial.id)).toHaveLength(1);
  });

  it('when a viewer opens the matrix, then no send-to-all control is offered, and a posted one is refused', async () => {
    const { deps, trial, scenario, sendUrl } = await halfSentTrial();
    const viewer = asBrowser(createApp(deps), await startSession(deps, await addUser(deps, 'viewer')));

    const page = await request(viewer).get(`/trials/${trial.id}/matrix`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('id="send-all"');
    expect(page.text).not.toContain('data-send-all=');

    const response = await postForm(viewer, sendUrl, {
      scenarioId: scenario.id,
      sentAt: '2026-11-24T10:00',
      channel: 'ticket',
    });

    expect(response.status).toBe(403);
    expect((await request(viewer).get(`/api/v1/trials/${trial.id}/probes`)).body).toHaveLength(1);
  });

  it('when the matrix is read in Chinese after sending, then the form and the notice speak Chinese', async () => {
    const { app, trial, scenario, sendUrl } = await halfSentTrial();

    const before = await request(app).get(`/trials/${trial.id}/matrix`).set('Cookie', 'lang=zh-CN');
    const sent = await postForm(
      app,
      sendUrl,
      { scenarioId: scenario.id, sentAt: '2026-11-24T10:00', channel: 'ticket' },
      'zh-CN',
    );
    const after = await request(app)
      .get(sent.headers['location'] ?? '')
      .set('Cookie', 'lang=zh-CN');

    expect(before.text).toContain('把场景一次性发给所有尚未发送的厂商');
    expect(before.text).toContain('发给所有未发送的厂商（2）');
    expect(after.text).toContain('已把“Echo on Bluetooth headsets”再发给 2 家厂商。');
    expect(after.text).not.toMatch(/matrix\.sendAll\./);
  });
});
