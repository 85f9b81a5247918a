// `npm run bench`, section 5: the compliance evaluation over a generated registry, in process, on
// the PostgreSQL server (the same one the tests use).
//   a. a full re-evaluation (evaluateAll) of every rule over 2,000 applications, 5,000
//      infrastructure items and 3,000 data assets (+ 500 services, 300 processes, 60 agencies,
//      documents, APIs and relations): the first run (opens every finding) and steady-state runs
//      (the nightly case: the findings exist and are kept), with where the time went;
//      and a nightly-like run where every finding's last-seen time is rewritten;
//   b. a single-record re-evaluation (evaluateRecord) after one application changes;
//   c. the same-run reference: a raw SELECT of the same rows in the same tenant transaction.
// Goal: a full run under 2 s. Run alone: `node --import tsx bench/compliance.ts`.
import os from 'node:os';
import { asSystem } from '../src/modules/tenancy/tenancy.service.js';
import { inTenantTx } from '../src/platform/db/database.js';
import {
  evaluateAllTimed,
  evaluateRecordTimed,
} from '../src/modules/compliance/compliance.service.js';
import { createTestDatabase, type TestDatabase } from '../test/support/db.js';
import { makeTenant } from '../test/support/factories.js';
import type { TenantRow } from '../src/modules/tenancy/db/schema.js';

export const SIZES = {
  agencies: 60,
  applications: 2000,
  infrastructure: 5000,
  dataAssets: 3000,
  services: 500,
  processes: 300,
} as const;
const STEADY_RUNS = 5;
const RECORD_RUNS = 9;
const GOAL_MS = 2000;

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * The registry, generated server-side with multi-row INSERT ... SELECT generate_series (one
 * statement per table). Ids are md5-derived so parents and relations can be computed; a share of
 * every kind breaks some obligation, so the run opens findings of most rules.
 */
