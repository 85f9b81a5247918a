import { dayIn } from '../../platform/util/dates.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { agencyScope, authorize } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import type { Localized } from '../../platform/i18n/i18n.js';
import { loadCatalogSnapshot } from '../catalog/catalog.snapshot.js';
import { agencyNames, loadOrgSnapshot } from '../org/org.snapshot.js';
import { regulationFactsOf } from '../tenancy/tenancy.service.js';
import './compliance.errors.js';
import * as repo from './db/compliance.repository.js';
import type { EvaluationRow, ExceptionRow } from './db/schema.js';
import {
  addToDigest,
  addWeights,
  applicableCodes,
  evaluateSnapshot,
  type Outcome,
} from './evaluate.js';
import { articleText } from './regulations/parse.js';
import {
  REGULATIONS,
  applicableRegulations,
  articlesOf,
  citedText,
  regulation,
  standingOf,
  type RegulationCode,
  type RegulationStanding,
} from './regulations/regulations.js';
import {
  citationLabel,
  SEVERITY_WEIGHT,
  type Citation,
  type Rule,
  type Severity,
  type SubjectKind,
} from './rules/model.js';
import { RULES, RULES_BY_ID } from './rules/rules.js';

/** A transaction has one connection, which runs one statement at a time: these run in turn. */
async function inTurn<T extends unknown[]>(
  ...fns: { [K in keyof T]: () => Promise<T[K]> }
): Promise<T> {
  const out: unknown[] = [];
  for (const fn of fns) out.push(await fn());
  return out as T;
}

const READ = 'compliance:finding:read';

/** The tenant's calendar day (YYYY-MM-DD) in its time zone. */
export const todayIn = dayIn;

async function factsOf(ctx: Ctx) {
  const facts = await regulationFactsOf(ctx);
  return {
    ...facts,
    today: todayIn(ctx.tenant.timeZone),
    applicable: applicableRegulations(facts.regulationProfile),
  };
}

// ------------------------------------------------------------------ evaluation

export type EvaluationTrigger = EvaluationRow['trigger'];

/** Where an evaluation's time went (the benchmark reports it). */
export interface EvaluationTimings {
  loadMs: number;
  rulesMs: number;
  writeMs: number;
}

type Scope = null | { recordIds?: string[]; agencyIds?: string[]; kind?: string };

/**
 * Writes the day's scores: the check totals of the ledger (`compliance_checks`) minus the weight
 * of the open findings without an exception in force, one row per key; a key that no longer
 * counts loses its row of the day.
 */
async function refreshScores(
  ctx: Ctx,
  today: string,
  applicable: ReadonlySet<RegulationCode>,
  checks: ReadonlyMap<string, number>,
): Promise<void> {
  const failed = new Map<string, number>();
  const add = (k: string, w: number) => failed.set(k, (failed.get(k) ?? 0) + w);
  for (const f of await repo.openFailureWeights(ctx.tx, today)) {
    const rule = RULES_BY_ID.get(f.ruleId);
    if (!rule) continue;
    const codes = applicableCodes(rule, applicable);
    if (codes.length === 0) continue;
    const w = SEVERITY_WEIGHT[f.severity as Severity] * f.n;
    add('t', w);
    if (f.agencyId) add(`a:${f.agencyId}`, w);
    for (const c of codes) add(`r:${c}`, w);
  }
  const keys = new Set([...checks.keys(), ...failed.keys()]);
  const rows = [...keys].map((k) => {
    // The ledger counts every check of an open finding; the guard only matters for findings
    // older than the ledger.
    const total = Math.max(checks.get(k) ?? 0, failed.get(k) ?? 0);
    return {
      agencyId: k.startsWith('a:') ? k.slice(2) : null,
      regulation: k.startsWith('r:') ? k.slice(2) : null,
      checks: total,
      passed: total - (failed.get(k) ?? 0),
    };
  });
  await repo.writeScores(ctx.tx, ctx.tenantId, today, rows);
}

