/**
 * Uploads the raw import file with XMLHttpRequest (fetch reports no upload progress): the same
 * CSRF header, language and error shape as the console's http client.
 */
import i18n from 'i18next';
import { toLanguage } from '../../../i18n';
import { ApiError, CSRF_COOKIE, CSRF_HEADER, apiUrl, http, readCookie } from '../../http';
import type { ImportMode, ImportReport } from './types';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface UploadCallbacks {
  /** Bytes sent so far, out of total. */
  onProgress: (sent: number, total: number) => void;
  /** Every byte is sent; the server is checking the rows now. */
  onUploaded: () => void;
}

export interface ImportOutcome {
  /** Whether anything was written (false for a dry run or a refused all-or-nothing file). */
  report: ImportReport;
  refused: boolean;
}

async function csrf(): Promise<string> {
  const cookie = readCookie(CSRF_COOKIE);
  if (cookie) return cookie;
  const body = await http.get<{ token?: string }>('/api/auth/csrf').catch(() => null);
  return readCookie(CSRF_COOKIE) ?? body?.token ?? '';
}

function contentType(file: File): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_MIME;
  if (/\.csv$/i.test(file.name)) return 'text/csv';
  return file.type || 'application/octet-stream';
}

/**
 * Sends the file to POST /api/org/employees/import. A 422 org.import_invalid (all-or-nothing
 * with bad rows) still carries the report: it resolves with `refused: true`.
 */
export async function uploadImport(
  file: File,
  opts: { mode: ImportMode; dryRun: boolean },
  cb: UploadCallbacks,
  signal?: AbortSignal,
): Promise<ImportOutcome> {
  const token = await csrf();
  const url = apiUrl('/api/org/employees/import', {
    mode: opts.mode,
    dryRun: opts.dryRun,
    filename: file.name.slice(0, 200),
  });
  return new Promise<ImportOutcome>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', contentType(file));
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', toLanguage(i18n.resolvedLanguage));
    xhr.setRequestHeader(CSRF_HEADER, token);
    xhr.upload.onprogress = (e) =>
      cb.onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.upload.onload = () => cb.onUploaded();
    xhr.onerror = () => reject(new TypeError('network error'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 200) return resolve({ report: body as ImportReport, refused: false });
      const error =
        typeof body === 'object' && body && 'error' in body
          ? (
              body as {
                error: { code?: string; message?: string; details?: unknown; requestId?: string };
              }
            ).error
          : null;
      if (xhr.status === 422 && error?.code === 'org.import_invalid' && error.details) {
        return resolve({ report: error.details as ImportReport, refused: true });
      }
      reject(
        new ApiError(`POST import failed with HTTP ${xhr.status}`, {
          status: xhr.status,
          code: error?.code ?? null,
          details: error?.details,
          serverMessage: error?.message ?? null,
          requestId: error?.requestId ?? null,
        }),
      );
    };
    xhr.send(file);
  });
}
