/**
 * The import pages (SPEC §6, §8): upload mail archives and sheets or paste a chat, check the
 * preview item by item, then import; nothing is stored before "Import". Multipart forms carry
 * their CSRF token in the query string, since the body is read after the check.
 */
import { Router, type Response } from 'express';
import type { AppDeps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import {
  commitImport,
  importPreviewPage,
  isItemIssue,
  previewImport,
  remapImport,
  updateImport,
  SHEET_FIELDS,
  sheetTemplate,
  type ImportPreviewPage,
} from '../../app/imports/index.js';
import { getProbe } from '../../app/probes.js';
import {
  BUYER_EVENT_KINDS,
  CATEGORIES,
  ChannelSchema,
  DifficultySchema,
  SEVERITIES,
  VENDOR_EVENT_KINDS,
} from '../../domain/schemas.js';
import type { ImportItem } from '../../domain/imports.js';
import { problemText } from '../../i18n/importProblems.js';
import { isLocale, type Translate } from '../../i18n/index.js';
import { readImportUpload } from './upload.js';
import { formFields } from '../web/forms.js';
import { helpersOf } from '../web/locals.js';
import { loadTrial, trialCrumbs } from '../trials/trialContext.js';
import { choicesOf, previewRows, shownValue } from './previewForm.js';

const importsUrl = (trialId: string) => `/trials/${encodeURIComponent(trialId)}/imports`;
const previewUrl = (importId: string) => `/imports/${encodeURIComponent(importId)}`;

const OPTIONS = {
  kindsByActor: { vendor: VENDOR_EVENT_KINDS, buyer: BUYER_EVENT_KINDS },
  actors: ['vendor', 'buyer'],
  severities: SEVERITIES,
  categories: CATEGORIES,
  difficulties: DifficultySchema.options,
  channels: ChannelSchema.options,
  fields: SHEET_FIELDS,
};

/**
 * Issues of a refused commit or update grouped by the item key they name, in the page's
 * language: an item's problem by its code, a field the person typed (`set.<key>.at`) by the
 * field and the reason.
 */
function errorsByKey(error: AppError, items: readonly ImportItem[], t: Translate): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (isItemIssue(issue)) {
      (errors[issue.path] ??= []).push(problemText(t, issue.problem));
      continue;
    }
    const item = items.find((candidate) => issue.path.startsWith(`set.${candidate.key}.`));
    if (item) {
      const field = issue.path.slice(`set.${item.key}.`.length);
      const label = t(
        `imports.field.${field === 'vendorId' ? 'vendor' : field === 'probeId' ? 'probe' : field}`,
      );
      (errors[item.key] ??= []).push(
        t('imports.preview.fieldError', { field: label, message: t(`error.${issue.reason ?? 'invalid'}`) }),
      );
    } else (errors[issue.path || '_form'] ??= []).push(issue.message);
  }
  return errors;
}

