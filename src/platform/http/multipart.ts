import { AppError } from './errors.js';

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MultipartBody {
  /** Text parts by name (the last of a repeated name wins). */
  fields: Record<string, string>;
  /** File parts by name (the last of a repeated name wins). */
  files: Record<string, UploadedFile>;
}

/**
 * Reads a multipart/form-data body already held in memory (its size bounded by the route's body
 * limit), with the WHATWG parser built into Node. A body that is not well-formed multipart is
 * refused with `platform.malformed_body`.
 */
export async function readMultipart(body: Buffer, contentType: string): Promise<MultipartBody> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new AppError('platform.malformed_body');
  }
  // Part names come from the client: maps without a prototype keep `__proto__` a plain key.
  const out: MultipartBody = { fields: Object.create(null), files: Object.create(null) };
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      out.fields[name] = value;
    } else {
      out.files[name] = {
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        data: Buffer.from(await value.arrayBuffer()),
      };
    }
  }
  return out;
}

/** The part of a Fastify instance that registers body parsers. */
interface ParserScope {
  hasContentTypeParser(type: string): boolean;
  removeContentTypeParser(type: string): void;
  addContentTypeParser(
    type: string,
    opts: { parseAs: 'buffer'; bodyLimit: number },
    parser: (req: unknown, body: Buffer, done: (err: null, body: Buffer) => void) => void,
  ): void;
}

/**
 * Makes a route scope (an `app.register` child) hand the listed content types to its routes as
 * one raw Buffer of at most `bodyLimit` bytes: uploaded files, multipart forms, documents kept
 * byte for byte. Parsers of the parent (JSON, for example) are replaced only inside the scope.
 */
export function acceptRawBodies(
  scope: ParserScope,
  types: readonly string[],
  bodyLimit: number,
): void {
  for (const type of types) {
    if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
    scope.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit }, (_req, body, done) =>
      done(null, body),
    );
  }
}