/**
 * Recounts the scores after an exception was accepted or revoked. A tenant last evaluated before
 * the check ledger existed has no totals yet: it gets a full run instead.
 */
async function rescore(
  ctx: Ctx,
  today: string,
  applicable: ReadonlySet<RegulationCode>,
): Promise<void> {
  const totals = await repo.checkTotals(ctx.tx);
  if (totals) await refreshScores(ctx, today, applicable, totals);
  else await runEvaluation(ctx, 'change', null);
}

/**
 * Brings the check ledger of `scope` (null: every subject) up to a run's weights and returns the
 * new totals: the run's own for a full run, the locked totals plus what the scope's rows changed
 * for a partial one. Keys whose total fell to zero are dropped. A full run whose rows hash to the
 * ledger's digest leaves the ledger alone without reading it (the steady case).
 */
async function updateLedger(
  ctx: Ctx,
  current: repo.CheckTotals | null,
  scope: readonly string[] | null,
  outcome: Outcome,
): Promise<Map<string, number>> {
  let next: repo.CheckTotals;
  if (scope && current) {
    const old = await repo.replaceChecks(ctx.tx, ctx.tenantId, scope, outcome.subjectWeights);
    const weights = new Map(current.weights);
    for (const w of old.values()) addWeights(weights, w, -1);
    for (const w of outcome.subjectWeights.values()) addWeights(weights, w);
    let digest = addToDigest(current.digest, old, -1);
    digest = addToDigest(digest, outcome.subjectWeights);
    next = { weights, digest };
  } else {
    const digest = addToDigest([0, 0], outcome.subjectWeights);
    if (!current || digest[0] !== current.digest[0] || digest[1] !== current.digest[1])
      await repo.replaceChecks(ctx.tx, ctx.tenantId, null, outcome.subjectWeights);
    next = { weights: new Map(outcome.weights), digest };
  }
  for (const [k, w] of next.weights) if (w === 0) next.weights.delete(k);
  const same =
    current !== null &&
    current.digest[0] === next.digest[0] &&
    current.digest[1] === next.digest[1] &&
    current.weights.size === next.weights.size &&
    [...next.weights].every(([k, w]) => current.weights.get(k) === w);
  if (!same) await repo.writeCheckTotals(ctx.tx, ctx.tenantId, next);
  return next.weights;
}

async function runEvaluation(
  ctx: Ctx,
  trigger: EvaluationTrigger,
  requested: Scope,
): Promise<{ evaluation: EvaluationRow; timings: EvaluationTimings }> {
  const startedAt = new Date();
  const t0 = performance.now();
  // The tenant's runs take turns from here (the totals row is locked until commit), so each one
  // sees what the one before it committed. Before the first full run, a partial one is full.
  const current = await repo.lockCheckTotals(ctx.tx);
  const scope = current ? requested : null;
  const facts = await factsOf(ctx);
  const catalog = await loadCatalogSnapshot(ctx.tx, scope ?? {});
  const stewards = catalog.dataAssets
    .map((d) => d.stewardEmployeeId)
    .filter((x): x is string => x !== null);
  const org = await loadOrgSnapshot(ctx.tx, { today: facts.today, employeeIds: stewards });
  const t1 = performance.now();
  const outcome = evaluateSnapshot(
    catalog,
    org,
    { today: facts.today, officialDomain: facts.officialDomain, tenantName: facts.name },
    facts.applicable,
    scope ? new Set(scope.agencyIds ?? []) : null,
  );
  const t2 = performance.now();
  const resolveScope = scope ? [...(catalog.subjects ?? []), ...(scope.agencyIds ?? [])] : null;
  const { opened, resolved } = await repo.reconcileFindings(
    ctx.tx,
    ctx.tenantId,
    outcome.failures,
    resolveScope,
  );
  const totals = await updateLedger(ctx, current, resolveScope, outcome);
  await refreshScores(ctx, facts.today, facts.applicable, totals);
  const durationMs = Math.round(performance.now() - t0);
  const evaluation = await repo.insertEvaluation(ctx.tx, {
    tenantId: ctx.tenantId,
    trigger,
    startedAt,
    durationMs,
    rulesEvaluated: outcome.rulesEvaluated,
    checks: outcome.checks,
    failures: outcome.failures.length,
    opened,
    resolved,
    profile: [...facts.applicable],
  });
  // A run caused by a change is worth an audit event when it changed a finding; the others
  // (manual, nightly, profile) always are.
  if (trigger !== 'change' || opened + resolved > 0)
    await writeAudit(ctx.tx, ctx, {
      action: 'compliance.evaluation.completed',
      targetType: 'compliance_evaluation',
      targetId: evaluation.id,
      data: {
        trigger,
        scope: scope ? 'partial' : 'all',
        checks: outcome.checks,
        failures: outcome.failures.length,
        opened,
        resolved,
      },
    });
  const t3 = performance.now();
  return {
    evaluation,
    timings: {
      loadMs: Math.round(t1 - t0),
      rulesMs: Math.round(t2 - t1),
      writeMs: Math.round(t3 - t2),
    },
  };
}

