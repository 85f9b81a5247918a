import type { CatalogSnapshot, SnapRelation } from '../catalog/catalog.snapshot.js';
import type { OrgSnapshot } from '../org/org.snapshot.js';
import type { RegulationCode } from './regulations/regulations.js';
import {
  SEVERITY_WEIGHT,
  type EvalContext,
  type Rule,
  type Severity,
  type SubjectKind,
} from './rules/model.js';
import { RULES } from './rules/rules.js';

/*
 * The pure part of an evaluation: the rules over a snapshot, no database. The service loads the
 * snapshot, calls this, and writes what it returns.
 */

export interface TenantFacts {
  today: string;
  officialDomain: string | null;
  tenantName: string;
}

/** A failed check: becomes (or keeps) an open finding. */
export interface Failure {
  ruleId: string;
  recordKind: SubjectKind;
  recordId: string;
  recordName: string;
  agencyId: string | null;
  severity: Severity;
  detail: Record<string, unknown>;
}

export interface Outcome {
  failures: Failure[];
  /** Checks made (pass or fail; not-applicable is no check). */
  checks: number;
  rulesEvaluated: number;
  /** Severity-weighted checks per score key: `t` (tenant), `a:<agencyId>`, `r:<code>`. */
  weights: Map<string, number>;
  /** The same per subject (record or agency) that made a check: the rows of the check ledger. */
  subjectWeights: Map<string, Map<string, number>>;
}

/** Adds `w` to every key of `into` the weights `from` name (negated with `sign = -1`). */
export function addWeights(
  into: Map<string, number>,
  from: Iterable<[string, number]>,
  sign: 1 | -1 = 1,
): void {
  for (const [k, w] of from) into.set(k, (into.get(k) ?? 0) + sign * w);
}

/** The citations of a rule that count for the profile (its applicable regulations). */
export function applicableCodes(rule: Rule, applicable: ReadonlySet<RegulationCode>) {
  const out: RegulationCode[] = [];
  for (const c of rule.citations)
    if (applicable.has(c.code) && !out.includes(c.code)) out.push(c.code);
  return out;
}

/** FNV-1a over a string, from `h`. */
function fnv(text: string, h: number): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A key's hash, once per key (there are a few dozen). */
const keyHashes = new Map<string, number>();
function keyHash(k: string): number {
  let h = keyHashes.get(k);
  if (h === undefined) {
    h = fnv(k, 2166136261);
    keyHashes.set(k, h);
  }
  return h;
}

