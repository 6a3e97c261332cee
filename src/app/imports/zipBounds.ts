/**
 * A zip's real uncompressed size, checked before a workbook library opens it: an XLSX is a
 * zip, and a zip bomb renamed `.xlsx` would otherwise inflate to gigabytes in memory. Every
 * entry is inflated here with a hard output cap, so a size the directory lies about is caught too.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
  maxEntries: number;
}

/** What an XLSX of a few thousand rows needs, with room to spare. */
export const XLSX_LIMITS: ZipLimits = { maxTotalBytes: 100 * 1024 * 1024, maxEntries: 2000 };

export type ZipCheck =
  { ok: true } | { ok: false; reason: 'notZip' | 'tooLarge' | 'tooManyEntries' | 'corrupt' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function endOfDirectory(bytes: Buffer): number {
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD) return at;
  }
  return -1;
}

export function checkZip(bytes: Buffer, limits: ZipLimits = XLSX_LIMITS): ZipCheck {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== LOCAL) return { ok: false, reason: 'notZip' };
  const end = endOfDirectory(bytes);
  if (end < 0) return { ok: false, reason: 'corrupt' };
  const entries = bytes.readUInt16LE(end + 10);
  if (entries > limits.maxEntries) return { ok: false, reason: 'tooManyEntries' };
  let at = bytes.readUInt32LE(end + 16);
  let budget = limits.maxTotalBytes;
  try {
    for (let index = 0; index < entries; index += 1) {
      if (bytes.readUInt32LE(at) !== CENTRAL) return { ok: false, reason: 'corrupt' };
      const method = bytes.readUInt16LE(at + 10);
      const compressed = bytes.readUInt32LE(at + 20);
      const declared = bytes.readUInt32LE(at + 24);
      const local = bytes.readUInt32LE(at + 42);
      at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
      if (declared > budget) return { ok: false, reason: 'tooLarge' };
      if (bytes.readUInt32LE(local) !== LOCAL) return { ok: false, reason: 'corrupt' };
      const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
      const data = bytes.subarray(start, start + compressed);
      let size: number;
      if (method === 0) size = data.length;
      else if (method === 8) size = inflateRawSync(data, { maxOutputLength: budget }).length;
      else return { ok: false, reason: 'corrupt' };
      budget -= size;
    }
  } catch (error) {
    if (error instanceof RangeError && /maxOutputLength|buffer/i.test(error.message))
      return { ok: false, reason: 'tooLarge' };
    return { ok: false, reason: 'corrupt' };
  }
  return { ok: true };
}
