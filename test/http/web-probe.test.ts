import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Probe } from '../../src/domain/schemas.js';
import {
  createTestApp,
  FIXED_NOW,
  postEvent,
  postProbe,
  postScenario,
  postTrial,
  postVendor,
} from './helpers.js';

const ZH = 'lang=zh-CN';

/** A Shanghai trial with one vendor and a P1 probe sent Fri 2026-11-20 10:00 +08:00. */
async function probeInShanghai(app: Express, probe: Record<string, unknown> = {}) {
  const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
  const vendor = await postVendor(app, trial.id, { name: '声网测试厂商' });
  const created = await postProbe(app, trial.id, vendor.id, { sentAt: '2026-11-20T10:00+08:00', ...probe });
  return { trial, vendor, probe: created };
}

async function readProbe(app: Express, probeId: string): Promise<Probe> {
  const response = await request(app).get(`/api/v1/probes/${probeId}`);
  expect(response.status).toBe(200);
  return response.body as Probe;
}

function postForm(app: Express, url: string, fields: Record<string, string>, cookie?: string) {
  const pending = request(app).post(url).type('form').send(fields);
  return cookie === undefined ? pending : pending.set('Cookie', cookie);
}

function getPage(app: Express, url: string, cookie?: string) {
  const pending = request(app).get(url).set('Accept', 'text/html');
  return cookie === undefined ? pending : pending.set('Cookie', cookie);
}

/** The HTML of one element, from its opening tag to the first closing tag that follows. */
function section(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `#${id} on the page`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
}

const timelineKinds = (html: string) =>
  [...section(html, 'timeline').matchAll(/data-kind="(\w+)"/g)].map((match) => match[1]);

describe('GET/POST /trials/:trialId/probes/new', () => {
  it("when the new-probe form is opened, then it offers the trial's vendors and preselects the linked one", async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const nimbus = await postVendor(app, trial.id, { name: 'NimbusRTC' });
    const relay = await postVendor(app, trial.id, { name: '中继视频' });
    const other = await postTrial(app, { name: 'Another trial' });
    await postVendor(app, other.id, { name: 'ElsewhereRTC' });

    // Act
    const response = await getPage(app, `/trials/${trial.id}/probes/new?vendorId=${relay.id}`);

    // Assert
    expect(response.status).toBe(200);
    expect(response.text).toContain(`<option value="${nimbus.id}">NimbusRTC</option>`);
    expect(response.text).toContain(`<option value="${relay.id}" selected>中继视频</option>`);
    expect(response.text).not.toContain('ElsewhereRTC');
    expect(response.text).toContain('value="2026-11-24T12:00"');
    expect(response.text).toContain('Time in Asia/Shanghai');
  });

  it('when a scenario is linked, then the form is prefilled from it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    await postVendor(app, trial.id);
    const scenario = await postScenario(app, trial.id, { title: 'Echo on Bluetooth', severity: 'P2' });

    // Act
    const response = await getPage(app, `/trials/${trial.id}/probes/new?scenarioId=${scenario.id}`);

    // Assert
    expect(response.text).toContain('value="Echo on Bluetooth"');
    expect(response.text).toContain('<option value="P2" selected>');
  });

  it('when a probe is posted with a time typed in Shanghai, then sentAt is stored in UTC and the page opens', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
    const vendor = await postVendor(app, trial.id);

    // Act
    const response = await postForm(app, `/trials/${trial.id}/probes`, {
      vendorId: vendor.id,
      scenarioId: '',
      title: 'Stream push fails',
      severity: 'P0',
      category: 'server-outage',
      difficulty: 'known',
      channel: 'hotline',
      sentAt: '2026-11-20T10:00',
      sentAtDefault: '2026-11-24T12:00',
      vendorRef: 'T-4711',
      description: '',
    });

    // Assert
    expect(response.status).toBe(303);
    const probeId = /^\/probes\/(.+)$/.exec(response.headers['location'] ?? '')?.[1] ?? '';
    const stored = await readProbe(app, probeId);
    expect(stored).toMatchObject({
      vendorId: vendor.id,
      title: 'Stream push fails',
      severity: 'P0',
      channel: 'hotline',
      sentAt: '2026-11-20T02:00:00.000Z',
      vendorRef: 'T-4711',
    });
  });

  it('when a probe names a scenario and leaves its fields empty, then they are taken from the scenario', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);
    const scenario = await postScenario(app, trial.id, {
      title: 'Echo on Bluetooth',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
    });

    // Act
    const response = await postForm(app, `/trials/${trial.id}/probes`, {
      vendorId: vendor.id,
      scenarioId: scenario.id,
      title: '',
      severity: '',
      category: '',
      difficulty: '',
      channel: 'email',
      sentAt: '2026-11-23T09:30',
    });

    // Assert
    expect(response.status).toBe(303);
    const probeId = (response.headers['location'] ?? '').replace('/probes/', '');
    expect(await readProbe(app, probeId)).toMatchObject({
      scenarioId: scenario.id,
      title: 'Echo on Bluetooth',
      severity: 'P1',
      category: 'av-quality',
      difficulty: 'hard',
      sentAt: '2026-11-23T01:30:00.000Z',
    });
  });

  it('when the form misses a title, then 400 shows the message beside the field and keeps the input', async () => {
    // Arrange
    const { app } = await createTestApp();
    const trial = await postTrial(app);
    const vendor = await postVendor(app, trial.id);

    // Act
    const response = await postForm(
      app,
      `/trials/${trial.id}/probes`,
      {
        vendorId: vendor.id,
        title: '',
        severity: 'P2',
        category: 'network',
        difficulty: 'known',
        channel: 'ticket',
        sentAt: '2026-11-20T10:00',
        vendorRef: '工单-88',
      },
      ZH,
    );

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/id="f-title"[^>]*aria-invalid="true" aria-describedby="title-error"/);
    expect(response.text).toContain('<p class="field-error" id="title-error">必填。</p>');
    expect(response.text).toContain('value="2026-11-20T10:00"');
    expect(response.text).toContain('value="工单-88"');
    expect(response.text).toContain('<option value="P2" selected>');
  });
});

