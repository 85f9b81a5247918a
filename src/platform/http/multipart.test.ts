import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readMultipart } from './multipart.js';
import { AppError } from './errors.js';

const boundary = 'b0undary';
const type = `multipart/form-data; boundary=${boundary}`;

function body(parts: string[]): Buffer {
  return Buffer.from(
    parts.map((p) => `--${boundary}\r\n${p}\r\n`).join('') + `--${boundary}--\r\n`,
  );
}

describe('multipart bodies', () => {
  test('text fields and files are read with their names, file names and types', async () => {
    const form = await readMultipart(
      body([
        'Content-Disposition: form-data; name="version"\r\n\r\n2025',
        'Content-Disposition: form-data; name="file"; filename="kode.csv"\r\nContent-Type: text/csv\r\n\r\nprefix,code\nRAL,RAL.01',
      ]),
      type,
    );
    assert.equal(form.fields.version, '2025');
    assert.equal(form.files.file?.filename, 'kode.csv');
    assert.equal(form.files.file?.contentType, 'text/csv');
    assert.equal(form.files.file?.data.toString(), 'prefix,code\nRAL,RAL.01');
  });

  test('a part named __proto__ is a plain part, not the prototype of the form', async () => {
    const form = await readMultipart(
      body([
        'Content-Disposition: form-data; name="__proto__"; filename="x.csv"\r\n\r\nfile: 1',
        'Content-Disposition: form-data; name="__proto__"\r\n\r\nfield',
      ]),
      type,
    );
    assert.equal(Object.keys(form.files).length, 1);
    assert.equal(form.files['__proto__']!.filename, 'x.csv');
    assert.equal(form.files.file, undefined);
    assert.equal(form.fields['__proto__'], 'field');
  });

  test('a body that is not multipart is refused as malformed', async () => {
    await assert.rejects(
      readMultipart(Buffer.from('not a form'), type),
      (err: unknown) => err instanceof AppError && err.code === 'platform.malformed_body',
    );
    await assert.rejects(
      readMultipart(body(['x']), 'multipart/form-data'),
      (err: unknown) => err instanceof AppError && err.code === 'platform.malformed_body',
    );
  });
});
