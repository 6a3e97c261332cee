// Trial settings: each section is saved on its own, so edits in one section would be lost by
// saving another one or by leaving the page. A section with unsaved edits says so in its
// heading; saving another section asks first, and leaving the page asks through the browser.
(() => {
  const messagesElement = document.getElementById('settings-messages');
  if (!messagesElement) return;
  const messages = JSON.parse(messagesElement.textContent || '{}');
  const fill = (template, params) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));

  /** What a form would send, without its CSRF token. */
  const snapshot = (form) =>
    JSON.stringify(
      [...new FormData(form)]
        .filter(([name]) => name !== '_csrf')
        .map(([name, value]) => [name, String(value)]),
    );

  const sections = [];
  for (const section of document.querySelectorAll('main section.panel[id]')) {
    const form = section.querySelector('form[method="post"]');
    const heading = section.querySelector('h2');
    if (!(form instanceof HTMLFormElement) || !heading) continue;
    const entry = {
      section,
      form,
      title: heading.textContent.trim(),
      initial: snapshot(form),
      // A section the server sent back with errors holds what was typed, not what is saved.
      rejected: Boolean(section.querySelector('.form-alert')),
      dirty: false,
    };
    const marker = document.createElement('span');
    marker.className = 'unsaved-marker';
    marker.dataset.unsaved = '';
    marker.textContent = messages.unsaved;
    heading.append(' ', marker);
    const update = () => {
      entry.dirty = entry.rejected || snapshot(form) !== entry.initial;
      marker.hidden = !entry.dirty;
      section.classList.toggle('unsaved', entry.dirty);
    };
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
    sections.push(entry);
  }

  let leaving = false;
  for (const entry of sections) {
    entry.form.addEventListener('submit', (event) => {
      const others = sections.filter((other) => other !== entry && other.dirty);
      const question = fill(messages.unsavedOthers, {
        sections: others.map((other) => other.title).join(messages.separator),
        section: entry.title,
      });
      if (others.length > 0 && !window.confirm(question)) {
        event.preventDefault();
        return;
      }
      leaving = true;
    });
  }
  window.addEventListener('beforeunload', (event) => {
    if (leaving || !sections.some((entry) => entry.dirty)) return;
    event.preventDefault();
    event.returnValue = '';
  });
})();
