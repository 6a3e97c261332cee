/** The real HTTP application over a real Store in a fresh temp directory, for supertest. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { expect, onTestFinished } from 'vitest';
import type { AppDeps } from '../../src/app/deps.js';
import type { Issue } from '../../src/app/errors.js';
import type { Probe, ProbeEvent, Scenario, Trial, Vendor } from '../../src/domain/schemas.js';
import { createApp } from '../../src/http/app.js';
import { inThreadRenderer } from '../../src/reports/inThreadRenderer.js';
import { newId } from '../../src/storage/ids.js';
import { createRepository } from '../../src/storage/repository.js';
import { Store } from '../../src/storage/store.js';

/** Tuesday 2026-11-24 12:00 in Shanghai: the instant every test app lives in unless told otherwise. */
export const FIXED_NOW = '2026-11-24T04:00:00.000Z';

export interface TestApp {
  app: Express;
  deps: AppDeps;
  dataDir: string;
}

/** A fresh app and database; the directory is removed when the calling test finishes. */
export async function createTestApp(overrides: Partial<AppDeps> = {}): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sla-probe-http-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const store = await Store.open(dataDir);
  const deps: AppDeps = {
    repository: createRepository(store),
    now: () => new Date(FIXED_NOW),
    newId,
    reports: inThreadRenderer,
    ...overrides,
  };
  return { app: createApp(deps), deps, dataDir };
}

export interface ValidationBody {
  error: 'validation';
  issues: Issue[];
}

/** The field paths named in a 400 answer. */
export function issuePaths(response: request.Response): string[] {
  expect(response.status).toBe(400);
  const body = response.body as ValidationBody;
  expect(body.error).toBe('validation');
  return body.issues.map((issue) => issue.path);
}

async function created<T>(pending: request.Test): Promise<T> {
  const response = await pending;
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body as T;
}

export function postTrial(app: Express, body: Record<string, unknown> = {}): Promise<Trial> {
  return created(
    request(app)
      .post('/api/v1/trials')
      .send({ name: 'RTC SDK selection 2026 Q4', timezone: 'Asia/Shanghai', ...body }),
  );
}

export function postVendor(
  app: Express,
  trialId: string,
  body: Record<string, unknown> = {},
): Promise<Vendor> {
  return created(
    request(app)
      .post(`/api/v1/trials/${trialId}/vendors`)
      .send({ name: 'NimbusRTC', ...body }),
  );
}

export function postScenario(
  app: Express,
  trialId: string,
  body: Record<string, unknown> = {},
): Promise<Scenario> {
  return created(
    request(app)
      .post(`/api/v1/trials/${trialId}/scenarios`)
      .send({
        title: 'Echo in 1v1 calls on Bluetooth headsets',
        severity: 'P1',
        category: 'av-quality',
        difficulty: 'hard',
        ...body,
      }),
  );
}

export function postProbe(
  app: Express,
  trialId: string,
  vendorId: string,
  body: Record<string, unknown> = {},
): Promise<Probe> {
  return created(
    request(app)
      .post(`/api/v1/trials/${trialId}/probes`)
      .send({
        vendorId,
        title: 'Stream push fails for all users',
        severity: 'P1',
        category: 'server-outage',
        difficulty: 'known',
        channel: 'ticket',
        sentAt: '2026-11-20T10:00+08:00',
        ...body,
      }),
  );
}

export function postEvent(
  app: Express,
  probeId: string,
  at: string,
  kind: string,
  extra: Record<string, unknown> = {},
): Promise<ProbeEvent> {
  return created(
    request(app)
      .post(`/api/v1/probes/${probeId}/events`)
      .send({ at, kind, ...extra }),
  );
}
