// Vendor form: "add a row" for the escalation path and the quotes (without script the form
// already offers two empty rows; with it, the buttons appear and add more), and the support-hours
// fields disabled while "the vendor has its own support hours" is unticked.
(() => {
  const renumber = (value, prefix, from, to) => {
    const dotted = `${prefix}.${from}.`;
    const dashed = `${prefix.replace(/[^\w-]/g, '-')}-${from}-`;
    return value
      .split(dotted)
      .join(`${prefix}.${to}.`)
      .split(dashed)
      .join(`${prefix.replace(/[^\w-]/g, '-')}-${to}-`);
  };

  const addRow = (prefix) => {
    const container = document.querySelector(`[data-rows="${CSS.escape(prefix)}"]`);
    const rows = container ? container.querySelectorAll('[data-row]') : [];
    const last = rows[rows.length - 1];
    if (!container || !last) return;
    const from = rows.length - 1;
    const to = rows.length;
    const row = last.cloneNode(true);
    row.querySelectorAll('.field-error').forEach((element) => element.remove());
    row.querySelectorAll('[name], [id], [for], [aria-describedby]').forEach((element) => {
      for (const attribute of ['name', 'id', 'for']) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, renumber(value, prefix, from, to));
      }
      const describedBy = element.getAttribute('aria-describedby');
      if (describedBy) {
        const kept = describedBy
          .split(' ')
          .filter((id) => !id.endsWith('-error'))
          .map((id) => renumber(id, prefix, from, to));
        if (kept.length > 0) element.setAttribute('aria-describedby', kept.join(' '));
        else element.removeAttribute('aria-describedby');
      }
      element.removeAttribute('aria-invalid');
      if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) element.value = '';
    });
    const legend = row.querySelector('legend[data-legend]');
    if (legend) legend.textContent = legend.dataset.legend.replace('{n}', String(to + 1));
    container.append(row);
    const first = row.querySelector('input, textarea');
    if (first) first.focus();
  };

  // Disabled fields are greyed and not sent: nothing typed there can look saved when it is not.
  const hoursToggle = document.querySelector('input[name="supportHours.enabled"]');
  const hoursFields = document.querySelector('fieldset[data-hours-fields]');
  if (hoursToggle instanceof HTMLInputElement && hoursFields instanceof HTMLFieldSetElement) {
    const syncHours = () => {
      hoursFields.disabled = !hoursToggle.checked;
    };
    hoursToggle.addEventListener('change', syncHours);
    syncHours();
  }

  document.querySelectorAll('[data-add-row]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => addRow(button.dataset.addRow));
  });
})();
