import { defineMessages } from '../catalogue.js';

/** Messages of calendars: breaks, per-weekday hours, filling holidays from an .ics file or the Chinese public-holiday table. */
export default defineMessages({
  en: {},
  'zh-CN': {},
});
