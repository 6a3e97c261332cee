// Dashboard: draws the charts from the server's Chart.js configurations and keeps the SLA
// board fresh every 30 seconds without reloading the page.
(() => {
  const data = document.getElementById('chart-data');
  if (data && window.Chart) {
    const configs = JSON.parse(data.textContent || '{}');
    // On a phone the legend would crowd out the chart: smaller legend, no radial tick labels.
    if (window.matchMedia('(max-width: 640px)').matches) {
      for (const config of Object.values(configs)) {
        const legend = config.options?.plugins?.legend;
        if (legend) legend.labels = { ...legend.labels, boxWidth: 10, font: { size: 10 } };
      }
      if (configs.radar?.options?.scales?.r?.ticks) configs.radar.options.scales.r.ticks.display = false;
    }
    for (const [key, id] of [
      ['radar', 'chart-radar'],
      ['bars', 'chart-bars'],
    ]) {
      const canvas = document.getElementById(id);
      if (canvas && configs[key]) new window.Chart(canvas, configs[key]);
    }
  }

  const board = document.getElementById('sla-board');
  if (!board || !board.dataset.source) return;
  const REFRESH_MS = 30_000;
  let pending = null;
  // The fragment's address (data-source) carries the chosen filter and sort, so every refresh keeps them.
  const refresh = async () => {
    pending?.abort();
    const controller = new AbortController();
    pending = controller;
    try {
      const response = await fetch(board.dataset.source, {
        headers: { Accept: 'text/html' },
        credentials: 'same-origin',
        signal: controller.signal,
      });
      if (response.ok) board.innerHTML = await response.text();
    } catch {
      // Offline for a moment (or a newer choice replaced this request): keep the last board.
    }
  };
  setInterval(refresh, REFRESH_MS);

  // Filter and sort: applied as soon as a choice changes, and written into the page's address
  // (a reload or a bookmark shows the same view). Without script the form is a plain GET.
  const filters = document.querySelector('form[data-board-filters]');
  if (!(filters instanceof HTMLFormElement)) return;
  const apply = filters.querySelector('[data-board-apply]');
  if (apply instanceof HTMLElement) apply.hidden = true;
  const show = () => {
    const query = new URLSearchParams();
    for (const [name, value] of new FormData(filters)) {
      if (typeof value === 'string' && value !== '' && !(name === 'sort' && value === 'status')) {
        query.set(name, value);
      }
    }
    const search = query.toString() ? `?${query}` : '';
    board.dataset.source = `${filters.dataset.boardFragment}${search}`;
    const page = new URL(window.location.href);
    for (const field of filters.elements) {
      if (!(field instanceof HTMLSelectElement || field instanceof HTMLInputElement) || !field.name) continue;
      if (query.has(field.name)) page.searchParams.set(field.name, query.get(field.name));
      else page.searchParams.delete(field.name);
    }
    window.history.replaceState(null, '', page);
    void refresh();
  };
  filters.addEventListener('change', show);
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  // "Show all open probes" inside the board clears the choices in place.
  board.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('[data-board-clear]') : null;
    if (!link) return;
    event.preventDefault();
    for (const field of filters.elements) {
      if (field instanceof HTMLSelectElement) field.selectedIndex = 0;
    }
    show();
  });
})();