describe('POST /probes/:probeId/events (quick log)', () => {
  it.each([
    ['diagnosis', 'vendor'],
    ['info_request', 'vendor'],
    ['confirmed_fixed', 'buyer'],
    ['reopened', 'buyer'],
  ])('when the %s button is pressed, then that kind is logged as the %s', async (kind, actor) => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const response = await postForm(app, `/probes/${probe.id}/events`, {
      at: '2026-11-20T11:00',
      atDefault: '2026-11-24T12:00',
      handler: 'L2',
      note: '',
      moreKind: '',
      kind,
    });

    // Assert: the typed time comes back for the next event of the series.
    expect(response.status).toBe(303);
    const [event] = (await readProbe(app, probe.id)).events;
    expect(response.headers['location']).toBe(
      `/probes/${probe.id}?at=2026-11-20T11%3A00&logged=${event?.id ?? ''}#log`,
    );
    expect(event).toMatchObject({ kind, actor, at: '2026-11-20T03:00:00.000Z', handler: 'L2' });
  });

  it('when the "more" list is used, then its kind is logged', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    await postForm(app, `/probes/${probe.id}/events`, {
      at: '2026-11-21T08:00',
      moreKind: 'escalation_request',
      kind: 'more',
    });

    // Assert
    const [event] = (await readProbe(app, probe.id)).events;
    expect(event).toMatchObject({ kind: 'escalation_request', actor: 'buyer' });
  });

  it('when the time is left at the "now" it was shown with, then the event is logged at the moment of posting', async () => {
    // Arrange: the page is opened at 12:00 and the button pressed seven and a half minutes later
    let now = new Date(FIXED_NOW);
    const { app } = await createTestApp({ now: () => now });
    const { probe } = await probeInShanghai(app);
    const page = await getPage(app, `/probes/${probe.id}`);
    const shown = /name="atDefault" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    now = new Date('2026-11-24T04:07:30.000Z');

    // Act
    await postForm(app, `/probes/${probe.id}/events`, { at: shown, atDefault: shown, kind: 'ack' });

    // Assert
    expect(shown).toBe('2026-11-24T12:00');
    expect((await readProbe(app, probe.id)).events[0]?.at).toBe('2026-11-24T04:07:30.000Z');
  });

  it('when the event is dated before the probe was sent, then 400 shows why beside the time and keeps the note', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const response = await postForm(app, `/probes/${probe.id}/events`, {
      at: '2026-11-20T09:59',
      atDefault: '2026-11-24T12:00',
      note: '他们说已经在查日志',
      kind: 'ack',
    });

    // Assert
    expect(response.status).toBe(400);
    const log = section(response.text, 'log');
    expect(log).toMatch(/id="log-at"[^>]*aria-describedby="log-at-hint at-error" aria-invalid="true"/);
    expect(log).toContain('<p class="field-error" id="at-error">This is before the probe was sent.</p>');
    expect(log).toContain('value="2026-11-20T09:59"');
    expect(log).toContain('>他们说已经在查日志</textarea>');
    expect((await readProbe(app, probe.id)).events).toEqual([]);
  });

  it.each([
    ['Enter pressed in a field (the guard button names no kind)', ''],
    ['"more" pressed with nothing chosen', 'more'],
  ])('when %s, then nothing is logged and 400 asks what happened', async (_case, kind) => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const response = await postForm(
      app,
      `/probes/${probe.id}/events`,
      { at: '2026-11-20T11:00', note: '稍后再记', moreKind: '', kind },
      ZH,
    );

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('请选择发生了什么。');
    expect(response.text).toContain('>稍后再记</textarea>');
    expect((await readProbe(app, probe.id)).events).toEqual([]);
  });

  it('when the time cannot be read, then 400 asks for a date and time', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const response = await postForm(app, `/probes/${probe.id}/events`, { at: 'yesterday', kind: 'ack' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('<p class="field-error" id="at-error">Enter a date and time.</p>');
  });
});

