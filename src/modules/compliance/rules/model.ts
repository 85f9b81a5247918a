import type { Localized } from '../../../platform/i18n/i18n.js';
import type {
  SnapApplication,
  SnapDataAsset,
  SnapInfrastructure,
  SnapProcess,
  SnapRelation,
  SnapService,
} from '../../catalog/catalog.snapshot.js';
import type { SnapAgency } from '../../org/org.snapshot.js';
import type { RegulationCode } from '../regulations/regulations.js';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
/** Weight of a check in the score: a critical obligation counts five low ones. */
export const SEVERITY_WEIGHT: Record<Severity, number> = {
  low: 1,
  medium: 2,
  high: 3,
  critical: 5,
};

export const SUBJECT_KINDS = [
  'agency',
  'service',
  'process',
  'application',
  'infrastructure',
  'data_asset',
] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface SubjectOf {
  agency: SnapAgency;
  service: SnapService;
  process: SnapProcess;
  application: SnapApplication;
  infrastructure: SnapInfrastructure;
  data_asset: SnapDataAsset;
}

/**
 * `CODE art.N(p)`: a regulation's article and paragraphs. `phrase` is words the cited text
 * contains (tests check the citation resolves to it). Perpres 95/2018 is cited by summary.
 */
export interface Citation {
  code: RegulationCode;
  article: number | null;
  paragraphs: number[];
  phrase: string | null;
  summary: Localized | null;
}

/** What a rule says about one record: passes, fails (with what the explanation names), or n/a. */
export type Verdict = 'pass' | 'na' | { detail: Record<string, unknown> };

/** The registry and organisation as the rules see them: indexed, read-only. */
export interface EvalContext {
  today: string;
  officialDomain: string | null;
  tenantName: string;
  agencies: ReadonlyMap<string, SnapAgency>;
  applications: ReadonlyMap<string, SnapApplication>;
  infrastructure: ReadonlyMap<string, SnapInfrastructure>;
  dataAssets: ReadonlyMap<string, SnapDataAsset>;
  /** Relations by their source and by their target. */
  outgoing: ReadonlyMap<string, readonly SnapRelation[]>;
  incoming: ReadonlyMap<string, readonly SnapRelation[]>;
  activeEmployeeIds: ReadonlySet<string>;
}

export interface Rule<K extends SubjectKind = SubjectKind> {
  id: string;
  citations: Citation[];
  title: Localized;
  explanation: Localized;
  severity: Severity;
  appliesTo: K;
  evaluate: (subject: SubjectOf[K], ctx: EvalContext) => Verdict;
}

export function cite(code: RegulationCode, article: number, paragraphs: number[], phrase: string) {
  return { code, article, paragraphs, phrase, summary: null } satisfies Citation;
}

export function citeSummary(code: RegulationCode, summary: Localized): Citation {
  return { code, article: null, paragraphs: [], phrase: null, summary };
}

/** `BTG19 art.17(2)`, `BHR17 art.6(2-3)`, `PERPRES95`. */
export function citationLabel(c: Citation): string {
  if (c.article === null) return c.code;
  const p = c.paragraphs;
  if (p.length === 0) return `${c.code} art.${c.article}`;
  const contiguous = p.every((n, i) => i === 0 || n === p[i - 1]! + 1);
  const inner = p.length > 1 && contiguous ? `${p[0]}-${p[p.length - 1]}` : p.join(',');
  return `${c.code} art.${c.article}(${inner})`;
}

export const fail = (detail: Record<string, unknown> = {}): Verdict => ({ detail });

/** Defines a rule with its subject type checked. */
export function rule<K extends SubjectKind>(r: Rule<K>): Rule<K> {
  return r;
}
