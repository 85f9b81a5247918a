#!/usr/bin/env node
// The `simpul` command: runs the compiled CLI, (re)building it first when it is missing or older
// than the sources.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-if-needed.mjs')], {
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (built.status !== 0) process.exit(built.status ?? 1);
await import(cli);