describe('GET /probes/:probeId', () => {
  it.each([
    [
      'en',
      undefined,
      ['Replied', 'Diagnosed', 'We confirmed fixed'],
      'Fri 20 Nov 2026, 10:25',
      'First reply after 25 min, within the 60 min target.',
    ],
    [
      'zh-CN',
      ZH,
      ['已回复', '已定位', '我方确认已修复'],
      '2026年11月20日 周五 10:25',
      '首次回复用时 25 分钟',
    ],
  ])(
    'when the probe page is read in %s, then the timeline lists the events in time order with local times',
    async (_locale, cookie, labels, firstTime, explanation) => {
      // Arrange: logged out of order
      const { app } = await createTestApp();
      const { probe } = await probeInShanghai(app);
      await postEvent(app, probe.id, '2026-11-20T14:00+08:00', 'confirmed_fixed');
      await postEvent(app, probe.id, '2026-11-20T10:25+08:00', 'ack');
      await postEvent(app, probe.id, '2026-11-20T11:00+08:00', 'diagnosis', { handler: 'RnD' });

      // Act
      const response = await getPage(app, `/probes/${probe.id}`, cookie);

      // Assert
      expect(response.status).toBe(200);
      expect(timelineKinds(response.text)).toEqual(['ack', 'diagnosis', 'confirmed_fixed']);
      const timeline = section(response.text, 'timeline');
      const positions = labels.map((label) => timeline.indexOf(`<strong>${label}</strong>`));
      expect(positions.every((position) => position > -1)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(timeline).toContain(firstTime);
      expect(response.text).toContain(explanation);
    },
  );

  it('when the probe page is read, then the quick log offers one button per common event, grouped by who acted', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const response = await getPage(app, `/probes/${probe.id}`);

    // Assert
    const log = section(response.text, 'log');
    const buttons = (group: string) =>
      [...log.matchAll(new RegExp(`name="kind" value="(\\w+)" class="button quick ${group}"`, 'g'))].map(
        (match) => match[1],
      );
    expect(buttons('vendor')).toEqual([
      'ack',
      'info_request',
      'diagnosis',
      'workaround',
      'fix',
      'handoff',
      'escalation',
    ]);
    expect(buttons('buyer')).toEqual([
      'info_provided',
      'escalation_request',
      'confirmed_fixed',
      'confirmed_workaround',
      'closed_unresolved',
      'reopened',
    ]);
    expect(log).toContain('<option value="note">Note</option>');
    expect(log).toMatch(
      /<form method="post" action="\/probes\/[^"]+\/events" novalidate>\s*<input type="hidden" name="_csrf" value="[\w-]+">\s*(<!--.*-->)?\s*<button type="submit" name="kind" value=""/s,
    );
  });

  it('when a note holds markup, then it is shown as text', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);
    await postEvent(app, probe.id, '2026-11-20T10:25+08:00', 'ack', {
      note: '<script>alert(1)</script>\nline 2',
    });

    // Act
    const response = await getPage(app, `/probes/${probe.id}`);

    // Assert
    expect(response.text).not.toContain('<script>alert(1)</script>');
    expect(response.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;\nline 2');
  });

  it('when the vendor accepted a lower severity, then the page says it was downgraded', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app, { severity: 'P1', acceptedSeverity: 'P2' });

    // Act
    const response = await getPage(app, `/probes/${probe.id}`);

    // Assert
    expect(response.text).toContain('Vendor downgraded it to P2');
  });

  it('when nothing is logged yet, then the timeline says so', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const response = await getPage(app, `/probes/${probe.id}`, ZH);

    // Assert
    expect(section(response.text, 'timeline')).toContain('尚无记录');
  });

  it('when the probe does not exist, then the not-found page answers 404', async () => {
    // Arrange
    const { app } = await createTestApp();

    // Act
    const response = await getPage(app, '/probes/probe_missing');

    // Assert
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.text).toContain('Not found');
  });
});

