import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { TEST_SESSION_SECRET } from '../support/secret.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [...CLI, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      JOBS_ENABLED: 'false',
      ...env,
    },
    timeout: 120_000,
  });
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/health/ready`);
      if (r.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await sleep(100);
  }
  throw new Error('server did not become ready');
}

describe('the simpul command on the embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'simpul-data-'));
  const port = String(39_000 + Math.floor(Math.random() * 1000));
  const env = {
    SIMPUL_DATA_DIR: dataDir,
    PORT: port,
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(Number(port) + 1000),
    JOBS_ENABLED: 'true',
    // A fresh install creates its tenant and first ICT admin from configuration.
    SIMPUL_TENANT_CODE: '33.25',
    SIMPUL_TENANT_NAME: 'Pemerintah Kabupaten Batang',
    SIMPUL_TENANT_DOMAIN: 'batangkab.go.id',
  };
  let server: ChildProcess;
  let output = '';

  before(async () => {
    server = spawn(process.execPath, [...CLI, 'start'], {
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env },
    });
    server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await waitReady(`http://127.0.0.1:${port}`, server);
  });
  after(() => {
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('start prints the URL and serves the API docs and OpenAPI', async () => {
    assert.match(output, /Simpul siap \/ ready: http:\/\/localhost:/);
    const docs = await fetch(`http://127.0.0.1:${port}/api/docs/`);
    assert.equal(docs.status, 200);
    const spec = await fetch(`http://127.0.0.1:${port}/api/openapi.json`);
    assert.equal(spec.status, 200);
    assert.equal(((await spec.json()) as { openapi: string }).openapi, '3.1.0');
  });

  test('the first start creates the configured tenant and prints how to sign in', async () => {
    for (let i = 0; i < 100 && !/shown once/.test(output); i++) await sleep(100);
    const m = /user "admin", password \(shown once \/ hanya sekali\): (\S+)/.exec(output);
    assert.ok(m, output);
    const csrf = (await (await fetch(`http://127.0.0.1:${port}/api/auth/csrf`)).json()) as {
      token: string;
    };
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `simpul_csrf=${csrf.token}`,
        'x-csrf-token': csrf.token,
      },
      body: JSON.stringify({ login: 'admin', password: m[1] }),
    });
    assert.equal(login.status, 200);
    const site = (await (await fetch(`http://127.0.0.1:${port}/api/public/site`)).json()) as {
      tenant: { code: string; officialDomain: string };
    };
    assert.deepEqual([site.tenant.code, site.tenant.officialDomain], ['33.25', 'batangkab.go.id']);
  });

  test('a second start on the same data folder stops with a clear message', () => {
    const second = cli(['start'], { ...env, PORT: String(Number(port) + 1) });
    assert.equal(second.status, 2);
    assert.match(second.stderr, /in use by another Simpul process/);
  });

  test('SIGTERM stops Simpul and its PostgreSQL cleanly', async () => {
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    assert.ok(existsSync(pidFile));
    const pgPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    server.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) =>
      server.once('exit', (c) => resolve(c)),
    );
    assert.equal(code, 0);
    assert.equal(existsSync(path.join(dataDir, 'simpul.lock')), false);
    assert.throws(() => process.kill(pgPid, 0));
  });
});

