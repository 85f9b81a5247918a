import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DOCUMENT_KINDS,
  type CatalogSnapshot,
  type SnapApplication,
} from '../catalog/catalog.snapshot.js';
import type { OrgSnapshot } from '../org/org.snapshot.js';
import {
  addToDigest,
  addWeights,
  evaluateSnapshot,
  indexSnapshot,
  type TenantFacts,
} from './evaluate.js';
import { applicableRegulations, citedText, standingOf } from './regulations/regulations.js';
import { citationLabel, type Rule, type SubjectKind, type Verdict } from './rules/model.js';
import { RULES } from './rules/rules.js';

/*
 * Every rule over pure snapshots: a compliant fixture passes, a non-compliant one fails, and each
 * citation resolves to real article text containing the words the rule relies on.
 */

const ICT = '00000000-0000-4000-8000-00000000000a';
const AG = '00000000-0000-4000-8000-00000000000b';
const APP = '00000000-0000-4000-8000-000000000001';
const DC = '00000000-0000-4000-8000-000000000002';
const RACK = '00000000-0000-4000-8000-000000000003';
const SERVER = '00000000-0000-4000-8000-000000000004';
const DATA = '00000000-0000-4000-8000-000000000005';
const SVC = '00000000-0000-4000-8000-000000000006';
const PROC = '00000000-0000-4000-8000-000000000007';
const STEWARD = '00000000-0000-4000-8000-000000000008';
const FORMER = '00000000-0000-4000-8000-000000000009';
const SHARED = '00000000-0000-4000-8000-000000000010';

interface Fixture {
  catalog: CatalogSnapshot;
  org: OrgSnapshot;
  tenant: TenantFacts;
}

/** A small regency where everything complies. */
function base(): Fixture {
  const app: SnapApplication = {
    id: APP,
    agencyId: AG,
    name: 'SIMPEG Daerah',
    refCode: 'RAA.02.01',
    kind: 'specific',
    developer: 'in_house',
    vendorName: null,
    contractRef: null,
    licence: 'open',
    licenceName: 'AGPL-3.0',
    repositoryUrl: 'https://git.batangkab.go.id/bkd/simpeg',
    copyrightHolder: 'Pemerintah Kabupaten Batang',
    hosting: 'regional_dc',
    hostingCountry: 'ID',
    hostingProvider: null,
    providerIndonesianEntity: null,
    urls: ['https://simpeg.batangkab.go.id', 'bkd.batangkab.go.id/simpeg'],
    ssoClientId: 'simpeg',
    securityClass: 'R',
    lifecycle: 'production',
    assessedAt: '2026-01-10',
    assessmentResult: 'passed',
    duplicatesId: null,
    ranBeforeShared: null,
    documents: [...DOCUMENT_KINDS],
    apiCount: 1,
  };
  return {
    tenant: {
      today: '2026-11-22',
      officialDomain: 'batangkab.go.id',
      tenantName: 'Pemerintah Kabupaten Batang',
    },
    org: {
      agencies: [
        {
          id: ICT,
          name: 'Dinas Komunikasi dan Informatika',
          shortName: 'Diskominfo',
          active: true,
          isIctOffice: true,
          hasEgovUnit: true,
          activeIctAppointments: 2,
        },
        {
          id: AG,
          name: 'Badan Kepegawaian Daerah',
          shortName: 'BKD',
          active: true,
          isIctOffice: false,
          hasEgovUnit: true,
          activeIctAppointments: 1,
        },
      ],
      activeEmployeeIds: new Set([STEWARD]),
    },
    catalog: {
      services: [
        {
          id: SVC,
          agencyId: AG,
          name: 'Layanan kenaikan pangkat',
          refCode: 'RAL.02.06',
          kind: 'administrative',
          status: 'active',
          channels: ['web'],
        },
      ],
      processes: [{ id: PROC, agencyId: AG, name: 'Kenaikan pangkat', refCode: 'RAB.09.06' }],
      applications: [app],
      infrastructure: [
        {
          id: DC,
          agencyId: ICT,
          name: 'Pusat Data Kabupaten',
          refCode: 'RAI.01.01',
          kind: 'data_center',
          parentId: null,
          country: 'ID',
          managingAgencyId: ICT,
          provider: null,
          status: 'active',
        },
        {
          id: RACK,
          agencyId: ICT,
          name: 'Rak A1',
          refCode: 'RAI.01.01.01',
          kind: 'rack',
          parentId: DC,
          country: 'ID',
          managingAgencyId: ICT,
          provider: null,
          status: 'active',
        },
        {
          id: SERVER,
          agencyId: ICT,
          name: 'srv-app-01',
          refCode: 'RAI.01.01.02',
          kind: 'server',
          parentId: RACK,
          country: 'ID',
          managingAgencyId: ICT,
          provider: null,
          status: 'active',
        },
      ],
      dataAssets: [
        {
          id: DATA,
          agencyId: AG,
          name: 'Data ASN',
          refCode: 'RAD.09.06',
          databaseGroup: 'staffing',
          stewardEmployeeId: STEWARD,
          classification: 'limited',
        },
      ],
      relations: [
        { type: 'writes', fromId: APP, toId: DATA },
        { type: 'supports', fromId: APP, toId: SVC },
        { type: 'runs_on', fromId: APP, toId: SERVER },
        { type: 'delivers', fromId: PROC, toId: SVC },
      ],
      subjects: null,
    },
  };
}

