import { defineMessages } from '../catalogue.js';

/** Messages of the vendor page(s). */
export default defineMessages({
  en: {},
  'zh-CN': {},
});
