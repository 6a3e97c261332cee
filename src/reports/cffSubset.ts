/**
 * The subset of a CID-keyed CFF font (Noto Sans SC) that a PDF embeds: the glyphs a document
 * used, with the subroutines their outlines call. fontkit's own subsetter decodes every
 * structure it passes (the 22,293 local subroutines of the ideographs' font dict among them)
 * into objects and encodes them back through a generic struct writer; for the report's two
 * fonts that cost ~150 ms of the first report and ~50 ms of each later one. This one reads
 * the font where it lies — an INDEX entry is two offsets looked up, never decoded into an
 * array — and writes the subset's bytes directly, in the same shape as fontkit's: the kept
 * glyphs renumbered in the order they were first used, CID = GID, the font dicts they use,
 * and every subroutine kept at its number (an unused one is a bare `return`, so numbers and
 * biases do not change).
 *
 * Formats: Adobe TN #5176 (CFF) and #5177 (Type 2 charstrings).
 */

/** Read-only view of an INDEX: item i is bytes[dataBase + offset(i) .. dataBase + offset(i + 1)). */
class CffIndex {
  constructor(
    private readonly bytes: Uint8Array,
    readonly count: number,
    private readonly offSize: number,
    private readonly offsetsAt: number,
    /** Where item data starts, minus one (offsets are 1-based). */
    private readonly dataBase: number,
    /** The first byte after the INDEX. */
    readonly end: number,
  ) {}

  static at(bytes: Uint8Array, at: number): CffIndex {
    const count = readUint(bytes, at, 2);
    if (count === 0) return new CffIndex(bytes, 0, 0, at + 2, at + 2, at + 2);
    const offSize = bytes[at + 2] ?? 0;
    if (offSize < 1 || offSize > 4) throw new UnsupportedCff(`INDEX at ${at} has offset size ${offSize}`);
    const offsetsAt = at + 3;
    const dataBase = offsetsAt + (count + 1) * offSize - 1;
    const end = dataBase + readUint(bytes, offsetsAt + count * offSize, offSize);
    return new CffIndex(bytes, count, offSize, offsetsAt, dataBase, end);
  }

  private offset(i: number): number {
    return readUint(this.bytes, this.offsetsAt + i * this.offSize, this.offSize);
  }

  lengthOf(i: number): number {
    return this.offset(i + 1) - this.offset(i);
  }

  item(i: number): Uint8Array {
    if (i < 0 || i >= this.count) throw new UnsupportedCff(`INDEX item ${i} of ${this.count}`);
    return this.bytes.subarray(this.dataBase + this.offset(i), this.dataBase + this.offset(i + 1));
  }
}

/** A font this module does not handle (fontkit's subsetter does); or a damaged one. */
export class UnsupportedCff extends Error {}

function readUint(bytes: Uint8Array, at: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + (bytes[at + i] ?? 0);
  return value;
}

/** One DICT entry: its operator (12 x as 1200 + x), its numbers, and its bytes as written. */
interface DictEntry {
  op: number;
  operands: number[];
  raw: Uint8Array;
}

/** DICT operators this module reads or writes (12 x as 1200 + x). */
const OPERATOR = {
  charset: 15,
  encoding: 16,
  charStrings: 17,
  private: 18,
  subrs: 19,
  ros: 1230,
  cidCount: 1234,
  fdArray: 1236,
  fdSelect: 1237,
} as const;

function readDict(bytes: Uint8Array): DictEntry[] {
  const entries: DictEntry[] = [];
  let operands: number[] = [];
  let start = 0;
  let at = 0;
  while (at < bytes.length) {
    const b = bytes[at] ?? 0;
    if (b <= 21) {
      const code = b === 12 ? 1200 + (bytes[at + 1] ?? 0) : b;
      at += b === 12 ? 2 : 1;
      entries.push({ op: code, operands, raw: bytes.subarray(start, at) });
      operands = [];
      start = at;
    } else if (b === 30) {
      at = skipReal(bytes, at + 1);
      operands.push(NaN); // reals are copied as written, never read here
    } else {
      const [value, next] = readDictInteger(bytes, at);
      operands.push(value);
      at = next;
    }
  }
  return entries;
}

