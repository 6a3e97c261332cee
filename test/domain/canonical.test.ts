import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { byCodePoint, canonicalJson, canonicalTrialExport } from '../../src/domain/canonical.js';
import type { TrialExport } from '../../src/domain/schemas.js';
import { buildProbe, buildTrial, buildVendor } from '../factories.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonicalJson', () => {
  it.each([
    ['keys in another order', { b: 1, a: 2 }, '{"a":2,"b":1}'],
    [
      'nested objects',
      { z: { y: [3, { d: 1, c: 2 }], x: null }, a: true },
      '{"a":true,"z":{"x":null,"y":[3,{"c":2,"d":1}]}}',
    ],
    ['arrays kept in order', [3, 1, 2], '[3,1,2]'],
    ['undefined members left out', { a: undefined, b: 'x' }, '{"b":"x"}'],
    ['undefined in an array written as null', [undefined, 1], '[null,1]'],
    ['numbers as JSON writes them', { a: 1.0, b: -0, c: 1e21, d: 0.1 }, '{"a":1,"b":0,"c":1e+21,"d":0.1}'],
    [
      'strings escaped as JSON escapes them',
      { s: 'line\n"quoted" 音视频' },
      '{"s":"line\\n\\"quoted\\" 音视频"}',
    ],
    ['unicode keys by code point', { 厂商: 1, a: 2, Z: 3, é: 4 }, '{"Z":3,"a":2,"é":4,"厂商":1}'],
    ['an astral key after U+FFxx (code point, not UTF-16 unit)', { '😀': 1, ｚ: 2 }, '{"ｚ":2,"😀":1}'],
  ])('when given %s, then %s', (_when, value, text) => {
    expect(canonicalJson(value)).toBe(text);
  });

  it('when the same data is written in another key order at every level, then the text and the hash are the same', () => {
    // Arrange
    const one = {
      trial: { name: '选型', weights: { resolution: 0.35, commitment: 0.2 } },
      list: [{ id: 'b', x: 1 }],
    };
    const other = {
      list: [{ x: 1, id: 'b' }],
      trial: { weights: { commitment: 0.2, resolution: 0.35 }, name: '选型' },
    };

    // Act
    const [a, b] = [canonicalJson(one), canonicalJson(other)];

    // Assert
    expect(a).toBe(b);
    expect(sha256(a)).toBe(sha256(b));
    expect(a).not.toMatch(/\s/);
  });

  it.each([
    ['a', 'b', -1],
    ['b', 'a', 1],
    ['a', 'ab', -1],
    ['same', 'same', 0],
    ['😀', '\uffff', 1],
  ])('when %s is compared with %s by code point, then the sign is %i', (a, b, sign) => {
    expect(Math.sign(byCodePoint(a, b))).toBe(sign);
  });
});

describe('canonicalTrialExport', () => {
  const trial = buildTrial({ id: 'trial-1' });
  const vendors = [
    buildVendor({ id: 'v-2', trialId: 'trial-1' }),
    buildVendor({ id: 'v-1', trialId: 'trial-1' }),
  ];
  const probes = [
    buildProbe({ id: 'p-2', trialId: 'trial-1', vendorId: 'v-1' }),
    buildProbe({ id: 'p-1', trialId: 'trial-1', vendorId: 'v-2' }),
  ];
  const exported: TrialExport = { format: 'sla-probe-trial/1', trial, vendors, scenarios: [], probes };

  it('when the records are stored in another order, then the canonical export is the same', () => {
    const reordered: TrialExport = {
      ...exported,
      vendors: [...vendors].reverse(),
      probes: [...probes].reverse(),
    };

    expect(canonicalTrialExport(reordered)).toBe(canonicalTrialExport(exported));
  });

  it('when the trial carries a snapshot, then the canonical export leaves it out', () => {
    const withSnapshot: TrialExport = {
      ...exported,
      trial: { ...trial, snapshot: { sha256: 'a'.repeat(64), at: '2026-11-24T04:00:00.000Z' } },
    };

    expect(canonicalTrialExport(withSnapshot)).toBe(canonicalTrialExport(exported));
    expect(canonicalTrialExport(withSnapshot)).not.toContain('snapshot');
  });

  it('when any field changes, then the canonical export changes', () => {
    const [first, second] = vendors;
    if (!first || !second) throw new Error('two vendors');
    const edited: TrialExport = { ...exported, vendors: [{ ...first, name: 'Renamed' }, second] };

    expect(canonicalTrialExport(edited)).not.toBe(canonicalTrialExport(exported));
  });

  it('when read, then records are sorted by id and the keys of the top level are in order', () => {
    const text = canonicalTrialExport(exported);

    expect(text.startsWith('{"format":"sla-probe-trial/1","probes":[{')).toBe(true);
    expect(text.indexOf('"id":"p-1"')).toBeLessThan(text.indexOf('"id":"p-2"'));
    expect(text.indexOf('"id":"v-1"')).toBeLessThan(text.indexOf('"id":"v-2"'));
  });
});
