/**
 * The forms and links of a server-rendered page, read the way a browser reads them: enough
 * HTML parsing for the markup our EJS views produce (no nested forms, quoted attributes).
 */

export interface FormField {
  /** `input` types (text, number, hidden, checkbox …), or `textarea` / `select`. */
  type: string;
  name: string;
  value: string;
  /** For a select, the values of its options. */
  options: string[];
  /** A checkbox or radio that the page sends as it is. */
  checked: boolean;
}

export interface PageForm {
  method: 'get' | 'post';
  /** The URL the form sends to, resolved against the page. */
  action: string;
  fields: FormField[];
  /** Name and value of the first submit button that has a name (browsers send the one clicked). */
  submitter: { name: string; value: string } | undefined;
}

export function unescapeHtml(text: string): string {
  return text
    .replace(/&#34;|&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The value of an attribute of one tag, unescaped; `undefined` when absent, '' when bare. */
export function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}(?:="([^"]*)")?(?=[\\s>/])`, 'i').exec(tag);
  if (!match) return undefined;
  return unescapeHtml(match[1] ?? '');
}

function selectField(tag: string, body: string): FormField {
  const options = [...body.matchAll(/<option\b[^>]*>/g)].map((match) => {
    const option = match[0];
    return { value: attribute(option, 'value') ?? '', selected: attribute(option, 'selected') !== undefined };
  });
  const chosen = options.find((option) => option.selected) ?? options[0];
  return {
    type: 'select',
    name: attribute(tag, 'name') ?? '',
    value: chosen?.value ?? '',
    options: options.map((option) => option.value),
    checked: false,
  };
}

/** Every control of a form's markup, in document order. */
function fieldsOf(markup: string): { fields: FormField[]; submitter: PageForm['submitter'] } {
  const fields: FormField[] = [];
  let submitter: PageForm['submitter'];
  const controls = /<(input|textarea|select|button)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/g;
  for (const match of markup.matchAll(controls)) {
    const [, element, attributes = '', body = ''] = match;
    const tag = `<${element ?? ''} ${attributes}>`;
    const name = attribute(tag, 'name');
    if (attribute(tag, 'disabled') !== undefined) continue;
    if (element === 'button') {
      const type = attribute(tag, 'type') ?? 'submit';
      if (type === 'submit' && name && !submitter) submitter = { name, value: attribute(tag, 'value') ?? '' };
      continue;
    }
    if (!name) continue;
    if (element === 'select') {
      fields.push(selectField(tag, body));
      continue;
    }
    if (element === 'textarea') {
      fields.push({ type: 'textarea', name, value: unescapeHtml(body), options: [], checked: false });
      continue;
    }
    const type = (attribute(tag, 'type') ?? 'text').toLowerCase();
    if (type === 'submit' || type === 'button' || type === 'reset' || type === 'image') continue;
    fields.push({
      type,
      name,
      value: attribute(tag, 'value') ?? (type === 'checkbox' || type === 'radio' ? 'on' : ''),
      options: [],
      checked: attribute(tag, 'checked') !== undefined,
    });
  }
  return { fields, submitter };
}

/** Every `<form>` of a page at `pageUrl`. */
export function formsOf(html: string, pageUrl: string): PageForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map((match) => {
    const tag = `<form ${match[1] ?? ''}>`;
    const method = (attribute(tag, 'method') ?? 'get').toLowerCase() === 'post' ? 'post' : 'get';
    const action = new URL(attribute(tag, 'action') || pageUrl, `http://localhost${pageUrl}`);
    return { method, action: `${action.pathname}${action.search}`, ...fieldsOf(match[2] ?? '') };
  });
}

/** The same-site paths a page links to (anchors only), without their fragment. */
export function linksOf(html: string, pageUrl: string): string[] {
  const paths = [...html.matchAll(/<a\b[^>]*\shref="([^"]*)"/g)].flatMap((match) => {
    const href = unescapeHtml(match[1] ?? '');
    if (href === '' || href.startsWith('#') || /^[a-z]+:/i.test(href)) return [];
    const url = new URL(href, `http://localhost${pageUrl}`);
    return [`${url.pathname}${url.search}`];
  });
  return [...new Set(paths)];
}

/** What a browser sends for a form: its fields as they stand, checked boxes only, and the submitter. */
export function submission(
  fields: readonly FormField[],
  submitter: PageForm['submitter'],
): [string, string][] {
  const pairs: [string, string][] = fields
    .filter((field) => (field.type === 'checkbox' || field.type === 'radio' ? field.checked : true))
    .map((field) => [field.name, field.value]);
  if (submitter) pairs.push([submitter.name, submitter.value]);
  return pairs;
}
