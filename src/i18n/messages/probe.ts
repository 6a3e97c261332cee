import { defineMessages } from '../catalogue.js';

/** Messages of the probe page(s). */
export default defineMessages({
  en: {},
  'zh-CN': {},
});