function readDictInteger(bytes: Uint8Array, at: number): [number, number] {
  const b0 = bytes[at] ?? 0;
  const b1 = bytes[at + 1] ?? 0;
  if (b0 >= 32 && b0 <= 246) return [b0 - 139, at + 1];
  if (b0 >= 247 && b0 <= 250) return [(b0 - 247) * 256 + b1 + 108, at + 2];
  if (b0 >= 251 && b0 <= 254) return [-(b0 - 251) * 256 - b1 - 108, at + 2];
  if (b0 === 28) return [((b1 << 24) | ((bytes[at + 2] ?? 0) << 16)) >> 16, at + 3];
  if (b0 === 29) return [readUint(bytes, at + 1, 4) | 0, at + 5];
  throw new UnsupportedCff(`DICT byte ${b0}`);
}

function skipReal(bytes: Uint8Array, at: number): number {
  while (at < bytes.length) {
    const b = bytes[at++] ?? 0;
    if ((b & 0x0f) === 0x0f || (b & 0xf0) === 0xf0) return at;
  }
  return at;
}

function operandOf(entries: DictEntry[], code: number, i = 0): number | undefined {
  return entries.find((entry) => entry.op === code)?.operands[i];
}

/** A font dict and its Private dict: what a glyph's outline may call besides global subrs. */
interface FontDict {
  /** The FD's own entries, without Private. */
  entries: DictEntry[];
  /** The Private dict's entries, without Subrs. */
  privateEntries: DictEntry[];
  subrs: CffIndex | null;
}

/** The parts of a CID-keyed CFF font a subset needs, read once per font. */
export class CidCff {
  private readonly fontDicts = new Map<number, FontDict>();

  private constructor(
    private readonly bytes: Uint8Array,
    private readonly nameIndex: Uint8Array,
    private readonly topEntries: DictEntry[],
    private readonly stringIndex: Uint8Array,
    readonly globalSubrs: CffIndex,
    readonly charStrings: CffIndex,
    private readonly fdArray: CffIndex,
    private readonly fdSelectAt: number,
  ) {}

  /** The CFF table of an OpenType font file; null when the font is not CID-keyed CFF. */
  static fromOpenType(file: Uint8Array): CidCff | null {
    const table = tableOf(file, 'CFF ');
    return table ? CidCff.parse(table) : null;
  }

  static parse(bytes: Uint8Array): CidCff | null {
    if (bytes[0] !== 1) return null;
    const headerSize = bytes[2] ?? 4;
    const names = CffIndex.at(bytes, headerSize);
    const tops = CffIndex.at(bytes, names.end);
    const strings = CffIndex.at(bytes, tops.end);
    const globalSubrs = CffIndex.at(bytes, strings.end);
    if (tops.count !== 1) return null;
    const topEntries = readDict(tops.item(0));
    const charStringsAt = operandOf(topEntries, OPERATOR.charStrings);
    const fdArrayAt = operandOf(topEntries, OPERATOR.fdArray);
    const fdSelectAt = operandOf(topEntries, OPERATOR.fdSelect);
    const isCid = topEntries.some((entry) => entry.op === OPERATOR.ros);
    if (!isCid || charStringsAt === undefined || fdArrayAt === undefined || fdSelectAt === undefined)
      return null;
    return new CidCff(
      bytes,
      bytes.subarray(headerSize, names.end),
      topEntries,
      bytes.subarray(tops.end, strings.end),
      globalSubrs,
      CffIndex.at(bytes, charStringsAt),
      CffIndex.at(bytes, fdArrayAt),
      fdSelectAt,
    );
  }

  /** The Name INDEX as written (one font name). */
  get names(): Uint8Array {
    return this.nameIndex;
  }

