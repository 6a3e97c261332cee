// @ts-check
/**
 * tiny-inflate's one function over Node's zlib, for the report worker's bundle (see
 * scripts/build.mjs): unicode-trie inflates the Unicode tables of fontkit, pdfkit's line
 * breaker and unicode-properties as the worker loads them, ~20 ms in JavaScript and ~1 ms in
 * zlib. Same contract: raw DEFLATE data into `dest`, cut to what was written.
 */
'use strict';
const { inflateRawSync } = require('node:zlib');

/**
 * @param {Uint8Array} source
 * @param {Uint8Array} dest
 * @returns {Uint8Array}
 */
module.exports = function inflate(source, dest) {
  const out = inflateRawSync(source);
  if (out.length > dest.length) throw new Error('Data error');
  dest.set(out);
  return out.length < dest.length ? dest.slice(0, out.length) : dest;
};
