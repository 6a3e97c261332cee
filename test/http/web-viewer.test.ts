import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import { createApp } from '../../src/http/app.js';
import { addUser, asBrowser, createTestApp, postEvent, postProbe, postTrial, postVendor } from './helpers.js';

/** A viewer reads everything but is not offered controls that would only answer 403. */
describe('pages for a viewer', () => {
  async function seededAs(role: 'viewer' | 'evaluator') {
    const { app: writer, deps } = await createTestApp({ as: 'evaluator' });
    const trial = await postTrial(writer);
    const vendor = await postVendor(writer, trial.id);
    const probe = await postProbe(writer, trial.id, vendor.id);
    await postEvent(writer, probe.id, '2026-11-20T10:30+08:00', 'ack');
    if (role === 'evaluator') return { app: writer, trial, vendor, probe };
    const viewer = await addUser(deps, 'viewer');
    const app = asBrowser(createApp(deps), await startSession(deps, viewer));
    return { app, trial, vendor, probe };
  }

  it.each([
    ['the trials list', () => '/trials', ['action="/trials"', 'action="/trials/sample"']],
    ['the dashboard', (ids: Ids) => `/trials/${ids.trial}`, ['/vendors/new', '/probes/new']],
    ['the vendor page', (ids: Ids) => `/vendors/${ids.vendor}`, ['/edit"', '/delete"']],
    ['the probe page', (ids: Ids) => `/probes/${ids.probe}`, ['/events"', '/ratings"', '/delete"', '/edit"']],
  ])(
    'when a viewer opens %s, then it shows without edit controls, which an evaluator has',
    async (_page, url, controls) => {
      for (const role of ['viewer', 'evaluator'] as const) {
        const { app, trial, vendor, probe } = await seededAs(role);
        const response = await request(app).get(url({ trial: trial.id, vendor: vendor.id, probe: probe.id }));
        expect(response.status).toBe(200);
        for (const control of controls) {
          if (role === 'viewer') expect(response.text, control).not.toContain(control);
          else expect(response.text, control).toContain(control);
        }
      }
    },
  );
});

interface Ids {
  trial: string;
  vendor: string;
  probe: string;
}
