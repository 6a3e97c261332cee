/**
 * An import upload read with busboy (SPEC §8, §9): `file` parts, a `chat` text part, the
 * chat's `chatVendorId` and an optional `mapping` (JSON). Bounded as it streams in: each
 * file ≤ 25 MB, all files ≤ 50 MB, ≤ 20 files — beyond that 413; anything but
 * multipart/form-data 415.
 */
import busboy from 'busboy';
import type { Request } from 'express';
import { AppError, invalid } from '../../app/errors.js';
import { ColumnMappingSchema, type ImportInput, type UploadedFile } from '../../app/imports/index.js';

export const IMPORT_UPLOAD_LIMITS = {
  fileBytes: 25 * 1024 * 1024,
  totalBytes: 50 * 1024 * 1024,
  files: 20,
  /** A pasted chat of a few weeks fits easily; this bounds a field kept in memory. */
  fieldBytes: 5 * 1024 * 1024,
} as const;

const tooLarge = (message: string) => new AppError(413, 'payload_too_large', message);

/** The form fields besides the files, as the browser or client sent them. */
export type UploadFields = Record<string, string>;

export interface ImportUpload {
  input: ImportInput;
  fields: UploadFields;
}

function mappingOf(text: string | undefined): ImportInput['mapping'] {
  if (text === undefined || text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid([
      { path: 'mapping', message: 'must be JSON: {"column header": "field"}', reason: 'invalid' },
    ]);
  }
  const parsed = ColumnMappingSchema.safeParse(value);
  if (!parsed.success)
    throw invalid([{ path: 'mapping', message: 'maps column headers to sheet fields', reason: 'invalid' }]);
  return parsed.data;
}

/** Reads the whole upload or refuses it; on refusal the rest of the body is drained, not parsed. */
export function readImportUpload(req: Request): Promise<ImportUpload> {
  if (!req.is('multipart/form-data'))
    return Promise.reject(
      new AppError(415, 'unsupported_media_type', 'Send the files as multipart/form-data'),
    );
  const limits = IMPORT_UPLOAD_LIMITS;
  const declared = Number(req.get('content-length'));
  if (Number.isFinite(declared) && declared > limits.totalBytes + limits.fieldBytes * 2) {
    req.resume();
    return Promise.reject(tooLarge(`An import takes at most ${limits.totalBytes / 1024 / 1024} MB of files`));
  }
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: {
          fileSize: limits.fileBytes,
          files: limits.files,
          fieldSize: limits.fieldBytes,
          fields: 20,
          parts: 40,
        },
        defParamCharset: 'utf8',
      });
    } catch {
      reject(new AppError(400, 'bad_request', 'Malformed multipart/form-data'));
      return;
    }
    const files: UploadedFile[] = [];
    const fields: UploadFields = {};
    let total = 0;
    let failed = false;
    const fail = (error: AppError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('file', (name, stream, info) => {
      if (name !== 'file') {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.totalBytes)
          fail(tooLarge(`An import takes at most ${limits.totalBytes / 1024 / 1024} MB of files`));
        else chunks.push(chunk);
      });
      stream.on('limit', () => {
        fail(tooLarge(`${info.filename}: a file may be at most ${limits.fileBytes / 1024 / 1024} MB`));
      });
      // A body cut short ends the part with an error; unheard, it would end the process.
      stream.on('error', () => {
        fail(new AppError(400, 'bad_request', 'Malformed multipart/form-data'));
      });
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        // A file input left empty still sends a part with no name (busboy: none at all) and no bytes.
        if (!info.filename && bytes.length === 0) return;
        files.push({ name: info.filename || 'upload', bytes: new Uint8Array(bytes) });
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(tooLarge(`${name}: at most ${limits.fieldBytes / 1024 / 1024} MB`));
      else fields[name] = value;
    });
    parser.on('filesLimit', () => {
      fail(tooLarge(`An import takes at most ${limits.files} files at once`));
    });
    parser.on('partsLimit', () => {
      fail(tooLarge('Too many parts in one upload'));
    });
    parser.on('error', () => {
      fail(new AppError(400, 'bad_request', 'Malformed multipart/form-data'));
    });
    parser.on('close', () => {
      if (failed) return;
      try {
        const text = (value: string | undefined) =>
          value === undefined || value.trim() === '' ? undefined : value;
        resolve({
          input: {
            files,
            chat: text(fields['chat']),
            chatVendorId: text(fields['chatVendorId']),
            mapping: mappingOf(fields['mapping']),
          },
          fields,
        });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.pipe(parser);
  });
}