describe('editing and deleting events', () => {
  it('when an event is moved to a later time, then it keeps its id and takes its place in time order', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);
    const ack = await postEvent(app, probe.id, '2026-11-20T10:25+08:00', 'ack');
    await postEvent(app, probe.id, '2026-11-20T11:00+08:00', 'diagnosis');
    const form = await getPage(app, `/probes/${probe.id}/events/${ack.id}/edit`);

    // Act
    const response = await postForm(app, `/probes/${probe.id}/events/${ack.id}/edit`, {
      at: '2026-11-20T12:30',
      kind: 'workaround',
      handler: 'L2',
      note: 'Use A2DP',
    });

    // Assert
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="2026-11-20T10:25"');
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`/probes/${probe.id}#timeline`);
    const events = (await readProbe(app, probe.id)).events;
    expect(events.map((event) => event.kind)).toEqual(['diagnosis', 'workaround']);
    expect(events[1]).toMatchObject({
      id: ack.id,
      at: '2026-11-20T04:30:00.000Z',
      actor: 'vendor',
      handler: 'L2',
      note: 'Use A2DP',
    });
  });

  it('when an event is moved before the probe was sent, then 400 says so beside the time', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);
    const ack = await postEvent(app, probe.id, '2026-11-20T10:25+08:00', 'ack');

    // Act
    const response = await postForm(
      app,
      `/probes/${probe.id}/events/${ack.id}/edit`,
      { at: '2026-11-19T10:25', kind: 'ack' },
      ZH,
    );

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toContain('<p class="field-error" id="at-error">该时间早于问题单发出时间。</p>');
    expect((await readProbe(app, probe.id)).events[0]?.at).toBe('2026-11-20T02:25:00.000Z');
  });

  it('when an event is deleted, then it leaves the timeline', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);
    const ack = await postEvent(app, probe.id, '2026-11-20T10:25+08:00', 'ack');
    await postEvent(app, probe.id, '2026-11-20T11:00+08:00', 'diagnosis');

    // Act
    const response = await postForm(app, `/probes/${probe.id}/events/${ack.id}/delete`, {});

    // Assert
    expect(response.status).toBe(303);
    expect((await readProbe(app, probe.id)).events.map((event) => event.kind)).toEqual(['diagnosis']);
  });

  it('when an unknown event is edited, then 404', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const response = await getPage(app, `/probes/${probe.id}/events/event_missing/edit`);

    // Assert
    expect(response.status).toBe(404);
  });
});

describe('ratings and probe details', () => {
  it('when ratings are saved, then they are stored, and an empty choice clears one', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const saved = await postForm(app, `/probes/${probe.id}/ratings`, { depth: '3', communication: '4' });
    const afterSave = (await readProbe(app, probe.id)).ratings;
    await postForm(app, `/probes/${probe.id}/ratings`, { depth: '', communication: '4' });

    // Assert
    expect(saved.status).toBe(303);
    expect(afterSave).toEqual({ depth: 3, communication: 4 });
    expect((await readProbe(app, probe.id)).ratings).toEqual({ communication: 4 });
  });

  it('when a rating is out of range, then 400 shows the message beside it', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const response = await postForm(app, `/probes/${probe.id}/ratings`, { depth: '7', communication: '' });

    // Assert
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/id="rating-depth"[^>]*aria-invalid="true"/);
    expect(response.text).toContain('id="ratings-depth-error"');
  });

  it('when the details are edited, then the probe is updated and the accepted severity recorded', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe, vendor } = await probeInShanghai(app);
    const form = await getPage(app, `/probes/${probe.id}/edit`);

    // Act
    const response = await postForm(app, `/probes/${probe.id}/edit`, {
      vendorId: vendor.id,
      scenarioId: '',
      title: 'Stream push fails (East China)',
      severity: 'P1',
      category: 'server-outage',
      difficulty: 'hard',
      channel: 'ticket',
      sentAt: '2026-11-20T09:45',
      vendorRef: '',
      acceptedSeverity: 'P2',
      description: '',
    });

    // Assert
    expect(form.text).toContain('value="2026-11-20T10:00"');
    expect(response.status).toBe(303);
    expect(await readProbe(app, probe.id)).toMatchObject({
      title: 'Stream push fails (East China)',
      difficulty: 'hard',
      sentAt: '2026-11-20T01:45:00.000Z',
      acceptedSeverity: 'P2',
    });
  });

  it('when the probe is deleted, then the vendor page is next and the probe is gone', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe, vendor } = await probeInShanghai(app);

    // Act
    const response = await postForm(app, `/probes/${probe.id}/delete`, {});

    // Assert
    expect(response.status).toBe(303);
    expect(response.headers['location']).toBe(`/vendors/${vendor.id}`);
    expect((await request(app).get(`/api/v1/probes/${probe.id}`)).status).toBe(404);
  });
});
