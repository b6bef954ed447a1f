#!/usr/bin/env node
// `npm test`: typecheck, lint, then every Vitest project — unit, integration on PGlite and on the
// PostgreSQL server, and browser journeys in Debian's Chromium — and a closing summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { ensureInstalled, ensureWebBuilt } from './start.mjs';

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const testDbUrl = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const isRoot = process.getuid?.() === 0;

function step(what, cmd, args, env = {}) {
  console.log(`\n→ ${what}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port), timeout: 2000 }, () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
    s.on('timeout', () => (s.destroy(), resolve(false)));
  });
}

ensureInstalled();
ensureWebBuilt();

if (!existsSync(chromium)) {
  if (isRoot) {
    step('установка Chromium (apt-get)', 'sh', [
      '-c',
      'apt-get update -qq && apt-get install -y -qq chromium',
    ]);
  }
  if (!existsSync(chromium)) {
    console.error(
      `Chromium не найден (${chromium}). Установите его: sudo apt-get install -y chromium, или укажите CHROMIUM_PATH.`,
    );
    process.exit(1);
  }
}

const projects = ['unit', 'int-pglite', 'e2e'];
if (process.env.KABINET_SKIP_PG === '1') {
  console.warn('KABINET_SKIP_PG=1: интеграционные тесты на сервере PostgreSQL пропущены.');
} else {
  if (!(await reachable(testDbUrl.hostname, testDbUrl.port || 5432))) {
    console.error(
      `PostgreSQL недоступен по ${testDbUrl.host}. Запустите его (pg_ctlcluster <версия> main start), ` +
        'задайте TEST_DATABASE_URL или пропустите эти тесты: KABINET_SKIP_PG=1 npm test.',
    );
    process.exit(1);
  }
  projects.splice(2, 0, 'int-pg');
}

let failed = 0;
failed += step('проверка типов', process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'shared'])
  ? 1
  : 0;
for (const w of ['server', 'web', 'e2e', 'bench']) {
  failed += step(`проверка типов: ${w}`, process.execPath, ['node_modules/typescript/bin/tsc', '-p', w])
    ? 1
    : 0;
}
failed += step('линтер', process.execPath, ['node_modules/eslint/bin/eslint.js', '.']) ? 1 : 0;
failed += step('форматирование', process.execPath, [
  'node_modules/prettier/bin/prettier.cjs',
  '--check',
  '.',
  '--log-level',
  'warn',
])
  ? 1
  : 0;

mkdirSync(path.join(root, 'test-results'), { recursive: true });
const report = path.join(root, 'test-results', 'vitest.json');
const vitestStatus = step('тесты: ' + projects.join(', '), process.execPath, [
  'node_modules/vitest/vitest.mjs',
  'run',
  ...projects.flatMap((p) => ['--project', p]),
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);

let passed = 0;
let failedTests = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failedTests = r.numFailedTests;
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
}
if (vitestStatus !== 0 && failedTests === 0) failedTests = 1;
console.log(
  `\n${failed ? `Проверки типов и линтера с ошибками: ${failed}\n` : ''}Tests: ${passed} passed, ${failedTests} failed, ${skipped} skipped`,
);
process.exit(failed || vitestStatus ? 1 : 0);
