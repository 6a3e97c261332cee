// Probe form: choosing a scenario fills the fields that are still empty, or that still hold the
// previous scenario's values (the server does the same for empty fields). No inline script: CSP-safe.
const scenarioSelect = document.getElementById('f-scenarioId');
if (scenarioSelect instanceof HTMLSelectElement && scenarioSelect.form) {
  const form = scenarioSelect.form;
  const names = ['title', 'description', 'severity', 'category', 'difficulty'];
  let previous = scenarioSelect.selectedOptions[0];
  scenarioSelect.addEventListener('change', () => {
    const chosen = scenarioSelect.selectedOptions[0];
    if (chosen && chosen.value !== '') {
      for (const name of names) {
        const field = form.elements.namedItem(name);
        if (
          !(field instanceof HTMLInputElement) &&
          !(field instanceof HTMLSelectElement) &&
          !(field instanceof HTMLTextAreaElement)
        )
          continue;
        const before = previous?.dataset[name] ?? '';
        if (field.value === '' || field.value === before) field.value = chosen.dataset[name] ?? '';
      }
    }
    previous = chosen;
  });
}
