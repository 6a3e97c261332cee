import { defineMessages } from '../catalogue.js';

/** Messages of the matrix page(s). */
export default defineMessages({
  en: {},
  'zh-CN': {},
});
