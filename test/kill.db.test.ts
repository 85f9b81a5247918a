import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { makeAgency, makeTenant, makeUserWithToken } from './support/factories.js';
import { loadConfig } from '../src/platform/config/config.js';
import { createLogger } from '../src/platform/logger.js';
import { startServer } from '../src/main.js';
import { verifyChain } from '../src/platform/audit/audit.js';
import { ROOT } from '../src/platform/paths.js';
import type { TenantRow } from '../src/modules/tenancy/db/schema.js';

/** How many acknowledged writes the parent waits for before it kills the child. */
const KILL_AFTER = 200;

interface ChildRun {
  acked: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  sawDone: boolean;
  stderr: string;
}

/**
 * Runs test/support/kill-writer.ts and SIGKILLs it, without any warning, as soon as it has
 * acknowledged KILL_AFTER writes (several more are in flight at that moment).
 */
function runAndKill(env: Record<string, string>): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('test', 'support', 'kill-writer.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const run: ChildRun = { acked: [], signal: null, code: null, sawDone: false, stderr: '' };
    child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString('utf8')));
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      if (line.startsWith('ack ')) {
        run.acked.push(line.slice(4));
        if (run.acked.length === KILL_AFTER) child.kill('SIGKILL');
      } else if (line === 'done') run.sawDone = true;
    });
    child.on('error', reject);
    // 'close' fires after the child exited and its stdout was read to the end, so every line
    // it printed before dying has been counted.
    child.on('close', (code, signal) => {
      run.code = code;
      run.signal = signal;
      resolve(run);
    });
  });
}

describe('kill test: SIGKILL during acknowledged writes loses nothing', () => {
  let tdb: TestDatabase;
  let tenant: TenantRow;
  let headers: Record<string, string>;
  let filesDir: string;
  let run: ChildRun;

  before(async () => {
    tdb = await createTestDatabase();
    filesDir = await mkdtemp(path.join(tmpdir(), 'simpul-kill-files-'));
    tenant = await makeTenant(tdb.owner);
    const agency = await makeAgency(tdb.database, tenant);
    const user = await makeUserWithToken(tdb.database, tenant, [{ role: 'ict_admin' }]);
    headers = user.headers;
    run = await runAndKill({
      NODE_ENV: 'test',
      DATABASE_URL: tdb.ownerUrl,
      FILES_DIR: filesDir,
      KILL_TOKEN: user.token,
      KILL_HOST: tenant.hostnames[0]!,
      KILL_AGENCY_ID: agency.id,
      KILL_MAX_WRITES: '900',
      KILL_CONCURRENCY: '4',
    });
  });

  after(async () => {
    await tdb.drop();
    await rm(filesDir, { recursive: true, force: true });
  });

  test('the child was killed mid-stream by SIGKILL', () => {
    assert.equal(run.signal, 'SIGKILL', `child ended with code ${run.code}: ${run.stderr}`);
    assert.equal(run.sawDone, false, 'the child finished its loop before it was killed');
    assert.ok(run.acked.length >= KILL_AFTER);
    assert.equal(new Set(run.acked).size, run.acked.length);
  });

  test('after a restart every acknowledged write is there and the audit trail verifies', async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: tdb.ownerUrl,
      FILES_DIR: filesDir,
      JOBS_ENABLED: 'false',
      SERVE_WEB: 'false',
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    const server = await startServer(config, createLogger(config), { role: 'web', listen: false });
    try {
      for (const id of run.acked) {
        const r = await server.app!.inject({ url: `/api/org/employees/${id}`, headers });
        assert.equal(r.statusCode, 200, `acknowledged employee ${id} is missing after the restart`);
        assert.equal(r.json().id, id);
      }
    } finally {
      await server.stop();
    }

    // Each committed employee (acknowledged or not) has exactly one creation event, and no event
    // exists for an employee that was rolled back.
    const rows = await tdb.ownerPool.query<{ id: string; events: number }>(
      `SELECT e.id, (SELECT count(*)::int FROM audit_events a
                      WHERE a.tenant_id = e.tenant_id AND a.action = 'org.employee.created' AND a.target_id = e.id::text) AS events
         FROM org_employees e WHERE e.tenant_id = $1`,
      [tenant.id],
    );
    const present = new Set(rows.rows.map((r) => r.id));
    for (const id of run.acked) assert.ok(present.has(id), `employee ${id} missing`);
    for (const r of rows.rows)
      assert.equal(r.events, 1, `employee ${r.id} has ${r.events} creation events`);
    const orphans = await tdb.ownerPool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events a
        WHERE a.tenant_id = $1 AND a.action = 'org.employee.created'
          AND NOT EXISTS (SELECT 1 FROM org_employees e WHERE e.id::text = a.target_id)`,
      [tenant.id],
    );
    assert.equal(orphans.rows[0]!.n, 0);

    const v = await verifyChain(tdb.owner, tenant.id);
    assert.equal(v.ok, true, v.message ?? '');
    assert.ok(v.checked >= run.acked.length);
  });

  test('`simpul audit verify` passes on the database after the kill', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', path.join('src', 'cli', 'main.ts'), 'audit', 'verify'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: tdb.ownerUrl,
          FILES_DIR: filesDir,
          JOBS_ENABLED: 'false',
          LOG_LEVEL: 'silent',
        },
      },
    );
    assert.match(
      stdout,
      new RegExp(`^${tenant.code.replace(/\./g, '\\.')} .*: OK, \\d+ events$`, 'm'),
    );
    assert.doesNotMatch(stdout, /BROKEN/);
  });
});
