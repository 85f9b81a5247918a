import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

test('logs are JSON lines with secrets redacted', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  const log = createLogger({ logLevel: 'info' }, sink);
  log.info(
    {
      category: 'test',
      req: { headers: { authorization: 'Bearer spl_secret', cookie: 'simpul_sid=abc', host: 'x' } },
      body: { password: 'kopi tubruk', newPassword: 'teh poci', token: 'spl_x', nip: '1' },
    },
    'hello',
  );
  const entry = JSON.parse(lines[0]!);
  assert.equal(entry.msg, 'hello');
  assert.equal(entry.req.headers.authorization, '[redacted]');
  assert.equal(entry.req.headers.cookie, '[redacted]');
  assert.equal(entry.req.headers.host, 'x');
  assert.equal(entry.body.password, '[redacted]');
  assert.equal(entry.body.newPassword, '[redacted]');
  assert.equal(entry.body.token, '[redacted]');
  assert.ok(!lines[0]!.includes('kopi tubruk') && !lines[0]!.includes('spl_secret'));
});
