/**
 * What an alert e-mail says (SPEC §9): a subject, the message's text with a link to open it,
 * and the same as simple HTML, all in the language the account chose for its e-mails. The
 * HTML escapes everything it shows and links only absolute http(s) addresses.
 */
import type { User } from '../../domain/accounts.js';
import type { AlertMessage } from '../../domain/alerting.js';
import { translator } from '../../i18n/index.js';
import { digestDay } from './digest.js';

export interface AlertMail {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

const LINK = /\bhttps?:\/\/[^\s<>"']+/g;

/** One line of text as HTML: escaped, with its absolute links made clickable. */
function lineHtml(line: string): string {
  let html = '';
  let from = 0;
  for (const match of line.matchAll(LINK)) {
    const url = match[0];
    html += `${escapeHtml(line.slice(from, match.index))}<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    from = match.index + url.length;
  }
  return html + escapeHtml(line.slice(from));
}

/** The first line of an alert's text says it all ("P0 probe … breached …"): the subject, cut short. */
const firstLine = (text: string) => (text.split('\n')[0] ?? '').trim().slice(0, 150);

export function alertMail(message: AlertMessage, user: Pick<User, 'email' | 'alertEmails'>): AlertMail {
  const locale = user.alertEmails?.language ?? 'en';
  const t = translator(locale);
  const subject =
    message.type === 'digest'
      ? t('alertMail.subject.digest', { date: digestDay(new Date(message.at)) })
      : message.type === 'test'
        ? t('alertMail.subject.test')
        : t('alertMail.subject.alert', { text: firstLine(message.text) });
  const lines = message.text.split('\n');
  if (message.url && !message.text.includes(message.url))
    lines.push('', t('alertMail.open', { url: message.url }));
  const footer = t('alertMail.footer', { email: user.email });
  const text = [...lines, '', '--', footer].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5">',
    `<div style="white-space: pre-wrap">${lines.map(lineHtml).join('\n')}</div>`,
    `<p style="color: #666; font-size: 0.85em">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}
