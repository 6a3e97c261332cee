import busboy from 'busboy';
import type { Request } from 'express';
import type { UploadedFile } from '../../app/attachments.js';
import { AppError, invalid } from '../../app/errors.js';
import { CSRF_FIELD } from '../auth/csrf.js';

export interface UploadLimits {
  /** Bytes a single file may have; one more answers 413. */
  fileBytes: number;
  /** Files in one request; one more answers 413. */
  files: number;
}

/** Besides `file` parts a form sends its token, and nothing else is expected. */
const MAX_FIELDS = 2;
const MAX_FIELD_BYTES = 1024;

const tooLarge = (what: string) => new AppError(413, 'payload_too_large', what);
const badUpload = (message: string) => invalid([{ path: 'file', message, reason: 'invalid' }]);

/**
 * The `file` parts of a multipart/form-data request, each held in memory up to the limit
 * (busboy stops counting a part at `fileBytes + 1`, so nothing larger is ever buffered). A
 * request that is not multipart answers 415; a malformed one, one without a file, or one with
 * fields other than the form token, 400; a file over the limit or too many files, 413.
 * When it fails, the rest of the body is read and dropped, so the answer reaches the client.
 */
export function readFileParts(req: Request, limits: UploadLimits): Promise<UploadedFile[]> {
  if (!req.is('multipart/form-data')) {
    return Promise.reject(
      new AppError(
        415,
        'unsupported_media_type',
        'Send the files as multipart/form-data, in parts named "file"',
      ),
    );
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: {
        fileSize: limits.fileBytes,
        files: limits.files,
        fields: MAX_FIELDS,
        fieldSize: MAX_FIELD_BYTES,
        parts: limits.files + MAX_FIELDS,
      },
    });
  } catch (error) {
    return Promise.reject(badUpload(`malformed multipart request: ${(error as Error).message}`));
  }
  return new Promise((resolve, reject) => {
    const files: UploadedFile[] = [];
    let failed = false;
    const fail = (error: AppError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(error);
    };
    parser.on('file', (field, stream, info) => {
      if (field !== 'file') {
        stream.resume();
        fail(badUpload(`unexpected part "${field}": send files in parts named "file"`));
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!failed) chunks.push(chunk);
      });
      stream.on('limit', () => {
        fail(tooLarge(`A file may be at most ${String(limits.fileBytes)} bytes`));
      });
      // A body cut short ends the part with an error; unheard, it would end the process.
      stream.on('error', (error: Error) => {
        fail(badUpload(`malformed multipart request: ${error.message}`));
      });
      stream.on('end', () => {
        if (!failed) files.push({ name: info.filename ?? 'file', bytes: Buffer.concat(chunks) });
      });
    });
    parser.on('field', (field) => {
      if (field !== CSRF_FIELD) fail(badUpload(`unexpected field "${field}"`));
    });
    parser.on('filesLimit', () => {
      fail(tooLarge(`At most ${String(limits.files)} files may be sent at once`));
    });
    parser.on('fieldsLimit', () => {
      fail(badUpload('too many fields'));
    });
    parser.on('partsLimit', () => {
      fail(tooLarge('too many parts'));
    });
    parser.on('error', (error: Error) => {
      fail(badUpload(`malformed multipart request: ${error.message}`));
    });
    parser.on('close', () => {
      if (failed) return;
      if (files.length === 0) fail(badUpload('no file was sent: add one or more parts named "file"'));
      else resolve(files);
    });
    req.pipe(parser);
  });
}
