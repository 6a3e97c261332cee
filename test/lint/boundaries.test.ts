/**
 * The layers of SPEC §11 as eslint.config.js enforces them, checked on sources that exist only
 * in memory: an import is judged by the file it resolves to, however its path is spelled.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The errors one rule of eslint.config.js finds in `code` placed at `filePath`: without type
 * information, as parsing is all these rules need, so this stays fast.
 */
function errorsOf(ruleId: string): (filePath: string, code: string) => Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: `${ROOT}eslint.config.js`,
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: (rule) => rule.ruleId === ruleId,
  });
  return async (filePath, code) => {
    const [result] = await eslint.lintText(`${code}\n`, { filePath: `${ROOT}${filePath}` });
    return (result?.messages ?? [])
      .filter((message) => message.severity === 2)
      .map((message) => message.message);
  };
}

const layerErrors = errorsOf('boundaries/dependencies');
/** The rule that keeps scorecards out of pages. */
const pageErrors = errorsOf('@typescript-eslint/no-restricted-imports');

describe('the layer rule of eslint.config.js', () => {
  it.each([
    ['src/domain/scoring/x.ts', "import '../../storage/store.js';", 'domain → storage'],
    ['src/domain/scoring/x.ts', "import '../../app/deps.js';", 'domain → app'],
    ['src/domain/x.ts', "import '../app/deps.js';", 'domain → app'],
    ['src/domain/x.ts', "import { readFile } from 'node:fs/promises';", 'domain → Node I/O'],
    ['src/domain/x.ts', "import express from 'express';", 'domain → a framework'],
    ['src/http/web/x.ts', "import '../../storage/repository.js';", 'http → storage'],
    ['src/http/web/x.ts', "import '../storage/repository.js';", 'http → a path that is no layer'],
    ['src/storage/x.ts', "import '../app/deps.js';", 'storage → app'],
    ['src/reports/pdf/x.ts', "import '../../http/app.js';", 'reports → http'],
    ['src/i18n/x.ts', "import '../reports/request.js';", 'i18n → reports'],
  ])('when %s has `%s` (%s), then it is an error', async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toHaveLength(1);
  });

  it.each([
    ['src/domain/scoring/x.ts', "import { z } from 'zod';\nimport '../schemas.js';"],
    [
      'src/http/web/x.ts',
      "import '../../app/deps.js';\nimport '../../domain/schemas.js';\nimport '../../i18n/index.js';",
    ],
    ['src/app/x.ts', "import '../storage/repository.js';\nimport '../reports/request.js';"],
    ['src/reports/x.ts', "import '../charts/chartConfigs.js';\nimport '../i18n/index.js';"],
    ['src/server.ts', "import './storage/store.js';\nimport './http/app.js';"],
    ['test/x.test.ts', "import '../src/storage/store.js';"],
  ])('when %s has an allowed import, then there is no error', async (filePath, code) => {
    expect(await layerErrors(filePath, code)).toEqual([]);
  });
});

describe('scores and measurements in pages come from src/app', () => {
  it.each([
    ['src/http/web/x.ts', "import { computeScorecard } from '../../domain/scoring/scorecard.js';"],
    ['src/http/trials/x.ts', "import { overallScore } from '../../domain/scoring/aggregate.js';"],
    ['src/http/x.ts', "import { computeScorecard, type Scorecard } from '../domain/scoring/scorecard.js';"],
    ['src/http/probes/x.ts', "import { deriveProbeMetrics } from '../../domain/metrics.js';"],
    ['src/http/decisions/x.ts', "import { costScorePoints } from '../../domain/cost.js';"],
  ])('when %s has `%s`, then it is an error naming src/app', async (filePath, code) => {
    const errors = await pageErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('src/app');
  });

  it.each([
    ['src/http/web/x.ts', "import type { Scorecard } from '../../domain/scoring/scorecard.js';"],
    ['src/http/probes/x.ts', "import type { Wait } from '../../domain/waits.js';"],
    ['src/http/x.ts', "import { DIMENSIONS } from '../domain/schemas.js';"],
    ['src/http/web/x.ts', "import { scoresOf } from '../../app/rerank.js';"],
    ['src/app/x.ts', "import { computeScorecard } from '../domain/scoring/scorecard.js';"],
    ['src/reports/x.ts', "import { computeScorecard } from '../domain/scoring/scorecard.js';"],
  ])('when %s has `%s`, then there is no error', async (filePath, code) => {
    expect(await pageErrors(filePath, code)).toEqual([]);
  });
});