  get strings(): Uint8Array {
    return this.stringIndex;
  }

  /** The top dict's entries a subset keeps as they are (the offsets it writes anew). */
  get keptTopEntries(): DictEntry[] {
    const rewritten = new Set<number>([
      OPERATOR.charset,
      OPERATOR.encoding,
      OPERATOR.charStrings,
      OPERATOR.private,
      OPERATOR.cidCount,
      OPERATOR.fdArray,
      OPERATOR.fdSelect,
    ]);
    return this.topEntries.filter((entry) => !rewritten.has(entry.op));
  }

  get fontDictCount(): number {
    return this.fdArray.count;
  }

  /** The font dict a glyph belongs to (FDSelect formats 0 and 3). */
  fdOf(gid: number): number {
    const at = this.fdSelectAt;
    const format = this.bytes[at];
    if (format === 0) return this.bytes[at + 1 + gid] ?? 0;
    if (format !== 3) throw new UnsupportedCff(`FDSelect format ${String(format)}`);
    const ranges = readUint(this.bytes, at + 1, 2);
    // Binary search for the last range whose first glyph is at most gid.
    let low = 0;
    let high = ranges - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (readUint(this.bytes, at + 3 + mid * 3, 2) <= gid) low = mid;
      else high = mid - 1;
    }
    return this.bytes[at + 3 + low * 3 + 2] ?? 0;
  }

  fontDict(fd: number): FontDict {
    let dict = this.fontDicts.get(fd);
    if (!dict) {
      const entries = readDict(this.fdArray.item(fd));
      const privateEntry = entries.find((entry) => entry.op === OPERATOR.private);
      const [size = 0, offset = 0] = privateEntry?.operands ?? [];
      const privateEntries = privateEntry ? readDict(this.bytes.subarray(offset, offset + size)) : [];
      const subrsAt = operandOf(privateEntries, OPERATOR.subrs);
      dict = {
        entries: entries.filter((entry) => entry.op !== OPERATOR.private),
        privateEntries: privateEntries.filter((entry) => entry.op !== OPERATOR.subrs),
        subrs: subrsAt === undefined ? null : CffIndex.at(this.bytes, offset + subrsAt),
      };
      this.fontDicts.set(fd, dict);
    }
    return dict;
  }
}

/** A table of an OpenType (sfnt) file, by tag. */
function tableOf(file: Uint8Array, tag: string): Uint8Array | null {
  const tables = readUint(file, 4, 2);
  for (let i = 0; i < tables; i++) {
    const record = 12 + i * 16;
    const name = String.fromCharCode(...file.subarray(record, record + 4));
    if (name === tag) {
      const offset = readUint(file, record + 8, 4);
      return file.subarray(offset, offset + readUint(file, record + 12, 4));
    }
  }
  return null;
}

/** Type 2 charstrings number their subroutines from a bias that depends on how many there are. */
function subrBias(count: number): number {
  if (count < 1240) return 107;
  if (count < 33900) return 1131;
  return 32768;
}

/** Subroutines one glyph's outline calls, found by running its charstring's control flow. */
class SubrScan {
  private readonly stack: number[] = [];
  private stems = 0;
  private ended = false;

  constructor(
    private readonly globalSubrs: CffIndex,
    private readonly localSubrs: CffIndex | null,
    private readonly usedGlobal: Set<number>,
    private readonly usedLocal: Set<number>,
  ) {}

