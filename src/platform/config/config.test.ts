import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';

test('defaults give a working development setup on the embedded database', () => {
  const c = loadConfig({});
  assert.equal(c.env, 'development');
  assert.equal(c.port, 3000);
  assert.equal(c.databaseUrl, null);
  assert.equal(c.cookieSecure, false);
  assert.ok(c.dataDir.endsWith('data'));
});

test('every problem is listed at once', () => {
  try {
    loadConfig({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      LOG_LEVEL: 'loud',
      COOKIE_SECURE: 'maybe',
    });
    assert.fail('should throw');
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    assert.equal(err.problems.length, 4);
    assert.match(err.message, /PORT/);
    assert.match(err.message, /DATABASE_URL/);
    assert.match(err.message, /LOG_LEVEL/);
    assert.match(err.message, /COOKIE_SECURE/);
  }
});

test('production refuses insecure settings', () => {
  assert.throws(
    () =>
      loadConfig({
        NODE_ENV: 'production',
        PUBLIC_URL: 'http://simpul.example',
        COOKIE_SECURE: 'false',
      }),
    (err: unknown) =>
      err instanceof ConfigError &&
      err.problems.some((p) => p.startsWith('SESSION_SECRET')) &&
      err.problems.some((p) => p.startsWith('PUBLIC_URL')) &&
      err.problems.some((p) => p.startsWith('COOKIE_SECURE')),
  );
  const ok = loadConfig({
    NODE_ENV: 'production',
    PUBLIC_URL: 'https://simpul.batangkab.go.id',
    SESSION_SECRET: 'x'.repeat(40),
  });
  assert.equal(ok.cookieSecure, true);
});

test('a config file is read and the environment wins over it', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'simpul-cfg-'));
  const file = path.join(dir, 'simpul.json');
  writeFileSync(file, JSON.stringify({ PORT: 4000, LOG_LEVEL: 'warn' }));
  const c = loadConfig({ SIMPUL_CONFIG_FILE: file, LOG_LEVEL: 'error' });
  assert.equal(c.port, 4000);
  assert.equal(c.logLevel, 'error');
  assert.throws(
    () => loadConfig({ SIMPUL_CONFIG_FILE: path.join(dir, 'missing.json') }),
    ConfigError,
  );
});
