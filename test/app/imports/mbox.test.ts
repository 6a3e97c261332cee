import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksCutOff, splitMbox } from '../../../src/app/imports/mbox.js';
import { mbox } from './mailFixtures.js';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1').replace(/\n+$/, '');
const line = fc.oneof(
  fc.constantFrom('From the logs', '>From quoted', '>>From twice', '', 'From: header-like', 'x'),
  fc.string({ unit: fc.constantFrom('a', ' ', '>', 'F', 'r', 'o', 'm', 'é') }),
);

describe('splitMbox', () => {
  it('when messages hold From lines at any quoting depth, then splitting gives each message back unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.array(line, { maxLength: 8 }), { minLength: 1, maxLength: 6 }), (bodies) => {
        const messages = bodies.map((lines) => `Subject: s\n\n${lines.join('\n')}`.replace(/\n+$/, ''));
        const split = [...splitMbox(mbox(messages.map((message) => Buffer.from(message, 'latin1'))))];
        expect(split.map((raw) => text(raw.bytes))).toEqual(messages);
        expect(split.map((raw) => raw.last)).toEqual(
          messages.map((_, index) => index === messages.length - 1),
        );
      }),
    );
  });

  it('when the archive is one separator line or empty, then there is no message', () => {
    expect([...splitMbox(Buffer.from('From x'))]).toEqual([]);
    expect([...splitMbox(Buffer.alloc(0))]).toEqual([]);
  });
});

describe('looksCutOff', () => {
  it.each([
    ['Subject: a\n\nbody', false],
    ['Subject: a\nFrom: b', true],
    ['Content-Type: multipart/mixed; boundary="b1"\n\n--b1\n\nx\n--b1--\n', false],
    ['Content-Type: multipart/mixed;\n boundary=b1\n\n--b1\n\nx\n', true],
  ])('when the message is %j, then cut off is %s', (message, expected) => {
    expect(looksCutOff(Buffer.from(message))).toBe(expected);
  });
});