  run(charString: Uint8Array, depth = 0): void {
    if (depth > 10) throw new UnsupportedCff('subroutines nested deeper than 10');
    const { stack } = this;
    let at = 0;
    while (at < charString.length && !this.ended) {
      const b = charString[at] ?? 0;
      if (b >= 32 || b === 28) {
        at = this.pushNumber(charString, at);
        continue;
      }
      at += 1;
      switch (b) {
        case 1: // hstem
        case 3: // vstem
        case 18: // hstemhm
        case 23: // vstemhm
          this.stems += stack.length >> 1;
          stack.length = 0;
          break;
        case 19: // hintmask
        case 20: // cntrmask: a vstem may precede it implicitly, then one bit per stem follows
          this.stems += stack.length >> 1;
          stack.length = 0;
          at += (this.stems + 7) >> 3;
          break;
        case 10: // callsubr
          if (!this.localSubrs) throw new UnsupportedCff('callsubr without local subroutines');
          this.call(this.localSubrs, this.usedLocal, depth);
          break;
        case 29: // callgsubr
          this.call(this.globalSubrs, this.usedGlobal, depth);
          break;
        case 11: // return
          return;
        case 14: // endchar
          this.ended = true;
          return;
        case 12: {
          const escaped = charString[at] ?? 0;
          at += 1;
          // Flex operators (34–37) are path operators; the rest are the arithmetic and storage
          // operators Type 2 deprecated, which could compute a subroutine number.
          if (escaped < 34 || escaped > 37) throw new UnsupportedCff(`charstring operator 12 ${escaped}`);
          stack.length = 0;
          break;
        }
        case 15: // vsindex and blend: CFF2 only
        case 16:
          throw new UnsupportedCff(`charstring operator ${b}`);
        default: // path and width operators
          stack.length = 0;
      }
    }
  }

  private pushNumber(charString: Uint8Array, at: number): number {
    const b0 = charString[at] ?? 0;
    const b1 = charString[at + 1] ?? 0;
    if (b0 === 28) {
      this.stack.push(((b1 << 24) | ((charString[at + 2] ?? 0) << 16)) >> 16);
      return at + 3;
    }
    if (b0 <= 246) {
      this.stack.push(b0 - 139);
      return at + 1;
    }
    if (b0 <= 250) {
      this.stack.push((b0 - 247) * 256 + b1 + 108);
      return at + 2;
    }
    if (b0 <= 254) {
      this.stack.push(-(b0 - 251) * 256 - b1 - 108);
      return at + 2;
    }
    // 255: a 16.16 fixed-point number.
    this.stack.push((readUint(charString, at + 1, 4) | 0) / 65536);
    return at + 5;
  }

  private call(subrs: CffIndex, used: Set<number>, depth: number): void {
    const number = (this.stack.pop() ?? NaN) + subrBias(subrs.count);
    if (!Number.isInteger(number) || number < 0 || number >= subrs.count) {
      throw new UnsupportedCff(`subroutine ${number} of ${subrs.count}`);
    }
    used.add(number);
    this.run(subrs.item(number), depth + 1);
  }
}

/** An INDEX of the items, in their order. */
function listIndex(items: readonly Uint8Array[]): Buffer {
  const dataLength = items.reduce((sum, item) => sum + item.length, 0);
  const index = new IndexWriter(items.length, dataLength);
  for (const item of items) index.add(item);
  return index.bytes();
}

/**
 * Subroutines kept at their numbers: used ones as they are, the others a bare `return`. A
 * font dict of ideographs has ~22,000 subroutines, so this is one tight pass.
 */
function subrIndex(subrs: CffIndex, used: ReadonlySet<number>): Buffer {
  let dataLength = subrs.count;
  for (const i of used) dataLength += subrs.lengthOf(i) - 1;
  const index = new IndexWriter(subrs.count, dataLength);
  for (let i = 0; i < subrs.count; i++) {
    if (used.has(i)) index.add(subrs.item(i));
    else index.addReturn();
  }
  return index.bytes();
}

/** An INDEX written item by item into a buffer of its final size. */
class IndexWriter {
  private readonly out: Buffer;
  private readonly offSize: number;
  private readonly dataStart: number;
  private offsetAt = 3;
  private dataAt: number;

