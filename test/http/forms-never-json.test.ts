/**
 * Every form a browser can reach, sent with bad values, answers a page: a person who mistypes
 * must never land on raw JSON or a server error. The pages are found by following links from
 * the sample trial as an admin; the forms are read off the pages, CSRF token included.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startSession } from '../../src/app/sessions.js';
import type { Probe, Trial } from '../../src/domain/schemas.js';
import { SESSION_COOKIE } from '../../src/http/auth/cookies.js';
import { CSRF_FIELD } from '../../src/http/auth/csrf.js';
import { createTestApp } from './helpers.js';
import { formsOf, linksOf, submission, type FormField, type PageForm } from './htmlForms.js';

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
/** Longer than any text the schemas take (long text stops at 20,000 characters). */
const TOO_LONG = 'x'.repeat(20_001);
/** In a GET form's URL: as long as a browser's address bar takes without the server refusing the headers. */
const TOO_LONG_IN_URL = 'x'.repeat(2_000);
/** Pages of one kind visited at most this often (31 probe pages add nothing over two). */
const VISITS_PER_KIND = 2;
const MAX_PAGES = 80;
const CRAWLED_ROOTS = /^\/(trials|vendors|probes|admin|methodology)(\/|$|\?)/;
/** Links to files (the PDFs) are downloads, not pages. */
const DOWNLOAD = /\.(pdf|json|csv|xlsx)(\?|$)/;

/** `/probes/probe_x1/edit` → `/probes/:id/edit`: pages and forms of one kind. */
const kindOf = (path: string) => path.replace(/[a-z]+_[A-Za-z0-9_-]{6,}/g, ':id').replace(/=[^&]*/g, '=');

/** What a person can type into a field that a form cannot use. */
function garbageFor(field: FormField, method: PageForm['method'] = 'post'): string | undefined {
  switch (field.type) {
    case 'number':
    case 'range':
      return 'abc';
    case 'date':
      return '2026-02-30';
    case 'datetime-local':
      return '2026-12-01 10:00';
    case 'time':
      return '25:61';
    case 'email':
      return 'not-an-email';
    case 'url':
      return 'not a url';
    case 'select':
      return 'no-such-option';
    case 'text':
    case 'search':
    case 'tel':
    case 'password':
    case 'textarea':
      return method === 'get' ? TOO_LONG_IN_URL : TOO_LONG;
    default:
      return undefined; // hidden fields, checkboxes: the page's own values
  }
}

const typed = (field: FormField) => garbageFor(field) !== undefined;

interface Variant {
  label: string;
  fields: FormField[];
}

/** Everything empty, everything garbage, and each typed field garbage on its own. */
function badVariants(form: PageForm): Variant[] {
  const variants: Variant[] = [
    {
      label: 'empty',
      fields: form.fields.map((field) =>
        typed(field) ? { ...field, value: '' } : { ...field, checked: false },
      ),
    },
    {
      label: 'all garbage',
      fields: form.fields.map((field) => ({
        ...field,
        value: garbageFor(field, form.method) ?? field.value,
      })),
    },
  ];
  for (const [index, field] of form.fields.entries()) {
    const garbage = garbageFor(field);
    if (garbage === undefined || garbage === TOO_LONG) continue;
    variants.push({
      label: `${field.name} = ${garbage}`,
      fields: form.fields.map((other, at) => (at === index ? { ...other, value: garbage } : other)),
    });
  }
  if (form.method === 'post') {
    variants.push({
      label: 'stale form token',
      fields: form.fields.map((field) => (field.name === CSRF_FIELD ? { ...field, value: 'stale' } : field)),
    });
  }
  return variants;
}

/**
 * Forms that remove or freeze what other forms work on go last: deleting the trial after
 * everything in it, and signing out very last.
 */
function destructiveness(form: PageForm): number {
  if (form.action === '/logout') return 3;
  if (/^\/trials\/[^/]+\/delete$/.test(form.action)) return 2;
  return /\/(delete|revoke|active|archive)$/.test(form.action) ? 1 : 0;
}