const app = (f: Fixture) => f.catalog.applications[0]!;
const infra = (f: Fixture, id: string) => f.catalog.infrastructure.find((i) => i.id === id)!;
const data = (f: Fixture) => f.catalog.dataAssets[0]!;
const agency = (f: Fixture) => f.org.agencies.find((a) => a.id === AG)!;
const withoutDoc = (f: Fixture, kind: string) => {
  app(f).documents = app(f).documents.filter((k) => k !== kind);
};

interface Case {
  subject: (f: Fixture) => object;
  /** Makes the base fixture one the rule applies to (and still complies with). */
  ok?: (f: Fixture) => void;
  /** Then breaks the obligation. */
  bad: (f: Fixture) => void;
  /** Detail fields the failure names. */
  detail?: Record<string, unknown>;
}

const CASES: Record<string, Case> = {
  'app.deliverables.complete': {
    subject: app,
    bad: (f) => withoutDoc(f, 'test'),
    detail: { missing: ['test'] },
  },
  'app.vendor.web_service': {
    subject: app,
    ok: (f) => Object.assign(app(f), { developer: 'vendor', vendorName: 'PT Data Jaya' }),
    bad: (f) => (app(f).apiCount = 0),
  },
  'app.interoperability': {
    subject: app,
    ok: (f) => {
      app(f).apiCount = 0;
      f.catalog.relations.push({ type: 'calls', fromId: APP, toId: SHARED });
    },
    bad: (f) => (f.catalog.relations = f.catalog.relations.filter((r) => r.type !== 'calls')),
  },
  'app.closed_source.consideration': {
    subject: app,
    ok: (f) => Object.assign(app(f), { licence: 'closed', licenceName: 'Oracle' }),
    bad: (f) => withoutDoc(f, 'closed_source_consideration'),
  },
  'app.open_source': {
    subject: app,
    bad: (f) => (app(f).licence = 'closed'),
  },
  'app.licence.legal': {
    subject: app,
    ok: (f) => Object.assign(app(f), { licence: 'closed', licenceName: 'Microsoft EULA' }),
    bad: (f) => (app(f).licenceName = ' '),
  },
  'app.hosting.guarantee': {
    subject: app,
    ok: (f) => Object.assign(app(f), { hosting: 'commercial_cloud', hostingProvider: 'Biznet' }),
    bad: (f) => withoutDoc(f, 'hosting_guarantee'),
    detail: { hosting: 'commercial_cloud', provider: 'Biznet' },
  },
  'app.hosting.data_center': {
    subject: app,
    bad: (f) => (app(f).hosting = 'other_government'),
  },
  'app.hosting.indonesia': {
    subject: app,
    bad: (f) => (app(f).hostingCountry = 'SG'),
    detail: { country: 'SG' },
  },
  'app.hosting.indonesian_entity': {
    subject: app,
    ok: (f) =>
      Object.assign(app(f), {
        hosting: 'commercial_cloud',
        hostingProvider: 'Biznet',
        providerIndonesianEntity: true,
      }),
    bad: (f) => (app(f).providerIndonesianEntity = null),
  },
  'app.urls.official_domain': {
    subject: app,
    bad: (f) => app(f).urls.push('https://simpeg-batang.com', 'https://batangkab.go.id.evil.io'),
    detail: { urls: ['https://simpeg-batang.com', 'https://batangkab.go.id.evil.io'] },
  },
  'app.sso': { subject: app, bad: (f) => (app(f).ssoClientId = null) },
  'app.assessment': {
    subject: app,
    bad: (f) => Object.assign(app(f), { assessmentResult: 'failed' }),
  },
  'app.lookalike.justified': {
    subject: app,
    ok: (f) => Object.assign(app(f), { duplicatesId: SHARED, ranBeforeShared: true }),
    bad: (f) => {
      app(f).ranBeforeShared = false;
      withoutDoc(f, 'cost_benefit_study');
    },
    detail: { missing: ['ran_before_shared', 'cost_benefit_study'] },
  },
  'app.specific.kemenpanrb': {
    subject: app,
    bad: (f) => withoutDoc(f, 'kemenpanrb_consideration'),
  },
  'app.refcode': { subject: app, bad: (f) => (app(f).refCode = null) },
  'app.repository': {
    subject: app,
    bad: (f) => (app(f).repositoryUrl = 'https://github.com/vendor/simpeg'),
    detail: { reason: 'outside_regency' },
  },
  'app.copyright': {
    subject: app,
    bad: (f) => (app(f).copyrightHolder = 'Pemerintah Kabupaten Pekalongan'),
  },
  'app.vendor.contract': {
    subject: app,
    ok: (f) =>
      Object.assign(app(f), { developer: 'vendor', vendorName: 'PT X', contractRef: '027/2024' }),
    bad: (f) => (app(f).contractRef = null),
  },
  'app.security_class.data': {
    subject: app,
    bad: (f) => {
      data(f).classification = 'closed';
      app(f).securityClass = 'T';
    },
    detail: { securityClass: 'T', needed: 'R', dataAssets: ['Data ASN'] },
  },
  'app.secret.dinas_security': {
    subject: app,
    bad: (f) => (app(f).hosting = 'national_dc'),
  },
  'app.shared.ict_office': {
    subject: app,
    ok: (f) => Object.assign(app(f), { kind: 'shared', agencyId: ICT }),
    bad: (f) => (app(f).agencyId = AG),
  },
  'infra.data_center.ict_office': {
    subject: (f) => infra(f, DC),
    bad: (f) => (infra(f, DC).managingAgencyId = AG),
    detail: { agencies: ['Badan Kepegawaian Daerah'] },
  },
  'infra.server.consolidated': {
    subject: (f) => infra(f, SERVER),
    bad: (f) => (infra(f, SERVER).parentId = null),
  },
  'infra.indonesia': {
    subject: (f) => infra(f, SERVER),
    bad: (f) => (infra(f, SERVER).country = 'US'),
  },
  'infra.procured_by_ict_office': {
    subject: (f) => infra(f, SERVER),
    bad: (f) => (infra(f, SERVER).agencyId = AG),
  },
  'infra.refcode': { subject: (f) => infra(f, DC), bad: (f) => (infra(f, DC).refCode = null) },
  'data.steward': {
    subject: data,
    bad: (f) => (data(f).stewardEmployeeId = FORMER),
    detail: { reason: 'inactive' },
  },
  'data.data_center': {
    subject: data,
    bad: (f) => (app(f).hosting = 'external'),
    detail: { applications: ['SIMPEG Daerah'] },
  },
  'data.refcode': { subject: data, bad: (f) => (data(f).refCode = null) },
  'service.application': {
    subject: (f) => f.catalog.services[0]!,
    bad: (f) => (f.catalog.relations = f.catalog.relations.filter((r) => r.type !== 'supports')),
  },
  'service.refcode': {
    subject: (f) => f.catalog.services[0]!,
    bad: (f) => (f.catalog.services[0]!.refCode = null),
  },
  'process.refcode': {
    subject: (f) => f.catalog.processes[0]!,
    bad: (f) => (f.catalog.processes[0]!.refCode = null),
  },
  'agency.egov_unit': { subject: agency, bad: (f) => (agency(f).hasEgovUnit = false) },
  'agency.ict_manager': {
    subject: agency,
    bad: (f) => (agency(f).activeIctAppointments = 0),
  },
};

