/** Import problems as codes: every code has words in both languages, and the Chinese show no English. */
import { describe, expect, it } from 'vitest';
import { IMPORT_PROBLEM_CODES, importProblem, type ImportProblem } from '../../../src/domain/imports.js';
import { englishProblem, problemText } from '../../../src/i18n/importProblems.js';
import { messagesOf, translator } from '../../../src/i18n/index.js';

const zh = translator('zh-CN');

describe('import problem codes', () => {
  it.each(IMPORT_PROBLEM_CODES.map((code) => [code]))(
    'when the problem is %s, then both catalogues have its words',
    (code) => {
      expect(messagesOf('en')[`imports.problem.${code}`]).toBeTruthy();
      expect(messagesOf('zh-CN')[`imports.problem.${code}`]).toBeTruthy();
    },
  );

  it.each<[string, ImportProblem, string, string]>([
    [
      'an unknown sender',
      importProblem('mail.unknownSender', { sender: 'Bob <bob@else.example>' }),
      'unknown sender Bob <bob@else.example>: choose the vendor or mark as ours',
      '未知发件人 Bob <bob@else.example>：请选择厂商或标为我方',
    ],
    [
      'a sheet date without a time',
      importProblem('sheet.dateOnly', { value: '2026-11-20' }),
      '“2026-11-20” has a date but no time',
      '“2026-11-20”只有日期没有时间',
    ],
    [
      'a message of an archive that cannot be read',
      importProblem('mail.notMail', { file: 'a.mbox', index: 3 }),
      'a.mbox, message 3: not a mail message: no From, Message-ID or Subject header',
      'a.mbox 第 3 封邮件：不是邮件：没有 From、Message-ID 或 Subject 头',
    ],
    [
      'one stray line',
      importProblem('chat.strayLines', { first: 4, last: 4, count: 1 }),
      'line 4: no name and time before this text; skipped',
      '第 4 行：前面没有姓名和时间；已跳过',
    ],
    [
      'an enum cell nobody knows (the field translated)',
      importProblem('sheet.unknownValue', { field: 'severity', value: 'P9' }),
      'Severity: unknown value “P9”',
      '严重级别：未知的值“P9”',
    ],
    [
      'a kind of the other side (kind and side translated)',
      importProblem('commit.kindNotSide', { kind: 'fix', actor: 'buyer' }),
      '“Fix delivered” is not an event kind of the side “Us”: choose another kind',
      '“已交付修复”不是“我方”一方的事件类型：请另选类型',
    ],
    [
      'missing probe fields (each field translated)',
      importProblem('commit.probeNeeds', { fields: 'vendorId,title' }),
      'a probe needs Vendor, Title',
      '探测缺少厂商、标题',
    ],
  ])('when the problem is %s, then it reads in English and in Chinese', (_, problem, english, chinese) => {
    expect(englishProblem(problem)).toBe(english);
    expect(problemText(zh, problem)).toBe(chinese);
  });
});
