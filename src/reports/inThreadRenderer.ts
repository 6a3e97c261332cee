import { renderReport } from './renderReport.js';
import type { ReportRenderer } from './request.js';

/**
 * Renders on the calling thread: for tests and scripts, where nobody else waits on the event
 * loop. The server uses ReportPool instead.
 */
export const inThreadRenderer: ReportRenderer = { render: renderReport };