export async function generateRegistry(tdb: TestDatabase, tenant: TenantRow): Promise<number> {
  const t0 = performance.now();
  const q = (text: string) => tdb.ownerPool.query(text, [tenant.id]);
  const id = (prefix: string, expr: string) => `md5('${prefix}' || (${expr}))::uuid`;
  const agency = (expr: string) => id('ag', `(${expr}) % ${SIZES.agencies}`);
  const ICT = id('ag', '0');

  await q(`INSERT INTO org_agencies (id, tenant_id, code, name, short_name, kind, is_ict_office)
           SELECT ${id('ag', 'i')}, $1, 'PD' || i, 'Perangkat Daerah ' || i, 'PD' || i, 'dinas', i = 0
           FROM generate_series(0, ${SIZES.agencies - 1}) i`);
  await q(`INSERT INTO org_units (tenant_id, agency_id, code, name, is_egov_unit)
           SELECT $1, ${id('ag', 'i')}, 'EGOV', 'Subbag Program dan TI', i % 3 <> 2
           FROM generate_series(0, ${SIZES.agencies - 1}) i`);
  await q(`INSERT INTO org_employees (id, tenant_id, nip, name, agency_id, birth_date, gender, status)
           SELECT ${id('emp', 'i')}, $1, lpad((198001012005011000 + i)::text, 18, '0'),
                  'Pegawai ' || i, ${agency('i')}, date '1980-01-01', 'male',
                  CASE WHEN i % 10 = 9 THEN 'transferred' ELSE 'active' END
           FROM generate_series(0, 299) i`);
  await q(`INSERT INTO org_ict_appointments (tenant_id, agency_id, employee_id, decree_number,
             decree_date, starts_on)
           SELECT $1, ${id('ag', 'i')}, ${id('emp', 'i')}, '800/' || i || '/2025', date '2025-01-02',
                  date '2025-01-02'
           FROM generate_series(0, ${SIZES.agencies - 1}) i WHERE i % 4 <> 3`);

  await q(`INSERT INTO catalog_services (id, tenant_id, agency_id, name, ref_code, kind, target_users,
             channels, status, review_state)
           SELECT ${id('svc', 'i')}, $1, ${agency('i')}, 'Layanan ' || i,
                  CASE WHEN i % 7 = 0 THEN NULL ELSE 'RAL.01.' || lpad((i % 44 + 1)::text, 2, '0') END,
                  CASE WHEN i % 2 = 0 THEN 'public' ELSE 'administrative' END, 'Masyarakat',
                  '{web}', 'active', 'approved'
           FROM generate_series(0, ${SIZES.services - 1}) i`);
  await q(`INSERT INTO catalog_processes (id, tenant_id, agency_id, name, ref_code, review_state)
           SELECT ${id('proc', 'i')}, $1, ${agency('i')}, 'Proses ' || i,
                  CASE WHEN i % 6 = 0 THEN NULL ELSE 'RAB.09.' || lpad((i % 9 + 1)::text, 2, '0') END,
                  'approved'
           FROM generate_series(0, ${SIZES.processes - 1}) i`);
  await q(`INSERT INTO catalog_applications (id, tenant_id, agency_id, name, ref_code, kind,
             developer, vendor_name, contract_ref, licence, licence_name, repository_url,
             copyright_holder, hosting, hosting_country, hosting_provider,
             provider_indonesian_entity, urls, sso_client_id, security_class, lifecycle,
             assessed_at, assessment_result, review_state)
           SELECT ${id('app', 'i')}, $1,
                  CASE WHEN i % 10 = 0 THEN ${ICT} ELSE ${agency('i')} END, 'Aplikasi ' || i,
                  CASE WHEN i % 9 = 0 THEN NULL ELSE 'RAA.0' || (1 + i % 2) END,
                  CASE WHEN i % 10 = 0 THEN 'shared' ELSE 'specific' END,
                  (ARRAY['in_house','vendor','vendor','national'])[1 + i % 4],
                  CASE WHEN i % 4 IN (1, 2) THEN 'PT Vendor ' || i END,
                  CASE WHEN i % 4 = 1 THEN 'SPK/' || i END,
                  CASE WHEN i % 5 = 0 THEN 'closed' ELSE 'open' END,
                  CASE WHEN i % 15 = 0 THEN NULL ELSE 'GPL-3.0' END,
                  CASE WHEN i % 8 = 0 THEN 'https://github.com/pemda/app' || i
                       WHEN i % 8 = 1 THEN NULL ELSE 'https://git.benchkab.go.id/app' || i END,
                  CASE WHEN i % 6 = 0 THEN 'PT Vendor ' || i ELSE 'Pemerintah Kabupaten Bench' END,
                  (ARRAY['regional_dc','regional_dc','regional_dc','commercial_cloud','national_dc'])[1 + i % 5],
                  CASE WHEN i % 50 = 3 THEN 'SG' ELSE 'ID' END,
                  CASE WHEN i % 5 = 3 THEN 'Cloud ' || i END,
                  CASE WHEN i % 5 = 3 THEN i % 2 = 0 END,
                  ARRAY['https://app' || i || '.benchkab.go.id',
                        CASE WHEN i % 12 = 0 THEN 'https://app' || i || '.com'
                             ELSE 'https://www.benchkab.go.id/app' || i END],
                  CASE WHEN i % 7 = 0 THEN NULL ELSE 'client-' || i END,
                  (ARRAY['B','T','R','SR'])[1 + i % 4],
                  (ARRAY['production','production','production','development','planned','retired'])[1 + i % 6],
                  CASE WHEN i % 11 = 0 THEN NULL ELSE date '2025-06-01' END,
                  CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN 'failed' ELSE 'passed' END,
                  'approved'
           FROM generate_series(0, ${SIZES.applications - 1}) i`);
  await q(`UPDATE catalog_applications SET duplicates_id = ${id('app', '0')},
             ran_before_shared = (right(name, 1)::int % 2 = 0)
           WHERE tenant_id = $1 AND kind = 'specific' AND right(name, 2) = '17'`);
  await q(`INSERT INTO catalog_application_documents (tenant_id, application_id, kind, url, delivered_by_name)
           SELECT $1, ${id('app', 'i')}, k, 'https://dms.benchkab.go.id/' || i || '/' || k, 'bench'
           FROM generate_series(0, ${SIZES.applications - 1}) i,
                unnest(ARRAY['source_code','requirements','application_design','database_design',
                             'test','installation_manual','user_manual','admin_manual','metadata',
                             'troubleshooting','kemenpanrb_consideration','hosting_guarantee',
                             'closed_source_consideration','cost_benefit_study',
                             'business_process_alignment','minister_consideration',
                             'assessment_report']) WITH ORDINALITY d(k, n)
           WHERE (i + n) % 5 <> 0`);
  await q(`INSERT INTO catalog_application_apis (tenant_id, application_id, name, base_url)
           SELECT $1, ${id('app', 'i')}, 'api', 'https://api.benchkab.go.id/app' || i
           FROM generate_series(0, ${SIZES.applications - 1}) i WHERE i % 3 = 0`);

  // Infrastructure: 2 data centers (one run by an agency), 20 rooms, 200 racks, 2,000 servers,
  // 2,400 virtual machines, 300 network devices, 78 cloud services.
  const infra = (from: number, to: number, kind: string, parent: string, extra = "'ID'") =>
    q(`INSERT INTO catalog_infrastructure (id, tenant_id, agency_id, name, ref_code, kind, parent_id,
         country, managing_agency_id, review_state)
       SELECT ${id('inf', 'i')}, $1,
              CASE WHEN i % 25 = 7 THEN ${agency('i')} ELSE ${ICT} END,
              '${kind} ' || i, CASE WHEN i % 10 = 0 THEN NULL ELSE 'RAI.01' END, '${kind}',
              ${parent}, ${extra},
              CASE WHEN '${kind}' = 'data_center' AND i = 1 THEN ${agency('5')} ELSE ${ICT} END,
              'approved'
       FROM generate_series(${from}, ${to}) i`);
  await infra(0, 1, 'data_center', 'NULL');
  await infra(2, 21, 'room', id('inf', 'i % 2'));
  await infra(22, 221, 'rack', id('inf', '2 + i % 20'));
  await infra(
    222,
    2221,
    'server',
    `CASE WHEN i % 40 = 0 THEN NULL ELSE ${id('inf', '22 + i % 200')} END`,
  );
  await infra(2222, 4621, 'virtual_machine', id('inf', '222 + i % 2000'));
  await infra(4622, 4921, 'network_device', 'NULL');
  await infra(
    4922,
    SIZES.infrastructure - 1,
    'cloud_service',
    'NULL',
    "CASE WHEN i % 3 = 0 THEN 'US' ELSE 'ID' END",
  );

  await q(`INSERT INTO catalog_data_assets (id, tenant_id, agency_id, name, ref_code, database_group,
             steward_employee_id, classification, review_state)
           SELECT ${id('dat', 'i')}, $1, ${agency('i')}, 'Data ' || i,
                  CASE WHEN i % 8 = 0 THEN NULL ELSE 'RAD.10.0' || (1 + i % 4) END,
                  (ARRAY['services','administration','legislation','development','finance',
                         'staffing','government','territory','society','population','health',
                         'labour','agriculture','trade','fisheries_livestock','transport',
                         'tourism','infrastructure','supervision'])[1 + i % 19],
                  CASE WHEN i % 9 = 0 THEN NULL ELSE ${id('emp', 'i % 300')} END,
                  (ARRAY['open','limited','closed'])[1 + i % 3], 'approved'
           FROM generate_series(0, ${SIZES.dataAssets - 1}) i`);

  const rel = (type: string, fk: string, from: string, tk: string, to: string, n: number) =>
    q(`INSERT INTO catalog_relations (tenant_id, type, from_kind, from_id, to_kind, to_id)
       SELECT $1, '${type}', '${fk}', ${from}, '${tk}', ${to}
       FROM generate_series(0, ${n - 1}) i ON CONFLICT DO NOTHING`);
  await rel('writes', 'application', id('app', 'i % 2000'), 'data_asset', id('dat', 'i'), 3000);
  await rel(
    'reads',
    'application',
    id('app', '(i * 7) % 2000'),
    'data_asset',
    id('dat', '(i * 3) % 3000'),
    3000,
  );
  await rel(
    'supports',
    'application',
    id('app', 'i % 2000'),
    'service',
    id('svc', 'i % 450'),
    2000,
  );
  await rel(
    'runs_on',
    'application',
    id('app', 'i'),
    'infrastructure',
    id('inf', '2222 + i'),
    2000,
  );
  await rel(
    'runs_on',
    'infrastructure',
    id('inf', '2222 + i'),
    'infrastructure',
    id('inf', '222 + i % 2000'),
    2400,
  );
  await rel(
    'calls',
    'application',
    id('app', 'i'),
    'application',
    id('app', '(i + 1) % 2000'),
    600,
  );
  await rel('delivers', 'process', id('proc', 'i'), 'service', id('svc', 'i % 500'), 300);
  await tdb.ownerPool.query('ANALYZE');
  return performance.now() - t0;
}

