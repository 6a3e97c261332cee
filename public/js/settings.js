// Trial settings: the live re-rank preview of the weights form, and focus on the first field to
// correct. The ranking comes from the server (GET …/settings/preview), so the scoring formula
// lives in one place; this file only reads the typed weights and shows the answer.
// Vendor names are inserted as text, never as HTML.
(() => {
  // After a rejected save, start where the correction is needed (a field, or its section's first field).
  const rejected = document.querySelector('.form-alert')?.closest('section');
  const toCorrect = rejected?.querySelector('[aria-invalid="true"], input, select, textarea');
  if (toCorrect instanceof HTMLElement) toCorrect.focus();

  const form = document.querySelector('form[data-weights-form]');
  const preview = document.querySelector('[data-preview]');
  const messagesElement = document.getElementById('settings-messages');
  if (!(form instanceof HTMLFormElement) || !preview || !messagesElement) return;

  const messages = JSON.parse(messagesElement.textContent || '{}');
  const dimensions = ['responsiveness', 'resolution', 'escalation', 'commitment'];
  const inputs = dimensions.map((dimension) => form.elements.namedItem(`weights.${dimension}`));
  const rowsBody = preview.querySelector('[data-preview-rows]');
  const status = preview.querySelector('[data-preview-status]');
  const total = form.querySelector('[data-weights-total]');
  const scaleControl = form.querySelector('[data-weights-scale]');
  const scaleButton = scaleControl?.querySelector('button');
  if (!rowsBody || !status || !total || inputs.some((input) => !(input instanceof HTMLInputElement))) return;

  const percentFormat = new Intl.NumberFormat(messages.locale, { maximumFractionDigits: 2 });
  const scoreFormat = new Intl.NumberFormat(messages.locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const fill = (template, params) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));

  /** "25", "25%", "25,5 %" → 25 / 25.5; null when empty, unreadable or negative (as the server reads it). */
  const readPercent = (text) => {
    const trimmed = text
      .trim()
      .replace(/\s*[%％]$/, '')
      .replace(',', '.');
    if (trimmed === '') return null;
    const value = Number(trimmed);
    return Number.isFinite(value) && value >= 0 ? value : null;
  };

  const cell = (className, text) => {
    const td = document.createElement('td');
    if (className) td.className = className;
    td.textContent = text;
    return td;
  };

  const changeText = (change) =>
    change > 0
      ? fill(messages.up, { count: change })
      : change < 0
        ? fill(messages.down, { count: -change })
        : messages.same;

  const showRanking = (ranking) => {
    const rows = ranking.vendors.map((vendor) => {
      const row = document.createElement('tr');
      if (vendor.disqualified) row.className = 'disqualified';
      const name = cell('name', vendor.name);
      if (vendor.disqualified) {
        const badge = document.createElement('span');
        badge.className = 'badge disqualified';
        badge.textContent = messages.disqualified;
        name.append(' ', badge);
      }
      const overall = vendor.overall === null ? '—' : scoreFormat.format(vendor.overall);
      row.append(
        cell('num', String(vendor.rank)),
        name,
        cell('num', overall),
        cell('', changeText(vendor.rankChange)),
      );
      return row;
    });
    rowsBody.replaceChildren(...rows);
    const leader = ranking.vendors[0];
    status.textContent = leader ? fill(messages.leader, { name: leader.name }) : messages.empty;
  };

  let pending = null;
  let timer = 0;

  const fetchRanking = async (percent) => {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    const query = new URLSearchParams(
      dimensions.map((dimension, index) => [dimension, String(percent[index])]),
    );
    try {
      const response = await fetch(`${messages.url}?${query}`, {
        headers: { accept: 'application/json' },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(`preview answered ${response.status}`);
      showRanking(await response.json());
    } catch {
      if (!controller.signal.aborted) status.textContent = messages.failed;
    }
  };

  // A result still on its way must not replace the message about weights typed since.
  const cancel = () => {
    window.clearTimeout(timer);
    pending?.abort();
  };

  const update = (refresh = true) => {
    cancel();
    const percent = inputs.map((input) => readPercent(input.value));
    if (percent.some((value) => value === null)) {
      total.textContent = '';
      status.textContent = messages.unreadable;
      if (scaleControl) scaleControl.hidden = true;
      return;
    }
    const sum = percent.reduce((a, b) => a + b, 0);
    const exact = Math.abs(sum - 100) <= 0.1;
    total.textContent = fill(exact ? messages.total : messages.totalOff, {
      total: percentFormat.format(sum),
    });
    if (scaleControl) scaleControl.hidden = exact || sum <= 0;
    if (sum <= 0) {
      status.textContent = messages.unreadable;
      return;
    }
    if (!refresh) return;
    timer = window.setTimeout(() => void fetchRanking(percent), 150);
  };

  // Scale the typed weights so they add up to 100%, keeping their proportions.
  scaleButton?.addEventListener('click', () => {
    const percent = inputs.map((input) => readPercent(input.value) ?? 0);
    const sum = percent.reduce((a, b) => a + b, 0);
    if (sum <= 0) return;
    inputs.forEach((input, index) => {
      input.value = String(Math.round((percent[index] / sum) * 10000) / 100);
    });
    update();
    // Scaled values are edits like typed ones (the unsaved-changes marker listens for them).
    form.dispatchEvent(new Event('change', { bubbles: true }));
    inputs[0].focus();
  });

  form.addEventListener('input', () => update());
  // The server drew the ranking for the weights in the form; fetch only if the browser restored others.
  update(inputs.some((input) => input.value !== input.defaultValue));
})();