describe('the simpul command on a PostgreSQL server', () => {
  let tdb: TestDatabase;
  before(async () => {
    tdb = await createTestDatabase();
  });
  after(() => tdb.drop());

  test('--role worker runs the jobs and no HTTP; --role web serves HTTP and no jobs', async () => {
    const port = String(41_000 + Math.floor(Math.random() * 1000));
    const spawnRole = (role: string) =>
      spawn(process.execPath, [...CLI, 'start', '--role', role], {
        env: {
          ...process.env,
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          DATABASE_URL: tdb.ownerUrl,
          PORT: port,
          HOST: '127.0.0.1',
        },
      });
    const stop = (child: ChildProcess) =>
      new Promise<number | null>((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      });
    const owner = new pg.Client({ connectionString: tdb.ownerUrl });
    await owner.connect();
    const workerQueues = async () =>
      (
        await owner.query(
          "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'pgboss'",
        )
      ).rows[0].n as number;
    const jobConnections = async () =>
      (
        await owner.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'simpul-jobs' AND datname = current_database()",
        )
      ).rows[0].n as number;
    try {
      const worker = spawnRole('worker');
      for (let i = 0; i < 300 && (await workerQueues()) === 0; i++) await sleep(100);
      assert.ok((await workerQueues()) > 0, 'the worker created the job queue');
      assert.ok((await jobConnections()) > 0, 'the worker is connected to the queue');
      await assert.rejects(fetch(`http://127.0.0.1:${port}/health/live`));
      assert.equal(await stop(worker), 0);

      const web = spawnRole('web');
      await waitReady(`http://127.0.0.1:${port}`, web);
      // The stopped worker's backends may take a moment to leave pg_stat_activity.
      for (let i = 0; i < 50 && (await jobConnections()) > 0; i++) await sleep(100);
      assert.equal(await jobConnections(), 0, 'the web role runs no jobs');
      assert.equal(await stop(web), 0);
    } finally {
      await owner.end();
    }
  });

  test('setup, user create, reset-password and audit verify', async () => {
    const env = { DATABASE_URL: tdb.ownerUrl };
    const setup = cli(
      [
        'setup',
        '--code',
        '33.25',
        '--name',
        'Pemerintah Kabupaten Batang',
        '--kind',
        'kabupaten',
        '--admin-username',
        'admin',
        '--admin-password',
        'kopi tubruk di alun-alun',
      ],
      env,
    );
    assert.equal(setup.status, 0, setup.stderr);
    assert.match(setup.stdout, /ICT admin "admin"/);
    const again = cli(
      [
        'setup',
        '--code',
        '33.25',
        '--name',
        'X',
        '--kind',
        'kabupaten',
        '--admin-username',
        'a',
        '--admin-password',
        'kopi tubruk di alun-alun',
      ],
      env,
    );
    assert.notEqual(again.status, 0);
    assert.match(again.stderr, /already exists/);

    const weak = cli(
      [
        'user',
        'create',
        '--username',
        'sekda',
        '--name',
        'Sekda',
        '--password',
        'short',
        '--role',
        'regional_secretary',
      ],
      env,
    );
    assert.equal(weak.status, 1);
    assert.match(weak.stderr, /identity.password_too_weak/);
    const ok = cli(
      [
        'user',
        'create',
        '--username',
        'sekda',
        '--name',
        'Sekda',
        '--password',
        'nasi megono khas batang',
        '--role',
        'regional_secretary',
      ],
      env,
    );
    assert.equal(ok.status, 0, ok.stderr);
    const reset = cli(
      ['user', 'reset-password', '--login', 'sekda', '--password', 'tahu pong dan teh poci'],
      env,
    );
    assert.equal(reset.status, 0, reset.stderr);

    const withSecret = { ...env, SESSION_SECRET: TEST_SESSION_SECRET };
    const client = cli(
      [
        'clients',
        'create',
        '--name',
        'SIMPEG',
        '--redirect-uri',
        'https://simpeg.batangkab.go.id/callback',
        '--scope',
        'openid',
        '--scope',
        'simpul:org',
      ],
      withSecret,
    );
    assert.equal(client.status, 0, client.stderr);
    const clientId = /client_id: (\S+)/.exec(client.stdout)?.[1];
    const secret = /client_secret[^:]*: (\S+)/.exec(client.stdout)?.[1];
    assert.ok(clientId && secret && secret.length >= 43, client.stdout);
    const rotated = cli(['clients', 'rotate-secret', clientId], withSecret);
    assert.equal(rotated.status, 0, rotated.stderr);
    assert.notEqual(/client_secret[^:]*: (\S+)/.exec(rotated.stdout)?.[1], secret);
    assert.match(
      cli(['clients', 'list'], withSecret).stdout,
      new RegExp(`${clientId}\tconfidential\tactive`),
    );
    const keys = cli(['keys', 'rotate'], withSecret);
    assert.equal(keys.status, 0, keys.stderr);
    assert.match(keys.stdout, /es256-\S+, rs256-\S+/);

    const verify = cli(['audit', 'verify'], env);
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, /33\.25 .*OK, \d+ events/);

    const c = new pg.Client({ connectionString: tdb.ownerUrl });
    await c.connect();
    await c.query(`UPDATE audit_events SET action = 'tampered' WHERE seq = 2`);
    await c.end();
    const broken = cli(['audit', 'verify'], env);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /BROKEN at event 2/);
  });

  test('bad configuration is refused, listing every problem', () => {
    const r = cli(['migrate'], { DATABASE_URL: 'mysql://nope', PORT: 'x' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /DATABASE_URL/);
    assert.match(r.stderr, /PORT/);
  });
});

describe('npm start builds what it needs', () => {
  test('build-if-needed builds once, then finds nothing to do', () => {
    const run = () =>
      spawnSync(process.execPath, ['scripts/build-if-needed.mjs'], {
        encoding: 'utf8',
        timeout: 300_000,
      });
    const first = run();
    assert.equal(first.status, 0, first.stderr);
    const second = run();
    assert.equal(second.status, 0, second.stderr);
    assert.doesNotMatch(second.stdout, /building/);
    assert.ok(existsSync('dist/src/cli/main.js') && existsSync('dist/web/index.html'));
  });
});
