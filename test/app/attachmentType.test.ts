import { describe, expect, it } from 'vitest';
import { cleanFileName, servedTypeOf, sniffType } from '../../src/app/attachmentType.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('sniffType', () => {
  it.each([
    ['a PNG', 'image/png', PNG],
    ['a PDF', 'application/pdf', Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')],
    ['UTF-8 text in Chinese', 'text/plain', Buffer.from('请提供日志\n厂商回复')],
    ['an HTML page', 'text/html', Buffer.from('<!DOCTYPE html><html><body>hi</body></html>')],
    ['a fragment with a script', 'text/html', Buffer.from('hello <script>alert(1)</script>')],
    ['an SVG', 'image/svg+xml', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['XML', 'application/xml', Buffer.from('<?xml version="1.0"?><a/>')],
    ['text with a NUL byte', 'application/octet-stream', Buffer.from('log\u0000line')],
    ['bytes that are not UTF-8', 'application/octet-stream', Buffer.from([0x80, 0x81, 0xfe, 0x41])],
    ['an empty file', 'text/plain', Buffer.alloc(0)],
  ])('when %s is sniffed, then it is %s', async (_case, type, bytes) => {
    expect(await sniffType(bytes)).toBe(type);
  });
});

describe('servedTypeOf', () => {
  it.each([
    ['image/png', 'image/png'],
    ['text/plain', 'text/plain'],
    ['text/html', 'application/octet-stream'],
    ['image/svg+xml', 'application/octet-stream'],
    ['application/xml', 'application/octet-stream'],
    ['application/x-msdownload', 'application/octet-stream'],
  ])('when a file of type %s is downloaded, then it goes out as %s', (type, served) => {
    expect(servedTypeOf(type)).toBe(served);
  });
});

describe('cleanFileName', () => {
  it.each([
    ['C:\\Users\\me\\Desktop\\capture.pcap', 'capture.pcap'],
    ['../../etc/passwd', 'passwd'],
    ['report\u202Egpj.exe', 'reportgpj.exe'],
    ['line\nbreak\t.txt', 'linebreak.txt'],
    ['  spaced   name .log ', 'spaced name .log'],
    ['..', 'file'],
    ['', 'file'],
    ['丢包截图.png', '丢包截图.png'],
    [`${'a'.repeat(300)}.txt`, 'a'.repeat(255)],
  ])('when %j is cleaned, then it is %j', (name, cleaned) => {
    expect(cleanFileName(name)).toBe(cleaned);
  });
});
