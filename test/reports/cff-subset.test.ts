import fc from 'fast-check';
import { create, type Font, type Subset } from 'fontkit';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CidCff, CidCffSubset } from '../../src/reports/cffSubset.js';
import { cjkFontPath, withCffSubsets, type FontWeight } from '../../src/reports/fonts.js';

/**
 * The subset is checked against the font itself: wrapped back into the OpenType file in place
 * of the full CFF table and opened with fontkit, every kept glyph must draw exactly the outline
 * of the glyph it was taken from (an outline calls subroutines, so a subroutine left out or
 * renumbered draws differently), and fontkit's own subsetter is the reference for size.
 */
const fonts = new Map<FontWeight, { file: Uint8Array; font: Font; cff: CidCff }>();
function fontOf(weight: FontWeight) {
  let entry = fonts.get(weight);
  if (!entry) {
    const file = readFileSync(cjkFontPath(weight));
    const cff = CidCff.fromOpenType(file);
    if (!cff) throw new Error('Noto Sans SC is a CID-keyed CFF font');
    entry = { file, font: create(file), cff };
    fonts.set(weight, entry);
  }
  return entry;
}

/** Where the table directory of an OpenType file records its CFF table (offset, then length). */
function cffRecordOf(file: Uint8Array): number {
  const view = new DataView(file.buffer, file.byteOffset);
  for (let i = 0; i < view.getUint16(4); i++) {
    const record = 12 + i * 16;
    if (String.fromCharCode(...file.subarray(record, record + 4)) === 'CFF ') return record;
  }
  throw new Error('no CFF table');
}

/** The OpenType file with its CFF table replaced (appended at the end, its record pointing there). */
function withCffTable(file: Uint8Array, cff: Uint8Array): Uint8Array {
  const out = new Uint8Array(file.length + cff.length);
  out.set(file);
  out.set(cff, file.length);
  const view = new DataView(out.buffer);
  const record = cffRecordOf(out);
  view.setUint32(record + 8, file.length);
  view.setUint32(record + 12, cff.length);
  return out;
}

function subsetOf(weight: FontWeight, gids: readonly number[]) {
  const { font, cff } = fontOf(weight);
  const ours = new CidCffSubset(cff, () => font.createSubset());
  const theirs: Subset = font.createSubset();
  const ids = gids.map((gid) => ours.includeGlyph(gid));
  for (const gid of gids) theirs.includeGlyph(gid);
  return { ids, glyphs: ours.glyphs, bytes: ours.encode(), fontkitBytes: theirs.encode() };
}

/** Every subroutine and charstring as fontkit's subsetter keeps them (an unused one is a bare return). */
function expectSameParts(ours: Uint8Array, theirs: Uint8Array): void {
  const [a, b] = [CidCff.parse(ours), CidCff.parse(theirs)];
  if (!a || !b) throw new Error('both subsets are CID-keyed CFF fonts');
  const items = (index: { count: number; item(i: number): Uint8Array }) =>
    Array.from({ length: index.count }, (_, i) => Buffer.from(index.item(i)).toString('hex'));
  expect(items(a.charStrings)).toEqual(items(b.charStrings));
  expect(items(a.globalSubrs)).toEqual(items(b.globalSubrs));
  for (let fd = 0; fd < a.fontDictCount; fd++) {
    const [ourSubrs, theirSubrs] = [a.fontDict(fd).subrs, b.fontDict(fd).subrs];
    expect(ourSubrs && items(ourSubrs), `local subroutines of font dict ${fd}`).toEqual(
      theirSubrs && items(theirSubrs),
    );
  }
  expect(a.fontDictCount).toBe(b.fontDictCount);
}

function expectSameOutlines(weight: FontWeight, glyphs: readonly number[], bytes: Uint8Array): void {
  const { file, font } = fontOf(weight);
  const reopened = create(withCffTable(file, bytes));
  glyphs.forEach((gid, id) => {
    expect(reopened.getGlyph(id).path.toSVG(), `glyph ${gid} (new id ${id})`).toBe(
      font.getGlyph(gid).path.toSVG(),
    );
  });
}

