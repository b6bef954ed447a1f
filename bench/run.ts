import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../server/src/test/spawn';

/**
 * `npm run bench`: starts the server (PostgreSQL when DATABASE_URL is set, PGlite otherwise) and
 * measures each scenario beside the bare baseline route in the same run, so the figures compare
 * like with like on whatever machine runs them. Writes bench/RESULTS.md (one section per driver).
 */
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const driver = process.env.DATABASE_URL ? 'pg' : 'pglite';

interface Scenario {
  name: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** The next request body, called for every request (e.g. a different account each time). */
  nextBody?: () => string;
  /** Minimal share of the baseline's requests/s this scenario must reach. */
  target?: number;
}

interface Result {
  name: string;
  rps: number;
  /** CPU milliseconds per request: the server's event loop, its other threads, PostgreSQL's processes. */
  cpu: Cpu;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  ratio: number;
  baseline: string;
  target?: number;
}

async function measure(
  url: string,
  s: Scenario,
  seconds = duration,
): Promise<Omit<Result, 'ratio' | 'target' | 'baseline' | 'cpu'>> {
  const r = await autocannon({
    url: url + s.path,
    method: s.method ?? 'GET',
    headers: s.headers,
    body: s.body,
    requests: s.nextBody
      ? [
          {
            method: s.method ?? 'POST',
            headers: s.headers,
            setupRequest: <R extends object>(req: R) => ({ ...req, body: s.nextBody!() }),
          },
        ]
      : undefined,
    connections,
    duration: seconds,
    pipelining: 1,
  });
  return {
    name: s.name,
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** The bodies in turn, whichever connection asks (the warm-up and the run go on from each other). */
function cycle(bodies: string[]) {
  let i = 0;
  return () => bodies[i++ % bodies.length]!;
}

async function accounts(url: string, count: number, factor: 'app' | 'sms'): Promise<string[]> {
  const res = await fetch(`${url}/bench/accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count, factor }),
  });
  if (!res.ok) throw new Error(`bench accounts: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { logins: string[] }).logins;
}

async function csrfFor(url: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${url}/api/csrf`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, token: ((await res.json()) as { token: string }).token };
}

async function sessionCookie(url: string): Promise<string> {
  const res = await fetch(`${url}/bench/session`, { method: 'POST' });
  if (!res.ok) throw new Error(`bench session: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

interface Cpu {
  loop: number;
  threads: number;
  postgres: number;
}

const benchDatabase = process.env.DATABASE_URL
  ? decodeURIComponent(new URL(process.env.DATABASE_URL).pathname.slice(1))
  : null;
const TICKS = 100; // USER_HZ: /proc counts CPU time in hundredths of a second

/** CPU seconds so far: the server's main thread (the event loop), its other threads, its PostgreSQL backends. */
function cpuNow(pid: number): Cpu {
  const seconds = (stat: string) => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS; // utime + stime
  };
  let loop = 0;
  let threads = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const t = seconds(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
    if (tid === String(pid)) loop += t;
    else threads += t;
  }
  let postgres = 0;
  if (benchDatabase) {
    // The backends of the benchmark's database («postgres: [cluster: ]user database host …»), not the server's other users.
    for (const p of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
      try {
        const title = readFileSync(`/proc/${p}/cmdline`, 'utf8');
        if (/^postgres: (?:\S+: )?\S+ (\S+) /.exec(title)?.[1] === benchDatabase)
          postgres += seconds(readFileSync(`/proc/${p}/stat`, 'utf8'));
      } catch {
        // the process ended while it was read
      }
    }
  }
  return { loop, threads, postgres };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const server = await startServer({
  BENCH_ROUTES: 'true',
  RATE_LIMIT_MAX: '100000000',
  AUTH_RATE_LIMIT_MAX: '100000000',
  LOG_LEVEL: 'warn',
  ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
});
const results: Result[] = [];
let rssAfter = 0;
try {
  const cookie = await sessionCookie(server.url);
  const csrf = await csrfFor(server.url);
  // Accounts whose second factor is an authenticator app (the password step sends nothing), and
  // accounts with only their phone — as many as the run can log in, so that each step sends a
  // fresh SMS code instead of reusing one sent moments ago.
  const appLogins = await accounts(server.url, 500, 'app');
  const smsLogins = await accounts(server.url, Math.max(3000, duration * 300), 'sms');
  const loginBodies = (logins: string[]) =>
    logins.map((login) => JSON.stringify({ login, password: 'kabinet-demo-2026' }));
  const loginHeaders = {
    'content-type': 'application/json',
    cookie: csrf.cookie,
    'x-csrf-token': csrf.token,
  };
  // Each group: its bare baseline first, then the scenarios measured against it in the same run.
  const groups: Scenario[][] = [
    [
      { name: 'baseline: GET /bench/baseline', path: '/bench/baseline' },
      { name: 'GET /healthz', path: '/healthz' },
      { name: 'GET / (home page HTML)', path: '/', headers: { accept: 'text/html' } },
      { name: 'GET /api/me (authenticated JSON)', path: '/api/me', headers: { cookie } },
    ],
    [
      { name: 'baseline: raw argon2id verification', path: '/bench/argon2' },
      {
        name: 'POST /api/auth/login (password step; the second factor an app)',
        path: '/api/auth/login',
        method: 'POST',
        headers: loginHeaders,
        nextBody: cycle(loginBodies(appLogins)),
        target: 0.8,
      },
      {
        name: 'POST /api/auth/login (password step sending an SMS code)',
        path: '/api/auth/login',
        method: 'POST',
        headers: loginHeaders,
        nextBody: cycle(loginBodies(smsLogins)),
      },
    ],
  ];
  // BENCH_ONLY=login measures only the groups with a scenario whose name contains it.
  const only = process.env.BENCH_ONLY?.toLowerCase();
  for (const group of groups.filter((g) => !only || g.some((s) => s.name.toLowerCase().includes(only)))) {
    // Warm every route of the group (JIT, prepared statements, pools) so that order does not decide.
    for (const s of group) await measure(server.url, { ...s }, 2);
    let baseline = 0;
    const baselineName = group[0]!.name;
    for (const s of group) {
      const before = cpuNow(server.pid);
      const m = await measure(server.url, s);
      const after = cpuNow(server.pid);
      // /proc counts in hundredths of a second: a scenario that uses next to none can read as a hair below zero.
      const per = (k: keyof Cpu) =>
        Math.max(0, ((after[k] - before[k]) * 1000) / Math.max(1, m.rps * duration));
      const cpu = { loop: per('loop'), threads: per('threads'), postgres: per('postgres') };
      if (!baseline) baseline = m.rps;
      results.push({ ...m, cpu, ratio: m.rps / baseline, target: s.target, baseline: baselineName });
      console.log(
        `${m.name.padEnd(40)} ${m.rps.toFixed(0).padStart(7)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  ×${(m.rps / baseline).toFixed(2)}${m.errors || m.non2xx ? `  errors ${m.errors}, non-2xx ${m.non2xx}` : ''}`,
      );
    }
  }
  rssAfter = rssMb(server.pid);
} finally {
  await server.stop();
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const commit = existsSync(path.join(import.meta.dirname, '..', '.git'))
  ? execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim()
  : '';
const ms = (x: number) => x.toFixed(2);
const cpuCell = (c: Cpu) =>
  `${ms(c.loop)} · ${ms(c.threads)}${driver === 'pg' ? ` · ${ms(c.postgres)}` : ''} = ${ms(c.loop + c.threads + c.postgres)}`;
const rows = results.map(
  (r) =>
    `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.ratio.toFixed(2)} | ${r.target ? `≥ ${r.target}` : '—'} | ${r.target ? (r.ratio >= r.target ? 'да' : '**нет**') : ''} | ${r.errors + r.non2xx} | ${cpuCell(r.cpu)} |`,
);
const section = [
  `<!-- ${driver}:start -->`,
  `### ${driver === 'pg' ? 'PostgreSQL server (DATABASE_URL)' : 'Embedded PGlite'}`,
  '',
  `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · commit ${commit} · Node ${process.version} · ${os.cpus().length} × ${cpu} · ${connections} connections × ${duration} s each · server RSS after the run: ${rssAfter} MB`,
  '',
  `| scenario | req/s | p50 ms | p99 ms | × its baseline | target | met | errors | CPU ms per request: event loop · other threads${driver === 'pg' ? ' · PostgreSQL' : ''} |`,
  '|---|---:|---:|---:|---:|---:|:-:|---:|---:|',
  ...rows,
  `<!-- ${driver}:end -->`,
].join('\n');

const file = path.join(import.meta.dirname, 'RESULTS.md');
let doc = existsSync(file)
  ? readFileSync(file, 'utf8')
  : "# Benchmark results\n\nWritten by `npm run bench` (PGlite) and `DATABASE_URL=… npm run bench` (PostgreSQL server). Each scenario runs beside the bare baseline route in the same run; «× baseline» is its requests/s divided by the baseline's.\n\n";
const marker = new RegExp(`<!-- ${driver}:start -->[\\s\\S]*<!-- ${driver}:end -->`);
doc = marker.test(doc) ? doc.replace(marker, section) : `${doc.trimEnd()}\n\n${section}\n`;
writeFileSync(file, doc);
console.log(`\nЗаписано: ${file}`);
const missed = results.filter((r) => r.target && r.ratio < r.target);
if (missed.length) console.log(`Цели не достигнуты: ${missed.map((r) => r.name).join(', ')}`);
