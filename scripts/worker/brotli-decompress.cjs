// @ts-check
/**
 * In place of brotli/decompress.js in the report worker's bundle (see scripts/build.mjs):
 * fontkit opens WOFF2 fonts with it, 1.4 MB of code and dictionary the worker would load at
 * every start, while the reports embed the OpenType files of Noto Sans SC only.
 */
'use strict';

module.exports = function decompress() {
  throw new Error('the report worker opens OpenType fonts only, not WOFF2');
};
