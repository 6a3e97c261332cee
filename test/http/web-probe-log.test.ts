import type { Express } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Probe } from '../../src/domain/schemas.js';
import { createTestApp, postEvent, postProbe, postTrial, postVendor } from './helpers.js';

/** A Shanghai trial with one vendor and a P1 probe sent Fri 2026-11-20 10:00 +08:00; now is Tue 24th 12:00. */
async function probeInShanghai(app: Express) {
  const trial = await postTrial(app, { timezone: 'Asia/Shanghai' });
  const vendor = await postVendor(app, trial.id, { name: 'NimbusRTC' });
  const probe = await postProbe(app, trial.id, vendor.id, { sentAt: '2026-11-20T10:00+08:00' });
  return { trial, vendor, probe };
}

async function readProbe(app: Express, probeId: string): Promise<Probe> {
  return (await request(app).get(`/api/v1/probes/${probeId}`)).body as Probe;
}

const postForm = (app: Express, url: string, fields: Record<string, string>) =>
  request(app).post(url).type('form').send(fields);
const getPage = (app: Express, url: string, lang = 'en') =>
  request(app).get(url).set('Accept', 'text/html').set('Cookie', `lang=${lang}`);

/** The quick-log section of the probe page. */
const logSection = (html: string) =>
  /<section class="panel quick-log"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
/** The "Other event" select. */
const moreSelect = (html: string) => /<select id="log-more"[\s\S]*?<\/select>/.exec(html)?.[0] ?? '';

describe('probe page: quick buttons for what we did', () => {
  it.each([
    ['en', 'info_provided', 'Sent info'],
    ['en', 'escalation_request', 'Asked to escalate'],
    ['zh-CN', 'info_provided', '已提供信息'],
    ['zh-CN', 'escalation_request', '要求升级'],
  ])(
    'when the probe page is read in %s, then %s has its own button (%s) and is not hidden under "Other event"',
    async (lang, kind, label) => {
      const { app } = await createTestApp();
      const { probe } = await probeInShanghai(app);

      const page = await getPage(app, `/probes/${probe.id}`, lang);

      expect(page.status).toBe(200);
      expect(logSection(page.text)).toContain(
        `<button type="submit" name="kind" value="${kind}" class="button quick buyer">${label}</button>`,
      );
      expect(moreSelect(page.text)).not.toContain(`value="${kind}"`);
    },
  );

  it.each([
    ['info_provided', 'buyer'],
    ['escalation_request', 'buyer'],
  ])('when the %s button is pressed, then it is logged as ours', async (kind, actor) => {
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    await postForm(app, `/probes/${probe.id}/events`, { at: '2026-11-20T11:00', atDefault: '', kind });

    expect((await readProbe(app, probe.id)).events[0]).toMatchObject({ kind, actor });
  });
});

