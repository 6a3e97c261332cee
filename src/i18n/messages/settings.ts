import { defineMessages } from '../catalogue.js';

/** Messages of the settings page(s). */
export default defineMessages({
  en: {},
  'zh-CN': {},
});