export interface ComplianceBenchResults {
  sizes: typeof SIZES & { documents: number; apis: number; relations: number; records: number };
  setupMs: number;
  firstRun: { totalMs: number; loadMs: number; rulesMs: number; writeMs: number; opened: number };
  nightly: { totalMs: number; loadMs: number; rulesMs: number; writeMs: number };
  steady: {
    runs: number;
    medianMs: number;
    minMs: number;
    maxMs: number;
    loadMs: number;
    rulesMs: number;
    writeMs: number;
    checks: number;
    failures: number;
    rulesEvaluated: number;
  };
  singleRecord: {
    runs: number;
    medianMs: number;
    maxMs: number;
    loadMs: number;
    rulesMs: number;
    writeMs: number;
  };
  reference: { what: string; medianMs: number; rows: number };
  /** Steady full run over the raw read of the same rows. */
  ratio: number;
  dominant: string;
  goalMs: number;
  goalMet: boolean;
  machine: { cpus: number; loadAvg: number[] };
}

export async function complianceBench(opts: {
  log: (m: string) => void;
}): Promise<ComplianceBenchResults> {
  const tdb = await createTestDatabase();
  try {
    const tenant = await makeTenant(tdb.owner, {
      name: 'Pemerintah Kabupaten Bench',
      officialDomain: 'benchkab.go.id',
      regulationProfile: [
        'perbup-batang-50-2019',
        'perbup-batang-hari-19-2017',
        'perbup-purbalingga-56-2019',
        'perda-barito-timur-7-2019',
      ],
    });
    opts.log('compliance: generating the registry');
    const setupMs = await generateRegistry(tdb, tenant);
    const counts = (
      await tdb.ownerPool.query(
        `SELECT (SELECT count(*) FROM catalog_application_documents)::int AS documents,
                (SELECT count(*) FROM catalog_application_apis)::int AS apis,
                (SELECT count(*) FROM catalog_relations)::int AS relations`,
      )
    ).rows[0] as { documents: number; apis: number; relations: number };

    const full = async () => {
      const t0 = performance.now();
      const r = await asSystem(tdb.database, tenant, (ctx) => evaluateAllTimed(ctx, 'manual'));
      return { ...r, totalMs: performance.now() - t0 };
    };
    opts.log('compliance: first full evaluation (opens every finding)');
    const first = await full();
    opts.log(`compliance: ${STEADY_RUNS} steady full evaluations`);
    type Timed = Awaited<ReturnType<typeof full>>;
    const steady: Timed[] = [];
    for (let i = 0; i < STEADY_RUNS; i++) steady.push(await full());

    // The nightly case: every finding was last seen more than an hour ago, so all are rewritten.
    opts.log('compliance: a nightly-like full evaluation (every finding seen again)');
    await tdb.ownerPool.query(
      `UPDATE compliance_findings SET last_seen_at = last_seen_at - interval '1 day'`,
    );
    const nightly = await full();

    opts.log(`compliance: ${RECORD_RUNS} single-record evaluations`);
    const appId = (
      await tdb.ownerPool.query(
        `SELECT id FROM catalog_applications WHERE kind = 'specific' AND lifecycle = 'production'
         ORDER BY name LIMIT 1`,
      )
    ).rows[0].id as string;
    const single: Timed[] = [];
    for (let i = 0; i < RECORD_RUNS; i++) {
      // The change: a deliverable comes and goes, so the run opens or resolves a finding.
      await tdb.ownerPool.query(
        i % 2 === 0
          ? `DELETE FROM catalog_application_documents WHERE application_id = $1 AND kind = 'test'`
          : `INSERT INTO catalog_application_documents (tenant_id, application_id, kind, url)
             VALUES ($2, $1, 'test', 'https://dms.benchkab.go.id/t') ON CONFLICT DO NOTHING`,
        i % 2 === 0 ? [appId] : [appId, tenant.id],
      );
      const t0 = performance.now();
      const r = await asSystem(tdb.database, tenant, (ctx) =>
        evaluateRecordTimed(ctx, 'application', appId),
      );
      single.push({ ...r, totalMs: performance.now() - t0 });
    }

    opts.log('compliance: reference (raw SELECT of the same rows)');
    const ref: number[] = [];
    let rows = 0;
    for (let i = 0; i < STEADY_RUNS; i++) {
      const t0 = performance.now();
      rows = await inTenantTx(tdb.database, { tenantId: tenant.id }, async (tx) => {
        const client = (tx as unknown as { $client: import('pg').ClientBase }).$client;
        let n = 0;
        for (const table of [
          'catalog_services',
          'catalog_processes',
          'catalog_applications',
          'catalog_infrastructure',
          'catalog_data_assets',
          'catalog_application_documents',
          'catalog_application_apis',
          'catalog_relations',
          'org_agencies',
        ])
          n += (await client.query(`SELECT * FROM ${table}`)).rowCount ?? 0;
        return n;
      });
      ref.push(performance.now() - t0);
    }

    const med = (f: (x: Timed) => number) => round(median(steady.map(f)));
    const steadyMedian = median(steady.map((s) => s.totalMs));
    const parts = {
      'loading the snapshot': med((s) => s.timings.loadMs),
      'running the rules': med((s) => s.timings.rulesMs),
      'writing findings and scores': med((s) => s.timings.writeMs),
    };
    const dominant = Object.entries(parts).sort((a, b) => b[1] - a[1])[0]![0];
    const last = steady[steady.length - 1]!.evaluation;
    const smed = (f: (x: Timed) => number) => round(median(single.map(f)));
    return {
      sizes: {
        ...SIZES,
        ...counts,
        records:
          SIZES.applications +
          SIZES.infrastructure +
          SIZES.dataAssets +
          SIZES.services +
          SIZES.processes,
      },
      setupMs: round(setupMs, 0),
      firstRun: {
        totalMs: round(first.totalMs),
        loadMs: first.timings.loadMs,
        rulesMs: first.timings.rulesMs,
        writeMs: first.timings.writeMs,
        opened: first.evaluation.opened,
      },
      nightly: {
        totalMs: round(nightly.totalMs),
        loadMs: nightly.timings.loadMs,
        rulesMs: nightly.timings.rulesMs,
        writeMs: nightly.timings.writeMs,
      },
      steady: {
        runs: STEADY_RUNS,
        medianMs: round(steadyMedian),
        minMs: round(Math.min(...steady.map((s) => s.totalMs))),
        maxMs: round(Math.max(...steady.map((s) => s.totalMs))),
        loadMs: parts['loading the snapshot'],
        rulesMs: parts['running the rules'],
        writeMs: parts['writing findings and scores'],
        checks: last.checks,
        failures: last.failures,
        rulesEvaluated: last.rulesEvaluated,
      },
      singleRecord: {
        runs: RECORD_RUNS,
        medianMs: smed((s) => s.totalMs),
        maxMs: round(Math.max(...single.map((s) => s.totalMs))),
        loadMs: smed((s) => s.timings.loadMs),
        rulesMs: smed((s) => s.timings.rulesMs),
        writeMs: smed((s) => s.timings.writeMs),
      },
      reference: {
        what: 'SELECT * of every registry table the evaluation reads, in one tenant transaction',
        medianMs: round(median(ref)),
        rows,
      },
      ratio: round(steadyMedian / median(ref), 2),
      dominant,
      goalMs: GOAL_MS,
      goalMet: Math.max(steadyMedian, first.totalMs, nightly.totalMs) < GOAL_MS,
      machine: { cpus: os.availableParallelism(), loadAvg: os.loadavg().map((x) => round(x, 2)) },
    };
  } finally {
    await tdb.drop();
  }
}