function verdict(rule: Rule, f: Fixture, subject: (f: Fixture) => object): Verdict {
  const ctx = indexSnapshot(f.catalog, f.org, f.tenant);
  return (rule.evaluate as (s: unknown, c: typeof ctx) => Verdict)(subject(f), ctx);
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').toLowerCase();

describe('compliance rules', () => {
  test('there are at least 25 rules, each with a unique id and a fixture pair', () => {
    assert.ok(RULES.length >= 25, `${RULES.length} rules`);
    assert.equal(new Set(RULES.map((r) => r.id)).size, RULES.length);
    assert.deepEqual(Object.keys(CASES).sort(), RULES.map((r) => r.id).sort());
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const c = CASES[rule.id]!;
      test('a compliant record passes', () => {
        const f = base();
        c.ok?.(f);
        assert.equal(verdict(rule, f, c.subject), 'pass');
      });
      test('a non-compliant record fails', () => {
        const f = base();
        c.ok?.(f);
        c.bad(f);
        const v = verdict(rule, f, c.subject);
        assert.equal(typeof v, 'object', `expected a failure, got ${String(v)}`);
        if (c.detail && typeof v === 'object') {
          for (const [k, expected] of Object.entries(c.detail))
            assert.deepEqual(v.detail[k], expected, k);
        }
      });
      test('each citation resolves to article text with the words the rule relies on', () => {
        assert.ok(rule.citations.length > 0);
        assert.ok(
          rule.citations.some((x) => x.code !== 'PERPRES95'),
          'the main citation is a regional regulation',
        );
        for (const cit of rule.citations) {
          if (cit.article === null) {
            assert.equal(cit.code, 'PERPRES95');
            assert.ok(cit.summary?.id && cit.summary.en, 'a summary stands in for the text');
            continue;
          }
          const text = citedText(cit.code, cit.article, cit.paragraphs);
          assert.ok(text && text.length > 20, `${citationLabel(cit)} resolves`);
          assert.ok(
            normalise(text).includes(normalise(cit.phrase!)),
            `${citationLabel(cit)} contains "${cit.phrase}": ${text}`,
          );
        }
      });
      test('title and explanation in Indonesian and English', () => {
        for (const t of [rule.title, rule.explanation])
          assert.ok(t.id.length > 5 && t.en.length > 5);
      });
    });
  }

  test('a rule that does not concern a record says not-applicable', () => {
    const f = base();
    app(f).lifecycle = 'planned';
    const byId = (id: string) => RULES.find((r) => r.id === id)!;
    assert.equal(verdict(byId('app.assessment'), f, app), 'na');
    assert.equal(verdict(byId('app.vendor.contract'), f, app), 'na');
    app(f).developer = 'national';
    assert.equal(verdict(byId('app.urls.official_domain'), f, app), 'na');
    f.tenant.officialDomain = null;
    app(f).developer = 'in_house';
    app(f).lifecycle = 'production';
    assert.equal(verdict(byId('app.urls.official_domain'), f, app), 'na');
  });
});

