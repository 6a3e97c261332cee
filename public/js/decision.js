// Decision page: draws the cost-versus-score chart from the server's Chart.js configuration
// (the same one the PDF report renders), read from a JSON data island.
(() => {
  const data = document.getElementById('chart-data');
  const canvas = document.getElementById('chart-cost-score');
  if (!data || !canvas || !window.Chart) return;
  const configs = JSON.parse(data.textContent || '{}');
  const config = configs.scatter;
  if (!config) return;
  // On a phone the legend would crowd out the chart: smaller legend boxes and type.
  if (window.matchMedia('(max-width: 640px)').matches) {
    const legend = config.options?.plugins?.legend;
    if (legend) legend.labels = { ...legend.labels, boxWidth: 10, font: { size: 10 } };
  }
  new window.Chart(canvas, config);
})();
