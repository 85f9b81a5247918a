import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { AppError } from '../http/errors.js';
import { detectType, FsStorage } from './storage.js';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ab4a0a7e0000000049454e44ae426082',
  'hex',
);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');

function fresh() {
  const root = mkdtempSync(path.join(tmpdir(), 'simpul-storage-'));
  return { root, storage: new FsStorage(root) };
}

test('stores by content address with SHA-256, size and the type detected from the bytes', async () => {
  const { storage } = fresh();
  const f = await storage.put(PNG, { maxBytes: 1024 });
  assert.equal(f.sha256, createHash('sha256').update(PNG).digest('hex'));
  assert.equal(f.key, f.sha256);
  assert.equal(f.size, PNG.length);
  assert.equal(f.mime, 'image/png');
  assert.equal(await storage.has(f.key), true);
  const again = await storage.put(Readable.from([PNG.subarray(0, 10), PNG.subarray(10)]), {
    maxBytes: 1024,
  });
  assert.equal(again.key, f.key);
  const keys: string[] = [];
  for await (const k of storage.list()) keys.push(k);
  assert.deepEqual(keys, [f.key]);
});

test('a file over the cap is refused and leaves nothing behind', async () => {
  const { root, storage } = fresh();
  await assert.rejects(
    storage.put(Buffer.alloc(2048, 1), { maxBytes: 1024 }),
    (e: unknown) => e instanceof AppError && e.code === 'files.too_large',
  );
  assert.deepEqual(readdirSync(path.join(root, 'tmp')), []);
  assert.equal(readdirSync(root).filter((d) => d !== 'tmp').length, 0);
});

test('the type comes from the content, not the name: a PDF posing as an image is refused', async () => {
  const { storage } = fresh();
  await assert.rejects(
    storage.put(PDF, { maxBytes: 1024, allowedTypes: ['image/png', 'image/jpeg'] }),
    (e: unknown) =>
      e instanceof AppError &&
      e.code === 'files.type_not_allowed' &&
      e.params.type === 'application/pdf',
  );
  const ok = await storage.put(PDF, { maxBytes: 1024, allowedTypes: ['application/pdf'] });
  assert.equal(ok.mime, 'application/pdf');
  assert.equal(await text(await storage.get(ok.key)), PDF.toString());
});

test('text, binary noise and bad keys', async () => {
  assert.equal(await detectType(Buffer.from('nip,nama\n198503152010011002,Budi\n')), 'text/plain');
  assert.equal(await detectType(Buffer.from([0, 1, 2, 3, 250, 251])), 'application/octet-stream');
  const { storage } = fresh();
  await assert.rejects(
    storage.get('../../etc/passwd'),
    (e: unknown) => e instanceof AppError && e.code === 'files.not_found',
  );
  await assert.rejects(
    storage.get('a'.repeat(64)),
    (e: unknown) => e instanceof AppError && e.code === 'files.not_found',
  );
});
