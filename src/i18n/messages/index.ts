import type { Catalogue } from '../catalogue.js';
import account from './account.js';
import admin from './admin.js';
import alertBoard from './alertBoard.js';
import alertMail from './alertMail.js';
import alertPages from './alertPages.js';
import alerts from './alerts.js';
import auditFields from './auditFields.js';
import calendar from './calendar.js';
import common from './common.js';
import dashboard from './dashboard.js';
import diligence from './diligence.js';
import decision from './decision.js';
import decisionRecord from './decisionRecord.js';
import evaluations from './evaluations.js';
import evidence from './evidence.js';
import explain from './explain.js';
import freeze from './freeze.js';
import glossary from './glossary.js';
import imports from './imports.js';
import matrix from './matrix.js';
import methodology from './methodology.js';
import models from './models.js';
import probe from './probe.js';
import report from './report.js';
import reportPage from './reportPage.js';
import reportSummary from './reportSummary.js';
import settings from './settings.js';
import spreadsheet from './spreadsheet.js';
import trials from './trials.js';
import vendor from './vendor.js';

/** Every namespace of messages; each page's namespace lives in its own file. */
export const CATALOGUES: readonly Catalogue[] = [
  common,
  glossary,
  trials,
  explain,
  dashboard,
  decision,
  settings,
  vendor,
  probe,
  evidence,
  matrix,
  methodology,
  report,
  reportSummary,
  reportPage,
  account,
  admin,
  auditFields,
  spreadsheet,
  imports,
  calendar,
  models,
  evaluations,
  diligence,
  freeze,
  decisionRecord,
  alerts,
  alertPages,
  alertMail,
  alertBoard,
];
