import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

test('docs/errors.md matches the error registry (regenerate with scripts/gen-errors-doc.ts)', () => {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'scripts/gen-errors-doc.ts', '--check'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /docs\/errors\.md is up to date \(\d+ codes\)/);
});

test('docs/openapi.json matches the routes (regenerate with scripts/gen-openapi.ts)', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-openapi.ts', '--check'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  assert.match(r.stdout, /docs\/openapi\.json is up to date \(\d+ paths\)/);
});
