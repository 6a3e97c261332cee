import { defineMessages } from '../catalogue.js';

/** Messages of the scoring models: the model switch and its re-rank preview, waits (waiting on us) on pages. */
export default defineMessages({
  en: {},
  'zh-CN': {},
});
