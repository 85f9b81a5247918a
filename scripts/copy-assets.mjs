#!/usr/bin/env node
// After `tsc`, copies the data files that modules read at run time (reference code sets as CSV,
// regulation texts as Markdown) from src/ into dist/src/, so the built server finds them next to
// its compiled modules exactly as tsx finds them next to the sources.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ASSET = /\.(csv|md)$/;

function copy(dir) {
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const name of readdirSync(dir)) {
    const from = path.join(dir, name);
    if (statSync(from).isDirectory()) {
      n += copy(from);
    } else if (ASSET.test(name)) {
      const to = path.join(root, 'dist', path.relative(root, from));
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(from, to);
      n += 1;
    }
  }
  return n;
}

const count = copy(path.join(root, 'src'));
process.stdout.write(`copied ${count} data files into dist/src\n`);
