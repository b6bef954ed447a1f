#!/usr/bin/env node
// `npm start`: install what is missing, build the web app if it is stale, then run the server
// (migrations and demo data happen inside it before it listens). Node built-ins only: this runs
// before node_modules exists.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, what) {
  console.log(`→ ${what}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`Не удалось: ${what} (код ${r.status}).`);
    process.exit(r.status ?? 1);
  }
}

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

export function ensureInstalled() {
  const marker = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (!existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs) {
    run(npm, ['ci', '--no-audit', '--no-fund'], 'установка зависимостей (npm ci)');
  }
}

export function ensureWebBuilt() {
  const index = path.join(root, 'web', 'dist', 'index.html');
  const sources = Math.max(
    newest(path.join(root, 'web', 'src')),
    newest(path.join(root, 'web', 'public')),
    newest(path.join(root, 'shared', 'src')),
    statSync(path.join(root, 'web', 'index.html')).mtimeMs,
  );
  if (!existsSync(index) || statSync(index).mtimeMs < sources) {
    run(npm, ['run', 'build', '-w', 'web'], 'сборка веб-приложения');
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureInstalled();
  ensureWebBuilt();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