/** Mixes a subject's hash, a key's hash and a weight into 32 bits (murmur3's finaliser). */
function mix(subject: number, key: number, w: number): number {
  let x = Math.imul(subject ^ key, 0x9e3779b1) ^ w;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * An order-free digest of check-ledger rows: the sum (mod 2^32, in two lanes seeded apart) of a
 * hash of every (subject, key, weight). Rows can be added and taken away (`sign`), so a partial
 * run keeps the ledger's digest without reading the ledger, and a full run that computes the same
 * digest knows the ledger already holds its rows.
 */
export function addToDigest(
  digest: readonly [number, number],
  rows: Iterable<[string, Iterable<[string, number]>]>,
  sign: 1 | -1 = 1,
): [number, number] {
  let [a, b] = digest;
  for (const [id, weights] of rows) {
    const ha = fnv(id, 2166136261);
    const hb = fnv(id, 84696351);
    for (const [k, w] of weights) {
      const hk = keyHash(k);
      a = (a + sign * mix(ha, hk, w)) >>> 0;
      b = (b + sign * mix(hb, hk, w)) >>> 0;
    }
  }
  return [a, b];
}

function groupBy(relations: readonly SnapRelation[], key: 'fromId' | 'toId') {
  const m = new Map<string, SnapRelation[]>();
  for (const r of relations) {
    const k = r[key];
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

export function indexSnapshot(
  catalog: CatalogSnapshot,
  org: OrgSnapshot,
  tenant: TenantFacts,
): EvalContext {
  return {
    today: tenant.today,
    officialDomain: tenant.officialDomain,
    tenantName: tenant.tenantName,
    agencies: new Map(org.agencies.map((a) => [a.id, a])),
    applications: new Map(catalog.applications.map((a) => [a.id, a])),
    infrastructure: new Map(catalog.infrastructure.map((i) => [i.id, i])),
    dataAssets: new Map(catalog.dataAssets.map((d) => [d.id, d])),
    outgoing: groupBy(catalog.relations, 'fromId'),
    incoming: groupBy(catalog.relations, 'toId'),
    activeEmployeeIds: org.activeEmployeeIds,
  };
}

/**
 * Runs every rule that applies under the profile over the snapshot's subjects (all records, or
 * only `catalog.subjects`), and the agency rules over `agencySubjects` (all agencies when null).
 */
export function evaluateSnapshot(
  catalog: CatalogSnapshot,
  org: OrgSnapshot,
  tenant: TenantFacts,
  applicable: ReadonlySet<RegulationCode>,
  agencySubjects: ReadonlySet<string> | null,
): Outcome {
  const ctx = indexSnapshot(catalog, org, tenant);
  const failures: Failure[] = [];
  // Per subject: its agency, its total weight and its weight per applicable regulation (in the
  // order of `regKeys`); the score keys are made once per subject, at the end.
  const regKeys = [...applicable].map((c) => `r:${c}`);
  const regIndex = new Map([...applicable].map((c, i) => [c, i]));
  type Acc = { agencyId: string; w: number; regs: number[] };
  let checks = 0;
  let rulesEvaluated = 0;

  const subjectsOf = (kind: SubjectKind): ReadonlyArray<{ id: string; name: string }> => {
    const keep = <T extends { id: string }>(xs: T[]) =>
      catalog.subjects ? xs.filter((x) => catalog.subjects!.has(x.id)) : xs;
    switch (kind) {
      case 'agency':
        return agencySubjects ? org.agencies.filter((a) => agencySubjects.has(a.id)) : org.agencies;
      case 'service':
        return keep(catalog.services);
      case 'process':
        return keep(catalog.processes);
      case 'application':
        return keep(catalog.applications);
      case 'infrastructure':
        return keep(catalog.infrastructure);
      case 'data_asset':
        return keep(catalog.dataAssets);
    }
  };
  // Per kind: its subjects, and their accumulators by position (no lookup by id per check).
  const cache = new Map<
    SubjectKind,
    { subjects: ReadonlyArray<{ id: string; name: string }>; accs: Array<Acc | undefined> }
  >();

  for (const rule of RULES) {
    const codes = applicableCodes(rule, applicable);
    if (codes.length === 0) continue;
    rulesEvaluated++;
    let kind = cache.get(rule.appliesTo);
    if (!kind) {
      kind = { subjects: subjectsOf(rule.appliesTo), accs: [] };
      cache.set(rule.appliesTo, kind);
    }
    const { subjects, accs } = kind;
    const w = SEVERITY_WEIGHT[rule.severity];
    const regs = codes.map((c) => regIndex.get(c)!);
    const evaluate = rule.evaluate as (s: unknown, c: EvalContext) => ReturnType<Rule['evaluate']>;
    for (let j = 0; j < subjects.length; j++) {
      const s = subjects[j]!;
      const v = evaluate(s, ctx);
      if (v === 'na') continue;
      checks++;
      const agencyId =
        rule.appliesTo === 'agency' ? s.id : (s as unknown as { agencyId: string }).agencyId;
      let acc = accs[j];
      if (!acc) {
        acc = { agencyId, w: 0, regs: regKeys.map(() => 0) };
        accs[j] = acc;
      }
      acc.w += w;
      for (const i of regs) acc.regs[i]! += w;
      if (v !== 'pass') {
        failures.push({
          ruleId: rule.id,
          recordKind: rule.appliesTo,
          recordId: s.id,
          recordName: s.name,
          agencyId,
          severity: rule.severity,
          detail: v.detail,
        });
      }
    }
  }
  const subjectWeights = new Map<string, Map<string, number>>();
  const weights = new Map<string, number>();
  const add = (k: string, w: number) => weights.set(k, (weights.get(k) ?? 0) + w);
  for (const { subjects, accs } of cache.values()) {
    accs.forEach((acc, j) => {
      if (!acc) return;
      const aKey = `a:${acc.agencyId}`;
      const sw = new Map([
        ['t', acc.w],
        [aKey, acc.w],
      ]);
      add('t', acc.w);
      add(aKey, acc.w);
      acc.regs.forEach((w, i) => {
        if (w === 0) return;
        sw.set(regKeys[i]!, w);
        add(regKeys[i]!, w);
      });
      subjectWeights.set(subjects[j]!.id, sw);
    });
  }
  return { failures, checks, rulesEvaluated, weights, subjectWeights };
}
