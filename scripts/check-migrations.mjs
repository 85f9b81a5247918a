#!/usr/bin/env node
// Fails when the committed migrations do not match the Drizzle schemas: drizzle-kit generates
// into a scratch copy of migrations/, and any new migration there means the schemas drifted.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = path.join(root, '.tmp', 'migrations-check');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
cpSync(path.join(root, 'migrations'), scratch, { recursive: true });
const config = path.join(root, '.tmp', 'drizzle.check.config.ts');
writeFileSync(
  config,
  `import base from '../drizzle.config.ts';\nexport default { ...base, out: ${JSON.stringify(scratch)} };\n`,
);
const before = readdirSync(scratch).filter((f) => f.endsWith('.sql'));
const r = spawnSync('npx', ['drizzle-kit', 'generate', '--config', config, '--name', 'drift'], {
  cwd: root,
  encoding: 'utf8',
});
if (r.status !== 0) {
  process.stderr.write(r.stdout + r.stderr);
  process.exit(1);
}
const after = readdirSync(scratch).filter((f) => f.endsWith('.sql'));
const added = after.filter((f) => !before.includes(f));
if (added.length > 0) {
  process.stderr.write(
    `migrations are out of date with the schemas; run \`npm run db:generate\`.\nDrift:\n`,
  );
  for (const f of added)
    process.stderr.write(spawnSync('cat', [path.join(scratch, f)], { encoding: 'utf8' }).stdout);
  process.exit(1);
}
process.stdout.write(`migrations match the schemas (${before.length} migrations)\n`);