export function importPages(deps: AppDeps): Router {
  const pages = Router();

  const renderUpload = async (res: Response, trialId: string, error: string | null = null, status = 200) => {
    const { trial, vendors } = await loadTrial(deps, trialId);
    const { t } = helpersOf(res);
    res.status(status).render('import', {
      trial,
      vendors,
      error,
      uploadUrl: `${importsUrl(trial.id)}?_csrf=${encodeURIComponent(String(res.locals['csrfToken'] ?? ''))}`,
      templateUrl: (format: string, lang: string) =>
        `${importsUrl(trial.id)}/template.${format}?lang=${lang}`,
      crumbs: trialCrumbs(t, trial, { label: t('imports.title') }),
    });
  };

  const renderPreview = (
    res: Response,
    page: ImportPreviewPage,
    submitted?: { body: unknown; values: Record<string, string>; errors: Record<string, string[]> },
    status = 200,
    updatedFlag = false,
  ) => {
    const { t } = helpersOf(res);
    const { session, trial } = page;
    res.status(status).render('import-preview', {
      trial,
      importId: session.id,
      rows: previewRows(page, submitted),
      problems: session.problems,
      problemText: (problem: Parameters<typeof problemText>[1]) => problemText(t, problem),
      updated: submitted === undefined && updatedFlag,
      formErrors: Object.entries(submitted?.errors ?? {})
        .filter(([key]) => !session.items.some((item) => item.key === key))
        .flatMap(([, messages]) => messages),
      hasErrors: submitted !== undefined,
      sheets: session.sheets,
      vendors: page.vendors,
      existingProbes: page.probes,
      proposedProbes: session.items.filter((item) => item.type === 'probe' && item.probeId === undefined),
      values: submitted?.values ?? {},
      shownValue: (item: ImportItem, field: Parameters<typeof shownValue>[1]) =>
        shownValue(item, field, trial.timezone),
      options: OPTIONS,
      crumbs: trialCrumbs(
        t,
        trial,
        { label: t('imports.title'), href: importsUrl(trial.id) },
        { label: t('imports.preview.title') },
      ),
    });
  };

  pages.get('/trials/:trialId/imports', async (req, res) => {
    await renderUpload(res, req.params.trialId);
  });

  pages.post('/trials/:trialId/imports', async (req, res) => {
    const { trialId } = req.params;
    const { input } = await readImportUpload(req);
    try {
      const session = await previewImport(deps, trialId, input);
      res.redirect(303, previewUrl(session.id));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation') throw error;
      const { t } = helpersOf(res);
      const badVendor = error.issues.some((issue) => issue.path === 'chatVendorId');
      await renderUpload(
        res,
        trialId,
        t(badVendor ? 'imports.upload.unknownVendor' : 'imports.upload.nothing'),
        400,
      );
    }
  });

  pages.get('/trials/:trialId/imports/template.csv', async (req, res) => {
    const lang = isLocale(req.query['lang']) ? req.query['lang'] : helpersOf(res).locale;
    const template = await sheetTemplate(deps, req.params.trialId, lang, 'csv');
    res.attachment(template.fileName).type(template.contentType).send(template.bytes);
  });

  pages.get('/trials/:trialId/imports/template.xlsx', async (req, res) => {
    const lang = isLocale(req.query['lang']) ? req.query['lang'] : helpersOf(res).locale;
    const template = await sheetTemplate(deps, req.params.trialId, lang, 'xlsx');
    res.attachment(template.fileName).type(template.contentType).send(template.bytes);
  });

  pages.get('/imports/:importId', async (req, res) => {
    const updated = req.query['updated'] === '1';
    renderPreview(res, await importPreviewPage(deps, req.params.importId), undefined, 200, updated);
  });

  /** "Update proposals": the choices so far kept in the preview, kinds proposed again for changed sides. */
  pages.post('/imports/:importId/update', async (req, res) => {
    const page = await importPreviewPage(deps, req.params.importId);
    const values = formFields(req.body);
    try {
      await updateImport(
        deps,
        page.session.id,
        choicesOf(page.session.items, req.body, values, page.trial.timezone),
      );
      res.redirect(303, `${previewUrl(page.session.id)}?updated=1`);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation') throw error;
      const { t } = helpersOf(res);
      const errors = errorsByKey(error, page.session.items, t);
      renderPreview(res, page, { body: req.body, values, errors }, 400);
    }
  });

  /** The column mapping step: the same upload read again with the columns the person chose. */
  pages.post('/imports/:importId/mapping', async (req, res) => {
    const values = formFields(req.body);
    const mapping: Record<string, (typeof SHEET_FIELDS)[number] | ''> = {};
    for (const [name, value] of Object.entries(values)) {
      if (!name.startsWith('column:')) continue;
      mapping[name.slice('column:'.length)] = SHEET_FIELDS.find((known) => known === value) ?? '';
    }
    const session = await remapImport(deps, req.params.importId, mapping);
    res.redirect(303, previewUrl(session.id));
  });

  pages.post('/imports/:importId/commit', async (req, res) => {
    const page = await importPreviewPage(deps, req.params.importId);
    const values = formFields(req.body);
    try {
      const result = await commitImport(
        deps,
        page.session.id,
        choicesOf(page.session.items, req.body, values, page.trial.timezone),
      );
      const probes = await Promise.all(result.probeIds.map((probeId) => getProbe(deps, probeId)));
      const { t } = helpersOf(res);
      res.render('import-result', {
        trial: page.trial,
        result,
        probes,
        vendors: page.vendors,
        crumbs: trialCrumbs(
          t,
          page.trial,
          { label: t('imports.title'), href: importsUrl(page.trial.id) },
          { label: t('imports.result.title') },
        ),
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation') throw error;
      const { t } = helpersOf(res);
      const errors = errorsByKey(error, page.session.items, t);
      renderPreview(res, page, { body: req.body, values, errors }, 400);
    }
  });

  return pages;
}
