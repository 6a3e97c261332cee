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
  const source = board && board.dataset.source;
  if (!board || !source) return;
  const REFRESH_MS = 30_000;
  const refresh = async () => {
    try {
      const response = await fetch(source, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
      if (response.ok) board.innerHTML = await response.text();
    } catch {
      // Offline for a moment: keep the last board and try again at the next tick.
    }
  };
  setInterval(refresh, REFRESH_MS);
})();
