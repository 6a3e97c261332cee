/** Capture without retyping (SPEC §8 imports): preview what files and chat logs propose, then commit it. */
export { previewImport, kindOfFile, type ImportInput, type UploadedFile } from './preview.js';
export { commitImport, CommitSchema, type CommitChoices, type CommitResult } from './commit.js';
export { ColumnMappingSchema, SHEET_FIELDS, type SheetField } from './sheetColumns.js';
export type { ImportSession } from './sessions.js';
export { remapImport } from './preview.js';
export { updateImport } from './update.js';
export { isItemIssue, type ItemIssue } from './commitChecks.js';
export { importPreviewPage, type ImportPreviewPage } from './previewPage.js';
export { sheetTemplate, type SheetTemplate } from './templates.js';