/**
 * Evaluates every rule that applies to the tenant over the whole registry and organisation,
 * reconciles the findings, writes the day's scores and the evaluation, audited. No permission
 * check: events and the nightly job call it; `runEvaluationNow` is the user-facing entry.
 */
export async function evaluateAll(ctx: Ctx, trigger: EvaluationTrigger): Promise<EvaluationRow> {
  return (await runEvaluation(ctx, trigger, null)).evaluation;
}

/** evaluateAll with where its time went (the benchmark). */
export async function evaluateAllTimed(ctx: Ctx, trigger: EvaluationTrigger) {
  return runEvaluation(ctx, trigger, null);
}

/**
 * Re-evaluates one record (and the records whose verdicts hang on it: its relation neighbours
 * and the infrastructure under it), or one agency's own rules and records: their findings and
 * their rows of the check ledger, so the scores stay exact. Before any full run, runs one.
 */
export async function evaluateRecord(
  ctx: Ctx,
  kind: SubjectKind,
  id: string,
): Promise<EvaluationRow> {
  return (await evaluateRecordTimed(ctx, kind, id)).evaluation;
}

export async function evaluateRecordTimed(ctx: Ctx, kind: SubjectKind, id: string) {
  return runEvaluation(
    ctx,
    'change',
    kind === 'agency' ? { agencyIds: [id] } : { recordIds: [id], kind },
  );
}

/** POST /api/compliance/evaluate: a full run now, by the ICT office. */
export async function runEvaluationNow(ctx: Ctx): Promise<EvaluationRow> {
  authorize(ctx, 'compliance:evaluation:run', null);
  return evaluateAll(ctx, 'manual');
}

// ------------------------------------------------------------------ rules and regulations

export interface CitationView {
  code: RegulationCode;
  label: string;
  article: number | null;
  paragraphs: number[];
  standing: RegulationStanding;
  /** The cited paragraphs' text, or null for a regulation whose text is not shipped. */
  text: string | null;
  summary: Localized | null;
}

function citationView(c: Citation, profile: readonly string[]): CitationView {
  return {
    code: c.code,
    label: citationLabel(c),
    article: c.article,
    paragraphs: c.paragraphs,
    standing: standingOf(c.code, profile),
    text: c.article === null ? null : citedText(c.code, c.article, c.paragraphs),
    summary: c.summary,
  };
}

const applies = (s: RegulationStanding) => s === 'baseline' || s === 'applies';

