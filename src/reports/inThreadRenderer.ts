import type { ReportRenderer } from './request.js';

/**
 * Renders on the calling thread: for tests and scripts, where nobody else waits on the event
 * loop. The server uses ReportPool instead. The renderer (pdfkit, fontkit, Chart.js, the
 * canvas) is loaded with the first report, so a server that never uses this does not pay for
 * it at start.
 */
export const inThreadRenderer: ReportRenderer = {
  render: async (request) => {
    const { renderReport } = await import('./renderReport.js');
    return renderReport(request);
  },
};