/** Glyph ids of a text as the report lays it out. */
function glyphsOfText(weight: FontWeight, text: string): number[] {
  const run = fontOf(weight).font.layout(text) as { glyphs: { id: number }[] };
  return run.glyphs.map((glyph) => glyph.id);
}

const REPORT_TEXT =
  'Vendor comparison — First reply 2 h 15 min (SLA 4 h). 厂商对比：首次响应 2 小时 15 分（SLA 4 小时），升级、解决深度。' +
  ' 0123456789 %‰ ± → ✓ 「」《》、。，？！';

describe('CID-keyed CFF subset', () => {
  it.each<FontWeight>(['Regular', 'Bold'])(
    'keeps the outline of every glyph of report text (%s)',
    (weight) => {
      const { ids, glyphs, bytes, fontkitBytes } = subsetOf(weight, glyphsOfText(weight, REPORT_TEXT));
      expect(ids.every((id, i) => glyphs[id] === glyphsOfText(weight, REPORT_TEXT)[i])).toBe(true);
      expect(glyphs[0]).toBe(0); // .notdef first, as a font must have it
      expectSameOutlines(weight, glyphs, bytes);
      expectSameParts(bytes, fontkitBytes);
      // Same structure as fontkit's subset; the font dicts' names (~700 bytes) are kept.
      expect(bytes.length).toBeLessThanOrEqual(fontkitBytes.length + 1024);
    },
  );

  it('numbers glyphs in the order they are first used, each once', () => {
    const { ids, glyphs } = subsetOf('Regular', [500, 20, 500, 7000, 20]);
    expect(ids).toEqual([1, 2, 1, 3, 2]);
    expect(glyphs).toEqual([0, 500, 20, 7000]);
  });

  it('keeps the outlines of any glyphs of the font', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<FontWeight>('Regular', 'Bold'),
        fc.uniqueArray(fc.integer({ min: 0, max: fontOf('Regular').font.numGlyphs - 1 }), {
          minLength: 0,
          maxLength: 40,
        }),
        (weight, gids) => {
          const { glyphs, bytes, fontkitBytes } = subsetOf(weight, gids);
          expectSameOutlines(weight, glyphs, bytes);
          expectSameParts(bytes, fontkitBytes);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('writes a font of .notdef alone when no text was drawn', () => {
    const { glyphs, bytes } = subsetOf('Bold', []);
    expect(glyphs).toEqual([0]);
    expectSameOutlines('Bold', glyphs, bytes);
  });

  it("hands a charstring it does not follow to fontkit's subsetter", () => {
    // Glyph 1000's charstring made `0 0 and endchar …`: `and` is an operator Type 2 deprecated.
    const { file, cff } = fontOf('Regular');
    const patched = Uint8Array.from(file);
    const charString = cff.charStrings.item(1000);
    const at = charString.byteOffset - file.byteOffset;
    patched.fill(14, at, at + charString.length);
    patched.set([139, 139, 12, 3], at);
    const font = create(patched);
    const patchedCff = CidCff.fromOpenType(patched);
    if (!patchedCff) throw new Error('still a CID-keyed CFF font');
    const ours = new CidCffSubset(patchedCff, () => font.createSubset());
    const theirs = font.createSubset();
    for (const gid of [5, 1000, 36]) {
      ours.includeGlyph(gid);
      theirs.includeGlyph(gid);
    }
    expect(Buffer.from(ours.encode()).equals(Buffer.from(theirs.encode()))).toBe(true);
  });

  it("leaves a font whose CFF table it cannot read to fontkit's subsets", () => {
    const { file } = fontOf('Bold');
    const damaged = Uint8Array.from(file);
    const cffAt = new DataView(damaged.buffer).getUint32(cffRecordOf(damaged) + 8);
    // The Name INDEX's offset size (after the 4-byte header and its count) made 9: no such size.
    damaged[cffAt + 6] = 9;
    const font = create(damaged);
    expect(() => withCffSubsets(font, damaged)).not.toThrow();
    // fontkit's own subsetter answers, as it did before this module: here, with its own error.
    expect(() => font.createSubset()).toThrow('Not a CFF Font');
    expect(withCffSubsets(create(file), file).createSubset()).toBeInstanceOf(CidCffSubset);
  });
});
