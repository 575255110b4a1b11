#!/usr/bin/env node
// Builds the web UI when dist/web is missing or older than any file under src/web, so that
// `npm start` works on a fresh clone and restarts stay fast.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

const index = 'dist/web/index.html';
const stale =
  !existsSync(index) ||
  newest('src/web') > statSync(index).mtimeMs ||
  statSync('vite.config.ts').mtimeMs > statSync(index).mtimeMs;
if (stale) {
  console.log('Building the web UI…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