export interface RuleView {
  id: string;
  title: Localized;
  explanation: Localized;
  severity: Severity;
  appliesTo: SubjectKind;
  citations: CitationView[];
  regulations: RegulationCode[];
  applies: boolean;
  /** Why a rule does not apply: its regulations are revoked or not in the profile. */
  notApplicableReason: 'revoked' | 'not_in_profile' | null;
}

function ruleView(rule: Rule, profile: readonly string[]): RuleView {
  const citations = rule.citations.map((c) => citationView(c, profile));
  const on = citations.some((c) => applies(c.standing));
  return {
    id: rule.id,
    title: rule.title,
    explanation: rule.explanation,
    severity: rule.severity,
    appliesTo: rule.appliesTo,
    citations,
    regulations: [...new Set(rule.citations.map((c) => c.code))],
    applies: on,
    notApplicableReason: on
      ? null
      : citations.some((c) => c.standing === 'revoked')
        ? 'revoked'
        : 'not_in_profile',
  };
}

export async function listRules(ctx: Ctx): Promise<{ items: RuleView[] }> {
  authorize(ctx, READ);
  const { regulationProfile } = await regulationFactsOf(ctx);
  return { items: RULES.map((r) => ruleView(r, regulationProfile)) };
}

export async function listRegulations(ctx: Ctx) {
  authorize(ctx, READ);
  const { regulationProfile } = await regulationFactsOf(ctx);
  return {
    items: REGULATIONS.map((r) => ({
      code: r.code,
      short: r.short,
      title: r.title,
      profileCode: r.profileCode,
      standing: standingOf(r.code, regulationProfile),
      revokedBy: r.revokedBy ? `${r.revokedBy.code} art.${r.revokedBy.article}` : null,
      hasText: r.file !== null,
      articleCount: articlesOf(r.code)?.size ?? 0,
      ruleCount: RULES.filter((x) => x.citations.some((c) => c.code === r.code)).length,
    })),
  };
}

export async function getArticle(ctx: Ctx, code: string, article: number) {
  authorize(ctx, READ);
  const reg = regulation(code);
  if (!reg) throw new AppError('compliance.regulation_not_found', { code });
  const a = articlesOf(reg.code)?.get(article);
  if (!a) throw new AppError('compliance.article_not_found', { code: reg.code, article });
  return {
    code: reg.code,
    short: reg.short,
    article: a.number,
    text: articleText(a),
    paragraphs: a.paragraphs,
    elucidation: a.elucidation,
  };
}

// ------------------------------------------------------------------ findings

export interface FindingQuery {
  state?: 'open' | 'resolved' | 'all';
  agencyId?: string;
  ruleId?: string;
  regulation?: string;
  severity?: Severity;
  recordId?: string;
  page?: number;
  pageSize?: number;
}

const EXCERPT = 600;
const excerpt = (t: string | null) => (t && t.length > EXCERPT ? `${t.slice(0, EXCERPT - 1)}…` : t);

function presentFinding(
  f: repo.FindingListRow,
  profile: readonly string[],
  names: Map<string, string>,
) {
  const rule = RULES_BY_ID.get(f.ruleId);
  const all = rule ? rule.citations.map((c) => citationView(c, profile)) : [];
  const inForce = all.filter((c) => applies(c.standing));
  return {
    id: f.id,
    ruleId: f.ruleId,
    title: rule?.title ?? { id: f.ruleId, en: f.ruleId },
    explanation: rule?.explanation ?? { id: '', en: '' },
    severity: f.severity as Severity,
    state: f.state as 'open' | 'resolved',
    recordKind: f.recordKind as SubjectKind,
    recordId: f.recordId,
    recordName: f.recordName,
    agencyId: f.agencyId,
    agencyName: f.agencyId ? (names.get(f.agencyId) ?? null) : null,
    detail: f.detail,
    citations: (inForce.length > 0 ? inForce : all).map((c) => ({ ...c, text: excerpt(c.text) })),
    firstSeenAt: f.firstSeenAt,
    lastSeenAt: f.lastSeenAt,
    resolvedAt: f.resolvedAt,
    exception: f.exceptionId
      ? {
          id: f.exceptionId,
          justification: f.exceptionJustification ?? '',
          approvedByName: f.exceptionApprovedByName ?? '',
          expiresOn: f.exceptionExpiresOn ?? '',
          createdAt: f.exceptionCreatedAt!,
        }
      : null,
  };
}

