#!/usr/bin/env node
// Runs the test tiers. Database tests run twice: against the PostgreSQL server at
// 127.0.0.1:5432 (PostgreSQL 15) and against the embedded PostgreSQL that Simpul ships.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tier = process.argv[2] ?? 'all';

function find(dir, pred, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) find(p, pred, out);
    else if (pred(p)) out.push(path.relative(root, p));
  }
  return out.sort();
}

const unitFiles = find(
  path.join(root, 'src'),
  (p) => p.endsWith('.test.ts') && !p.endsWith('.db.test.ts'),
);
const dbFiles = [
  ...find(path.join(root, 'src'), (p) => p.endsWith('.db.test.ts')),
  ...find(path.join(root, 'test'), (p) => p.endsWith('.db.test.ts')),
];
const e2eFiles = find(path.join(root, 'test', 'e2e'), (p) => p.endsWith('.e2e.test.ts'));

function run(label, files, env = {}, extra = []) {
  if (files.length === 0) return true;
  process.stdout.write(`\n=== ${label}: ${files.length} files ===\n`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'test', ...env },
    },
  );
  return r.status === 0;
}

async function withEmbedded(fn) {
  const { startTestEmbedded } = await import('./embedded-for-tests.mjs');
  const pg = await startTestEmbedded(path.join(root, '.tmp', 'test-embedded-pg'));
  try {
    return await fn(pg.url);
  } finally {
    await pg.stop();
  }
}

const serverUrl = process.env.SIMPUL_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
mkdirSync(path.join(root, '.tmp'), { recursive: true });
let ok = true;
if (tier === 'unit' || tier === 'all') ok = run('unit', unitFiles) && ok;
if (tier === 'db' || tier === 'all') {
  ok =
    run(
      'db on PostgreSQL server',
      dbFiles,
      { SIMPUL_TEST_PG_URL: serverUrl, SIMPUL_TEST_TARGET: 'server' },
      ['--test-concurrency=2'],
    ) && ok;
  ok =
    (await withEmbedded((url) =>
      run(
        'db on embedded PostgreSQL',
        dbFiles,
        { SIMPUL_TEST_PG_URL: url, SIMPUL_TEST_TARGET: 'embedded' },
        ['--test-concurrency=2'],
      ),
    )) && ok;
}
if (tier === 'e2e' || tier === 'all') {
  if (!existsSync(path.join(root, 'dist', 'web', 'index.html'))) {
    const b = spawnSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
    if (b.status !== 0) ok = false;
  }
  ok = run('e2e', e2eFiles, { SIMPUL_TEST_PG_URL: serverUrl }, ['--test-concurrency=1']) && ok;
}
process.exit(ok ? 0 : 1);