  constructor(
    private readonly count: number,
    dataLength: number,
  ) {
    this.offSize = offsetSize(dataLength + 1);
    this.dataStart = count === 0 ? 2 : 3 + (count + 1) * this.offSize;
    this.dataAt = this.dataStart;
    this.out = Buffer.alloc(this.dataStart + dataLength);
    this.out.writeUInt16BE(count, 0);
    if (count === 0) return;
    this.out[2] = this.offSize;
    this.writeOffset();
  }

  add(item: Uint8Array): void {
    this.out.set(item, this.dataAt);
    this.dataAt += item.length;
    this.writeOffset();
  }

  addReturn(): void {
    this.out[this.dataAt++] = RETURN;
    this.writeOffset();
  }

  bytes(): Buffer {
    if (this.dataAt !== this.out.length) throw new Error('CFF subset: an INDEX was not filled');
    return this.out;
  }

  /** Where the data written so far ends; offsets count from 1, the byte before the data. */
  private writeOffset(): void {
    let value = this.dataAt - this.dataStart + 1;
    for (let i = this.offSize - 1; i >= 0; i--) {
      this.out[this.offsetAt + i] = value & 0xff;
      value >>>= 8;
    }
    this.offsetAt += this.offSize;
  }
}

function offsetSize(largest: number): number {
  if (largest <= 0xff) return 1;
  if (largest <= 0xffff) return 2;
  if (largest <= 0xffffff) return 3;
  return 4;
}