describe('probe page: the time of a series of past events is kept', () => {
  it('when an event is logged at a typed time, then the form comes back with that time for the next one and says what was logged', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    // Act
    const posted = await postForm(app, `/probes/${probe.id}/events`, {
      at: '2026-11-20T10:20',
      atDefault: '2026-11-24T12:00',
      kind: 'ack',
    });
    const next = await getPage(app, posted.headers['location'] ?? '');

    // Assert
    expect(posted.status).toBe(303);
    expect(posted.headers['location']).toMatch(
      new RegExp(`^/probes/${probe.id}\\?at=2026-11-20T10%3A20&logged=[^#]+#log$`),
    );
    const log = logSection(next.text);
    expect(log).toMatch(/id="log-at" name="at" value="2026-11-20T10:20"/);
    // The kept time is not the "now" the page was shown with, so it is not read as now.
    expect(log).toContain('name="atDefault" value="2026-11-24T12:00"');
    expect(log).toContain('Logged “Replied” at');
    expect(log).toContain('The time of the event you just logged');
    expect(log).toContain(`href="/probes/${probe.id}#log" data-testid="use-now">Use the current time</a>`);
  });

  it('when the kept time is used for the next event, then that event is logged at it, not at now', async () => {
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);
    const first = await postForm(app, `/probes/${probe.id}/events`, {
      at: '2026-11-20T10:20',
      atDefault: '2026-11-24T12:00',
      kind: 'ack',
    });
    const page = await getPage(app, first.headers['location'] ?? '');
    const shown = (name: string) =>
      new RegExp(`name="${name}" value="([^"]*)"`).exec(logSection(page.text))?.[1] ?? '';

    await postForm(app, `/probes/${probe.id}/events`, {
      at: shown('at'),
      atDefault: shown('atDefault'),
      kind: 'info_provided',
    });

    const events = (await readProbe(app, probe.id)).events;
    expect(events.map((event) => [event.kind, event.at])).toEqual([
      ['ack', '2026-11-20T02:20:00.000Z'],
      ['info_provided', '2026-11-20T02:20:00.000Z'],
    ]);
  });

  it('when an event is logged at the "now" the page showed, then the next form starts at now again', async () => {
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);

    const posted = await postForm(app, `/probes/${probe.id}/events`, {
      at: '2026-11-24T12:00',
      atDefault: '2026-11-24T12:00',
      kind: 'ack',
    });

    expect(posted.headers['location']).toBe(`/probes/${probe.id}#timeline`);
  });

  it.each(['yesterday', '2026-13-45T99:99', ''])(
    'when the address carries an unreadable time (%j), then the form starts at now',
    async (at) => {
      const { app } = await createTestApp();
      const { probe } = await probeInShanghai(app);

      const page = await getPage(app, `/probes/${probe.id}?at=${encodeURIComponent(at)}`);

      expect(page.status).toBe(200);
      expect(logSection(page.text)).toMatch(/id="log-at" name="at" value="2026-11-24T12:00"/);
      expect(logSection(page.text)).toContain('Now, unless you change it.');
    },
  );

  it('when the time is kept in Chinese, then the notice and the hint are Chinese', async () => {
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);
    const event = await postEvent(app, probe.id, '2026-11-20T10:20+08:00', 'ack');

    const page = await getPage(app, `/probes/${probe.id}?at=2026-11-20T10:20&logged=${event.id}`, 'zh-CN');

    const log = logSection(page.text);
    expect(log).toContain('已记录“已回复”');
    expect(log).toContain('沿用刚记录的事件时间');
    expect(log).toContain('改用当前时间');
  });
});

describe('probe page: deleting an event is a quiet, deliberate step', () => {
  it('when the timeline is shown, then no row carries a delete button, each has a small edit link, and delete is on the edit page', async () => {
    // Arrange
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);
    const event = await postEvent(app, probe.id, '2026-11-20T10:20+08:00', 'ack');

    // Act
    const page = await getPage(app, `/probes/${probe.id}`);
    const edit = await getPage(app, `/probes/${probe.id}/events/${event.id}/edit`);

    // Assert
    const timeline = /<section class="panel" id="timeline"[\s\S]*?<\/section>/.exec(page.text)?.[0] ?? '';
    expect(timeline).not.toContain('/delete');
    expect(timeline).not.toContain('danger');
    expect(timeline).toContain(
      `<a class="event-edit" href="/probes/${probe.id}/events/${event.id}/edit" aria-label="Edit or delete`,
    );
    expect(edit.status).toBe(200);
    expect(edit.text).toMatch(
      new RegExp(
        `<form method="post" action="/probes/${probe.id}/events/${event.id}/delete"[^>]*data-confirm=`,
      ),
    );
    expect(edit.text).toContain('Delete event');
  });

  it('when delete is pressed on the edit page, then the event leaves the timeline', async () => {
    const { app } = await createTestApp();
    const { probe } = await probeInShanghai(app);
    const event = await postEvent(app, probe.id, '2026-11-20T10:20+08:00', 'ack');

    const response = await postForm(app, `/probes/${probe.id}/events/${event.id}/delete`, {});

    expect(response.status).toBe(303);
    expect((await readProbe(app, probe.id)).events).toEqual([]);
  });
});