describe('regulation profile', () => {
  const btg15Only = RULES.filter((r) => r.citations.every((c) => c.code === 'BTG15'));

  test('BTG15 is revoked by BTG19: its rules never fire for a tenant on BTG19', () => {
    assert.ok(btg15Only.length > 0);
    for (const profile of [
      ['perbup-batang-50-2019', 'perbup-batang-53-2015'],
      ['perbup-batang-53-2015', 'perbup-batang-50-2019', 'perda-barito-timur-7-2019'],
    ]) {
      assert.equal(standingOf('BTG15', profile), 'revoked');
      const f = base();
      app(f).developer = 'vendor';
      app(f).vendorName = 'PT X';
      infra(f, SERVER).country = 'US';
      const out = evaluateSnapshot(
        f.catalog,
        f.org,
        f.tenant,
        applicableRegulations(profile),
        null,
      );
      const fired = new Set(out.failures.map((x) => x.ruleId));
      for (const r of btg15Only) assert.ok(!fired.has(r.id), `${r.id} must not fire`);
    }
  });

  test('BTG15 alone applies, and its rules fire', () => {
    const profile = ['perbup-batang-53-2015'];
    assert.equal(standingOf('BTG15', profile), 'applies');
    const f = base();
    app(f).developer = 'vendor';
    infra(f, SERVER).country = 'US';
    const out = evaluateSnapshot(f.catalog, f.org, f.tenant, applicableRegulations(profile), null);
    const fired = new Set(out.failures.map((x) => x.ruleId));
    assert.ok(fired.has('app.vendor.contract'));
    assert.ok(fired.has('infra.indonesia'));
  });

  test('switching the profile changes which rules run; Perpres 95/2018 always applies', () => {
    const count = (profile: string[]) =>
      evaluateSnapshot(
        base().catalog,
        base().org,
        base().tenant,
        applicableRegulations(profile),
        null,
      ).rulesEvaluated;
    const none = count([]);
    const btg19 = count(['perbup-batang-50-2019']);
    const all = count([
      'perbup-batang-50-2019',
      'perbup-batang-hari-19-2017',
      'perbup-purbalingga-56-2019',
      'perda-barito-timur-7-2019',
    ]);
    assert.ok(none > 0, 'the national baseline always applies');
    assert.ok(none < btg19 && btg19 < all);
    assert.equal(standingOf('PERPRES95', []), 'baseline');
  });

  test('a compliant regency has no failures under every regulation', () => {
    const f = base();
    const out = evaluateSnapshot(
      f.catalog,
      f.org,
      f.tenant,
      applicableRegulations([
        'perbup-batang-53-2015',
        'perbup-batang-hari-19-2017',
        'perbup-purbalingga-56-2019',
        'perda-barito-timur-7-2019',
      ]),
      null,
    );
    assert.deepEqual(out.failures, []);
    assert.ok(out.checks > 20);
    assert.equal(out.weights.get('t'), out.weights.get(`a:${AG}`)! + out.weights.get(`a:${ICT}`)!);
    // The ledger rows (per subject) add up to the totals.
    const sum = new Map<string, number>();
    for (const w of out.subjectWeights.values()) addWeights(sum, w);
    assert.deepEqual(sum, out.weights);
    assert.equal(out.subjectWeights.get(AG)!.get('t'), out.subjectWeights.get(AG)!.get(`a:${AG}`));
    // The digest ignores the order of rows and keys; taking rows away undoes adding them.
    const rows = [...out.subjectWeights];
    const digest = addToDigest([0, 0], rows);
    const reversed = rows
      .map(([id, w]): [string, Map<string, number>] => [id, new Map([...w].reverse())])
      .reverse();
    assert.deepEqual(addToDigest([0, 0], reversed), digest);
    assert.deepEqual(addToDigest(digest, rows.slice(1), -1), addToDigest([0, 0], rows.slice(0, 1)));
    const changed = new Map(rows[0]![1]);
    changed.set('t', changed.get('t')! + 1);
    assert.notDeepEqual(
      addToDigest([0, 0], [[rows[0]![0], changed]]),
      addToDigest([0, 0], [rows[0]!]),
    );
  });

  test('failures name the record, its agency and severity', () => {
    const f = base();
    app(f).hostingCountry = 'MY';
    const out = evaluateSnapshot(
      f.catalog,
      f.org,
      f.tenant,
      applicableRegulations(['perda-barito-timur-7-2019']),
      null,
    );
    const hit = out.failures.find((x) => x.ruleId === 'app.hosting.indonesia');
    assert.deepEqual(
      hit && { kind: hit.recordKind, id: hit.recordId, agency: hit.agencyId, sev: hit.severity },
      { kind: 'application', id: APP, agency: AG, sev: 'critical' },
    );
  });
});

// Keep the kinds list honest: every kind has at least one rule.
test('every record kind and agencies have rules', () => {
  const kinds = new Set<SubjectKind>(RULES.map((r) => r.appliesTo));
  for (const k of [
    'agency',
    'service',
    'process',
    'application',
    'infrastructure',
    'data_asset',
  ] as const)
    assert.ok(kinds.has(k), k);
});
