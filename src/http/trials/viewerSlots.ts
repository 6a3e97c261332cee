/**
 * What of a page belongs to its viewer: the name in the header, the form token, and what the
 * viewer's role may do. A page shared by many viewers is rendered once with a marker in place
 * of each personal value ("a shell"), and each request only fills the markers in, instead of
 * rendering the whole page for every viewer.
 */
import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/** Random per process, so no stored text can imitate a marker. */
const MARK = randomBytes(9).toString('hex');
const SLOTS = ['csrf', 'who', 'email'] as const;
type Slot = (typeof SLOTS)[number];
const markerOf = (slot: Slot) => `slot${MARK}${slot}`;
const MARKERS = new RegExp(`slot${MARK}(${SLOTS.join('|')})`);

interface Viewer {
  name?: string;
  email: string;
  role: string;
}

/** The locals a shell is rendered with: the viewer's own values replaced by markers. */
export function shellLocals(res: Response): Record<string, unknown> {
  const user = res.locals['currentUser'] as Viewer | undefined;
  return {
    csrfToken: markerOf('csrf'),
    currentUser: user && { ...user, name: markerOf('who'), email: markerOf('email') },
  };
}

/**
 * What decides which shell a viewer gets (role-dependent buttons, the read-only banner's
 * reopen form): viewers equal in all of it share one shell.
 */
export function shellClass(res: Response): string {
  const user = res.locals['currentUser'] as Viewer | undefined;
  return JSON.stringify([
    user?.role ?? null,
    res.locals['canChange'] ?? null,
    res.locals['isAdmin'] ?? null,
    res.locals['frozen'] ?? null,
  ]);
}

/** The personal values, in the order of SLOTS: the key of one viewer's filled page. */
export function viewerValues(res: Response): Record<Slot, string> {
  const user = res.locals['currentUser'] as Viewer | undefined;
  return {
    csrf: String(res.locals['csrfToken'] ?? ''),
    who: user ? user.name || user.email : '',
    email: user?.email ?? '',
  };
}

/** A rendered shell split at its markers: text, slot, text, slot, …, text. */
export interface Shell {
  texts: string[];
  slots: Slot[];
}

export function splitShell(html: string): Shell {
  const parts = html.split(MARKERS);
  return {
    texts: parts.filter((_, index) => index % 2 === 0),
    slots: parts.filter((_, index) => index % 2 === 1) as Slot[],
  };
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** The page of one viewer: every marker replaced by the viewer's value, escaped as EJS would. */
export function fillShell(shell: Shell, values: Record<Slot, string>): string {
  let html = shell.texts[0] ?? '';
  shell.slots.forEach((slot, index) => {
    html += escapeHtml(values[slot]) + (shell.texts[index + 1] ?? '');
  });
  return html;
}
