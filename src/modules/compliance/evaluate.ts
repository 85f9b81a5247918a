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
}

/** The citations of a rule that count for the profile (its applicable regulations). */
export function applicableCodes(rule: Rule, applicable: ReadonlySet<RegulationCode>) {
  const out: RegulationCode[] = [];
  for (const c of rule.citations)
    if (applicable.has(c.code) && !out.includes(c.code)) out.push(c.code);
  return out;
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
  const weights = new Map<string, number>();
  let checks = 0;
  let rulesEvaluated = 0;
  const add = (key: string, w: number) => weights.set(key, (weights.get(key) ?? 0) + w);

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
  const cache = new Map<SubjectKind, ReadonlyArray<{ id: string; name: string }>>();

  for (const rule of RULES) {
    const codes = applicableCodes(rule, applicable);
    if (codes.length === 0) continue;
    rulesEvaluated++;
    let subjects = cache.get(rule.appliesTo);
    if (!subjects) {
      subjects = subjectsOf(rule.appliesTo);
      cache.set(rule.appliesTo, subjects);
    }
    const w = SEVERITY_WEIGHT[rule.severity];
    const regKeys = codes.map((c) => `r:${c}`);
    const evaluate = rule.evaluate as (s: unknown, c: EvalContext) => ReturnType<Rule['evaluate']>;
    for (const s of subjects) {
      const v = evaluate(s, ctx);
      if (v === 'na') continue;
      checks++;
      const agencyId =
        rule.appliesTo === 'agency' ? s.id : (s as unknown as { agencyId: string }).agencyId;
      add('t', w);
      add(`a:${agencyId}`, w);
      for (const k of regKeys) add(k, w);
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
  return { failures, checks, rulesEvaluated, weights };
}