export type FindingView = ReturnType<typeof presentFinding>;

/** The agencies the caller may read findings of (null: all), narrowed to one when asked. */
function readableAgencies(ctx: Ctx, agencyId?: string): string[] | null {
  if (agencyId) {
    authorize(ctx, READ, agencyId);
    return [agencyId];
  }
  authorize(ctx, READ);
  return agencyScope(ctx.principal, READ);
}

/** Findings, worst first (open before resolved, then severity, then age). */
export async function listFindings(ctx: Ctx, q: FindingQuery) {
  const agencyIds = readableAgencies(ctx, q.agencyId);
  const facts = await factsOf(ctx);
  let ruleIds: string[] | null = q.ruleId ? [q.ruleId] : null;
  if (q.regulation) {
    const code = q.regulation.toUpperCase();
    const citing = RULES.filter((r) => r.citations.some((c) => c.code === code)).map((r) => r.id);
    ruleIds = ruleIds ? ruleIds.filter((id) => citing.includes(id)) : citing;
  }
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 25;
  const { items, total } = await repo.listFindings(ctx.tx, {
    state: q.state ?? 'open',
    agencyIds,
    ruleIds,
    severity: q.severity ?? null,
    recordId: q.recordId ?? null,
    today: facts.today,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const names = await agencyNames(
    ctx.tx,
    items.map((i) => i.agencyId).filter((x): x is string => x !== null),
  );
  return {
    items: items.map((f) => presentFinding(f, facts.regulationProfile, names)),
    total,
    page,
    pageSize,
  };
}

// ------------------------------------------------------------------ summary

export async function summary(ctx: Ctx) {
  const agencies = readableAgencies(ctx);
  const facts = await factsOf(ctx);
  const [{ latest, trend }, openByAgency, openByRule, last] = await inTurn(
    () => repo.scoresView(ctx.tx, 90),
    () => repo.openCountsByAgency(ctx.tx),
    () => repo.openCountsByRule(ctx.tx),
    () => repo.lastEvaluation(ctx.tx),
  );
  const tenantRow = latest.find((r) => r.agencyId === null && r.regulation === null);
  const agencyRows = latest.filter(
    (r) => r.agencyId !== null && (agencies === null || agencies.includes(r.agencyId)),
  );
  const names = await agencyNames(
    ctx.tx,
    agencyRows.map((r) => r.agencyId!),
  );
  const byRegulation = REGULATIONS.filter((r) => facts.applicable.has(r.code)).map((r) => {
    const row = latest.find((x) => x.regulation === r.code && x.agencyId === null);
    let open = 0;
    for (const rule of RULES)
      if (rule.citations.some((c) => c.code === r.code)) open += openByRule.get(rule.id) ?? 0;
    return { code: r.code, title: r.short, score: row ? row.score : null, open };
  });
  return {
    score: tenantRow ? tenantRow.score : null,
    day: tenantRow?.day ?? null,
    byAgency: agencyRows
      .map((r) => ({
        agencyId: r.agencyId!,
        agencyName: names.get(r.agencyId!) ?? '',
        score: r.score,
        open: openByAgency.get(r.agencyId) ?? 0,
      }))
      .sort((a, b) => a.score - b.score || a.agencyName.localeCompare(b.agencyName)),
    byRegulation,
    trend,
    lastEvaluation: last,
  };
}

// ------------------------------------------------------------------ exceptions

function addYears(day: string, years: number): string {
  return `${Number(day.slice(0, 4)) + years}${day.slice(4)}`;
}

export interface ExceptionInput {
  findingId: string;
  justification: string;
  /** YYYY-MM-DD: after today, at most 2 years ahead. */
  expiresOn: string;
}

function presentException(e: ExceptionRow) {
  return {
    id: e.id,
    ruleId: e.ruleId,
    recordId: e.recordId,
    justification: e.justification,
    approvedBy: e.approvedBy,
    approvedByName: e.approvedByName,
    expiresOn: e.expiresOn,
    createdAt: e.createdAt,
    revokedAt: e.revokedAt,
  };
}

/**
 * Accepts an open finding as an exception: justified, approved by the acting user, until a date
 * at most 2 years ahead. While in force the check counts as passed. Audited.
 */
export async function acceptException(ctx: Ctx, input: ExceptionInput) {
  authorize(ctx, 'compliance:exception:write');
  const facts = await factsOf(ctx);
  const finding = await repo.findFinding(ctx.tx, input.findingId, facts.today);
  if (!finding) throw new AppError('compliance.finding_not_found');
  authorize(ctx, 'compliance:exception:write', finding.agencyId);
  if (finding.state !== 'open') throw new AppError('compliance.finding_not_open');
  if (finding.exceptionId) throw new AppError('compliance.exception_exists');
  const expiresOn = input.expiresOn;
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(expiresOn) ||
    Number.isNaN(Date.parse(expiresOn)) ||
    expiresOn <= facts.today ||
    expiresOn > addYears(facts.today, 2)
  ) {
    throw new AppError('compliance.exception_expiry_invalid');
  }
  const row = await repo.insertException(ctx.tx, {
    tenantId: ctx.tenantId,
    ruleId: finding.ruleId,
    recordId: finding.recordId,
    justification: input.justification.trim(),
    approvedBy: ctx.principal!.userId,
    approvedByName: ctx.principal!.username,
    expiresOn,
  });
  await writeAudit(ctx.tx, ctx, {
    action: 'compliance.exception.accepted',
    targetType: 'compliance_exception',
    targetId: row.id,
    after: presentException(row),
    data: { findingId: finding.id, ruleId: finding.ruleId, recordId: finding.recordId, expiresOn },
  });
  await rescore(ctx, facts.today, facts.applicable);
  return presentException(row);
}

/** Revokes an exception: the finding counts against the score again. Audited. */
export async function revokeException(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx, 'compliance:exception:write');
  const existing = await repo.findException(ctx.tx, id);
  if (!existing || existing.revokedAt) throw new AppError('compliance.exception_not_found');
  const agencyId = await repo.findingAgency(ctx.tx, existing.ruleId, existing.recordId);
  authorize(ctx, 'compliance:exception:write', agencyId);
  const revoked = await repo.revokeException(ctx.tx, id, ctx.principal?.userId ?? null);
  if (!revoked) throw new AppError('compliance.exception_not_found');
  await writeAudit(ctx.tx, ctx, {
    action: 'compliance.exception.revoked',
    targetType: 'compliance_exception',
    targetId: id,
    before: presentException(existing),
    after: presentException(revoked),
    data: { ruleId: existing.ruleId, recordId: existing.recordId },
  });
  const facts = await factsOf(ctx);
  await rescore(ctx, facts.today, facts.applicable);
}

export async function listExceptions(
  ctx: Ctx,
  q: { state?: 'active' | 'expired' | 'revoked' | 'all' },
) {
  const agencies = readableAgencies(ctx);
  const facts = await factsOf(ctx);
  const rows = await repo.listExceptions(ctx.tx, {
    state: q.state ?? 'active',
    today: facts.today,
  });
  return {
    items: rows
      .filter((r) => agencies === null || (r.agencyId !== null && agencies.includes(r.agencyId)))
      .map((r) => ({ ...presentException(r), recordName: r.recordName, agencyId: r.agencyId })),
  };
}