/** An integer DICT operand in its 5-byte form: offsets are written before they are known. */
function longInteger(value: number): number[] {
  return [29, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function operator(code: number): number[] {
  return code >= 1200 ? [12, code - 1200] : [code];
}

/** DICT bytes: the kept entries as written, then the rewritten ones with long operands. */
function dictBytes(kept: readonly DictEntry[], rewritten: readonly [number, number[]][]): Uint8Array {
  const tail = rewritten.flatMap(([code, operands]) => [...operands.flatMap(longInteger), ...operator(code)]);
  const size = kept.reduce((sum, entry) => sum + entry.raw.length, 0) + tail.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const entry of kept) {
    out.set(entry.raw, at);
    at += entry.raw.length;
  }
  out.set(tail, at);
  return out;
}

/** The charstring operator `return`: what an unused subroutine is left as. */
const RETURN = 11;

/** What pdfkit asks of a font subset (fontkit's Subset): glyph ids in, new ids out, the font out. */
export interface FontSubset {
  includeGlyph(glyph: number | { id: number }): number;
  encode(): Uint8Array;
}

/**
 * A subset written by this module; `cff` tells pdfkit to embed it as CIDFontType0C. A glyph
 * whose charstring uses what this module does not follow (the arithmetic operators Type 2
 * deprecated, say) makes the whole subset come from `fallback`, fontkit's own subsetter.
 */
export class CidCffSubset implements FontSubset {
  readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(
    readonly cff: CidCff,
    private readonly fallback: () => FontSubset,
  ) {
    this.includeGlyph(0);
  }

  includeGlyph(glyph: number | { id: number }): number {
    const gid = typeof glyph === 'number' ? glyph : glyph.id;
    let id = this.mapping.get(gid);
    if (id === undefined) {
      id = this.glyphs.length;
      this.glyphs.push(gid);
      this.mapping.set(gid, id);
    }
    return id;
  }

  encode(): Uint8Array {
    try {
      return this.write();
    } catch (error) {
      if (!(error instanceof UnsupportedCff)) throw error;
      const subset = this.fallback();
      for (const gid of this.glyphs) subset.includeGlyph(gid);
      return subset.encode();
    }
  }

  private write(): Buffer {
    const { cff, glyphs } = this;
    const usedGlobal = new Set<number>();
    const fds: number[] = [];
    const newFdOf = new Map<number, number>();
    const usedLocal: Set<number>[] = [];
    const fdSelect = new Uint8Array(1 + glyphs.length); // format 0: one font dict a glyph
    const charStrings = glyphs.map((gid, id) => {
      const fd = cff.fdOf(gid);
      let newFd = newFdOf.get(fd);
      if (newFd === undefined) {
        newFd = fds.length;
        fds.push(fd);
        newFdOf.set(fd, newFd);
        usedLocal.push(new Set());
      }
      fdSelect[1 + id] = newFd;
      const charString = cff.charStrings.item(gid);
      const locals = usedLocal[newFd] ?? new Set<number>();
      new SubrScan(cff.globalSubrs, cff.fontDict(fd).subrs, usedGlobal, locals).run(charString);
      return charString;
    });

    // Every part's place follows from the sizes of those before it; the dicts hold offsets as
    // long integers, so their sizes do not depend on the offsets they hold.
    const globalSubrs = subrIndex(cff.globalSubrs, usedGlobal);
    const charStringIndex = listIndex(charStrings);
    const charset = charsetBytes(glyphs.length);
    const topDict = (offsets: number[]) =>
      listIndex([dictBytes(cff.keptTopEntries, topRewrites(glyphs.length, offsets))]);
    const charsetAt =
      4 + cff.names.length + topDict([0, 0, 0, 0]).length + cff.strings.length + globalSubrs.length;
    const fdSelectAt = charsetAt + charset.length;
    const charStringsAt = fdSelectAt + fdSelect.length;
    const fdArrayAt = charStringsAt + charStringIndex.length;

    const privates = fds.map((fd, i) => {
      const dict = cff.fontDict(fd);
      const subrs = dict.subrs ? subrIndex(dict.subrs, usedLocal[i] ?? new Set()) : null;
      // The Subrs offset counts from the Private dict's start and the INDEX follows the dict,
      // so the offset is the dict's own size (the same whatever offset it holds).
      const size = dictBytes(dict.privateEntries, subrs ? [[OPERATOR.subrs, [0]]] : []).length;
      const privateDict = dictBytes(dict.privateEntries, subrs ? [[OPERATOR.subrs, [size]]] : []);
      return { dict, privateDict, subrs };
    });
    const fdArraySize = listIndex(
      privates.map(({ dict }) => dictBytes(dict.entries, [[OPERATOR.private, [0, 0]]])),
    ).length;
    let privateAt = fdArrayAt + fdArraySize;
    const fontDicts = privates.map(({ dict, privateDict, subrs }) => {
      const fontDict = dictBytes(dict.entries, [[OPERATOR.private, [privateDict.length, privateAt]]]);
      privateAt += privateDict.length + (subrs?.length ?? 0);
      return fontDict;
    });

    return Buffer.concat([
      Uint8Array.of(1, 0, 4, 4), // version 1.0, header size, offset size
      cff.names,
      topDict([charsetAt, fdSelectAt, charStringsAt, fdArrayAt]),
      cff.strings,
      globalSubrs,
      charset,
      fdSelect,
      charStringIndex,
      listIndex(fontDicts),
      ...privates.flatMap(({ privateDict, subrs }) => (subrs ? [privateDict, subrs] : [privateDict])),
    ]);
  }
}

/**
 * The top dict entries a subset writes anew: its glyph count and where its parts are. Readers
 * that size FDSelect by the glyph count (fontkit) need CharStrings first.
 */
function topRewrites(
  glyphCount: number,
  [charset, fdSelect, charStrings, fdArray]: number[],
): [number, number[]][] {
  return [
    [OPERATOR.charset, [charset ?? 0]],
    [OPERATOR.charStrings, [charStrings ?? 0]],
    [OPERATOR.cidCount, [glyphCount]],
    [OPERATOR.fdSelect, [fdSelect ?? 0]],
    [OPERATOR.fdArray, [fdArray ?? 0]],
  ];
}

/** CID = GID: glyphs 1 … n − 1 as one range (format 2), none when only .notdef is kept. */
function charsetBytes(glyphCount: number): Uint8Array {
  if (glyphCount < 2) return Uint8Array.of(0);
  const last = glyphCount - 2;
  return Uint8Array.of(2, 0, 1, (last >> 8) & 0xff, last & 0xff);
}