describe('forms never answer JSON', () => {
  it('when every form reachable from the sample trial is sent with bad values, then each answer is an HTML page, never JSON or a 5xx', async () => {
    const { app, bare, deps, user } = await createTestApp({ as: 'admin' });
    const trial = (await request(app).post('/api/v1/trials/sample')).body as Trial;
    // A browser: only the session cookie; the form token comes from the page's hidden field.
    const cookie = `${SESSION_COOKIE}=${await startSession(deps, user as NonNullable<typeof user>)}`;
    const browse = (path: string) => request(bare).get(path).set({ Cookie: cookie, Accept: BROWSER_ACCEPT });

    // The probe with the longest timeline too, so that the event forms are among those found.
    const probes = (await request(app).get(`/api/v1/trials/${trial.id}/probes`)).body as Probe[];
    const [busiest] = [...probes].sort((a, b) => b.events.length - a.events.length);
    const queue = [
      '/trials',
      `/trials/${trial.id}`,
      `/probes/${busiest?.id ?? ''}`,
      '/methodology',
      '/admin',
    ];
    const visitsOfKind = new Map<string, number>();
    const visited = new Set<string>();
    const forms = new Map<string, PageForm & { page: string }>();
    const problems: string[] = [];
    while (queue.length > 0 && visited.size < MAX_PAGES) {
      const path = queue.shift() ?? '';
      const kind = kindOf(path);
      if (visited.has(path) || (visitsOfKind.get(kind) ?? 0) >= VISITS_PER_KIND) continue;
      visited.add(path);
      visitsOfKind.set(kind, (visitsOfKind.get(kind) ?? 0) + 1);
      const page = await browse(path);
      if (page.status === 303 || page.status === 302) {
        queue.push(page.headers['location'] ?? '');
        continue;
      }
      if (page.status !== 200 || !/text\/html/.test(page.headers['content-type'] ?? '')) {
        problems.push(`GET ${path} → ${page.status} ${page.headers['content-type'] ?? ''}`);
        continue;
      }
      for (const form of formsOf(page.text, path)) {
        const key = `${form.method} ${kindOf(form.action)} ${form.fields.map((field) => field.name).join(',')}`;
        if (!forms.has(key)) forms.set(key, { ...form, page: path });
      }
      queue.push(
        ...linksOf(page.text, path).filter((link) => CRAWLED_ROOTS.test(link) && !DOWNLOAD.test(link)),
      );
    }

    const ordered = [...forms.values()].sort((a, b) => destructiveness(a) - destructiveness(b));
    let sent = 0;
    for (const form of ordered) {
      for (const variant of badVariants(form)) {
        const pairs = submission(variant.fields, form.submitter);
        const query = new URLSearchParams(pairs).toString();
        const headers = { Cookie: cookie, Accept: BROWSER_ACCEPT };
        const response =
          form.method === 'get'
            ? await request(bare)
                .get(`${form.action.split('?')[0] ?? ''}?${query}`)
                .set(headers)
            : await request(bare).post(form.action).set(headers).type('form').send(query);
        sent += 1;
        const where = `${form.method.toUpperCase()} ${form.action} (form on ${form.page}) with ${variant.label}`;
        const type = response.headers['content-type'] ?? '';
        // A binary answer (a PDF) has no text.
        const body = (response.text as string | undefined) ?? '';
        if (response.status >= 500) {
          problems.push(`${where} → ${response.status}`);
        } else if (response.status >= 300 && response.status < 400) {
          const location = response.headers['location'] ?? '';
          const target = new URL(location, 'http://localhost/');
          const next = await browse(`${target.pathname}${target.search}`);
          if (location.startsWith('/api/') || !/text\/html/.test(next.headers['content-type'] ?? '')) {
            problems.push(`${where} → ${response.status} to ${location}, which is not a page`);
          }
        } else if (response.status === 200 && type === 'application/pdf') {
          // A download the values were good enough for: the browser saves it and stays on the page.
        } else if (!/text\/html/.test(type) || body.trimStart().startsWith('{')) {
          problems.push(`${where} → ${response.status} ${type}: ${body.slice(0, 120)}`);
        }
      }
    }

    expect(visited.size).toBeGreaterThan(10);
    expect(forms.size).toBeGreaterThan(10);
    expect(sent).toBeGreaterThan(forms.size * 2);
    expect(problems).toEqual([]);
  }, 120_000);
});
