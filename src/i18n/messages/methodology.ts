import { defineMessages } from '../catalogue.js';

/** Messages of the methodology page(s). */
export default defineMessages({
  en: {},
  'zh-CN': {},
});