export function complianceMarkdown(r: ComplianceBenchResults | { error: string }): string[] {
  if ('error' in r) return ['', '### Compliance evaluation', '', `Failed: ${r.error}`];
  const s = r.sizes;
  return [
    '',
    '### Compliance evaluation (in process, server PostgreSQL)',
    '',
    `Registry: ${s.applications} applications, ${s.infrastructure} infrastructure items, ${s.dataAssets} data assets, ${s.services} services, ${s.processes} processes ` +
      `(${s.records} records), ${s.agencies} agencies, ${s.documents} documents, ${s.apis} APIs, ${s.relations} relations; generated in ${r.setupMs} ms.`,
    '',
    '| measurement | time | load | rules | write | notes |',
    '|---|---|---|---|---|---|',
    `| full evaluation, first run | ${r.firstRun.totalMs} ms | ${r.firstRun.loadMs} ms | ${r.firstRun.rulesMs} ms | ${r.firstRun.writeMs} ms | opened ${r.firstRun.opened} findings |`,
    `| full evaluation, steady (median of ${r.steady.runs}) | ${r.steady.medianMs} ms (${r.steady.minMs}-${r.steady.maxMs}) | ${r.steady.loadMs} ms | ${r.steady.rulesMs} ms | ${r.steady.writeMs} ms | ${r.steady.rulesEvaluated} rules, ${r.steady.checks} checks, ${r.steady.failures} failures |`,
    `| full evaluation, nightly case (every finding's last-seen rewritten) | ${r.nightly.totalMs} ms | ${r.nightly.loadMs} ms | ${r.nightly.rulesMs} ms | ${r.nightly.writeMs} ms | - |`,
    `| single-record evaluation (median of ${r.singleRecord.runs}) | ${r.singleRecord.medianMs} ms (max ${r.singleRecord.maxMs}) | ${r.singleRecord.loadMs} ms | ${r.singleRecord.rulesMs} ms | ${r.singleRecord.writeMs} ms | one application changed |`,
    `| reference: ${r.reference.what} | ${r.reference.medianMs} ms | - | - | - | ${r.reference.rows} rows |`,
    '',
    `Full run / raw read: ${r.ratio}x. Dominant: ${r.dominant}. Goal < ${r.goalMs} ms: ${r.goalMet ? 'met' : '**not met**'}. ` +
      `Machine: ${r.machine.cpus} cores, load average ${r.machine.loadAvg.join(' / ')}.`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const r = await complianceBench({ log });
  process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  process.stdout.write(complianceMarkdown(r).join('\n') + '\n');
  process.exit(0);
}
