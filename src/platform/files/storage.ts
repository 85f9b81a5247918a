import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../http/errors.js';

export interface StoredFile {
  /** Content address: the SHA-256 of the bytes, hex. */
  key: string;
  sha256: string;
  size: number;
  /** Detected from the content, never from the name or the client's header. */
  mime: string;
}

export interface PutOptions {
  maxBytes: number;
  /** Allowed MIME types (detected). Omit to allow any. `text/plain` covers undetectable text. */
  allowedTypes?: readonly string[];
}

/** Where Simpul keeps uploaded files: the filesystem, or (province size) S3-compatible storage. */
export interface Storage {
  put(content: Buffer | Readable, opts: PutOptions): Promise<StoredFile>;
  get(key: string): Promise<Readable>;
  has(key: string): Promise<boolean>;
  /** Every stored key, for backup. */
  list(): AsyncIterable<string>;
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9a-f]{64}$/;

export class FsStorage implements Storage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new AppError('files.not_found');
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(content: Buffer | Readable, opts: PutOptions): Promise<StoredFile> {
    await mkdir(path.join(this.root, 'tmp'), { recursive: true });
    const tmp = path.join(this.root, 'tmp', randomUUID());
    const hash = createHash('sha256');
    let size = 0;
    let head = Buffer.alloc(0);
    const meter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        size += chunk.length;
        if (size > opts.maxBytes) {
          cb(new AppError('files.too_large', { limit: opts.maxBytes }));
          return;
        }
        if (head.length < 4100) head = Buffer.concat([head, chunk.subarray(0, 4100 - head.length)]);
        hash.update(chunk);
        cb(null, chunk);
      },
    });
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
    try {
      await pipeline(source, meter, createWriteStream(tmp, { flags: 'wx', mode: 0o640 }));
      const mime = await detectType(head);
      if (opts.allowedTypes && !opts.allowedTypes.includes(mime)) {
        throw new AppError('files.type_not_allowed', { type: mime });
      }
      const sha256 = hash.digest('hex');
      const dest = this.pathOf(sha256);
      await mkdir(path.dirname(dest), { recursive: true });
      await rename(tmp, dest);
      return { key: sha256, sha256, size, mime };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  async get(key: string): Promise<Readable> {
    const p = this.pathOf(key);
    try {
      await stat(p);
    } catch {
      throw new AppError('files.not_found');
    }
    return createReadStream(p);
  }

  async has(key: string): Promise<boolean> {
    try {
      await stat(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  async *list(): AsyncIterable<string> {
    let dirs: string[];
    try {
      dirs = await readdir(this.root);
    } catch {
      return;
    }
    for (const d of dirs.sort()) {
      if (!/^[0-9a-f]{2}$/.test(d)) continue;
      for (const f of (await readdir(path.join(this.root, d))).sort()) if (KEY.test(f)) yield f;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** Type by magic bytes; text that no signature matches is text/plain when it is valid UTF-8. */
export async function detectType(head: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(head);
  if (detected) return detected.mime;
  if (head.length === 0) return 'application/x-empty';
  const text = head.toString('utf8');
  // A cut multi-byte character at the end of the sample is fine; a replacement char elsewhere is not.
  const body = text.endsWith('\uFFFD') ? text.replace(/\uFFFD+$/, '') : text;
  // Control characters other than tab, newline and carriage return mark binary content.
  // eslint-disable-next-line no-control-regex
  if (!body.includes('\uFFFD') && !/[\x00-\x08\x0e-\x1f]/.test(body)) return 'text/plain';
  return 'application/octet-stream';
}
