import { defineMessages } from '../catalogue.js';

/** Messages of independent evaluations: each evaluator's own rating of a probe, the spread and its flag. */
export default defineMessages({
  en: {},
  'zh-CN': {},
});
