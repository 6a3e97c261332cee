// Trial settings: holidays and make-up workdays as rows of date pickers (add a row, remove a
// row) instead of dates typed in a text box. The text box stays in the form, hidden, and holds
// the picked dates one a line: the server reads it as before, and without script it is the form.
(() => {
  const messagesElement = document.getElementById('settings-messages');
  if (!messagesElement) return;
  const messages = JSON.parse(messagesElement.textContent || '{}');
  const fill = (template, params) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));

  /** "2026-10-01" and a real day of the calendar (not 2026-02-30). */
  const isDate = (text) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const day = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
  };

  const enhance = (textarea) => {
    const entries = textarea.value.split(/[\s,，;；]+/).filter(Boolean);
    // A list the server refused (an entry that is not a date) stays text, so that the entry the
    // message names can be corrected where it is.
    if (!entries.every(isDate)) return;
    const label = document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`);
    const hint = document.getElementById(`${textarea.id}-hint`);
    if (!label) return;
    label.id ||= `${textarea.id}-label`;
    const listName = label.textContent.trim();

    const group = document.createElement('div');
    group.className = 'date-list';
    group.setAttribute('role', 'group');
    group.setAttribute('aria-labelledby', label.id);
    if (hint) group.setAttribute('aria-describedby', hint.id);
    const rows = document.createElement('ol');
    rows.className = 'date-list-rows';
    const add = document.createElement('button');
    add.type = 'button';
    add.className = 'button secondary small';
    add.textContent = messages.addDate;

    // The hidden text box follows the pickers; the form hears of it like of any edit.
    const sync = () => {
      textarea.value = [...rows.querySelectorAll('input')]
        .map((input) => input.value)
        .filter(Boolean)
        .join('\n');
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    };
    const relabel = () => {
      rows.querySelectorAll('li').forEach((row, index) => {
        const input = row.querySelector('input');
        const remove = row.querySelector('button');
        input.setAttribute('aria-label', fill(messages.dateEntry, { list: listName, n: index + 1 }));
        remove.setAttribute(
          'aria-label',
          fill(messages.removeDateLabel, { date: input.value || input.getAttribute('aria-label') }),
        );
      });
    };
    const addRow = (value) => {
      const row = document.createElement('li');
      const input = document.createElement('input');
      input.type = 'date';
      input.value = value;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'button secondary small';
      remove.textContent = messages.removeDate;
      input.addEventListener('change', () => {
        relabel();
        sync();
      });
      remove.addEventListener('click', () => {
        const next = row.nextElementSibling ?? row.previousElementSibling;
        row.remove();
        relabel();
        sync();
        (next?.querySelector('input') ?? add).focus();
      });
      row.append(input, remove);
      rows.append(row);
      relabel();
      return input;
    };

    entries.forEach((entry) => addRow(entry));
    add.addEventListener('click', () => addRow('').focus());
    group.append(rows, add);
    textarea.hidden = true;
    textarea.after(group);
    label.removeAttribute('for');
    const pickHint = messages.pickHints?.[textarea.name];
    if (hint && pickHint) hint.textContent = pickHint;
  };

  document.querySelectorAll('textarea[data-date-list]').forEach(enhance);
})();
