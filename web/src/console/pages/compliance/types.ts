/** Shapes of the compliance API (see docs/openapi.json, tag `compliance`). */

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface LocalizedText {
  id?: string;
  en?: string;
}

export interface ArticleRef {
  regulation?: string;
  code?: string;
  article?: string;
  title?: string;
  text?: string;
  excerpt?: string;
}

/** One article a rule cites, with the cited paragraphs' text. */
export interface CitationView {
  code: string;
  label: string;
  article: number | null;
  paragraphs?: number[];
  standing?: string;
  text: string | null;
  summary?: LocalizedText | null;
}

export interface FindingException {
  id: string;
  justification: string;
  approvedByName?: string | null;
  expiresOn: string;
  createdAt?: string;
  revokedAt?: string | null;
}

export interface Finding {
  id: string;
  ruleId: string;
  citation?: string;
  regulation?: string;
  title?: string | LocalizedText;
  explanation?: string | LocalizedText;
  severity: Severity;
  state: 'open' | 'resolved';
  recordKind: string;
  recordId: string;
  recordName: string;
  agencyId?: string | null;
  agencyName?: string | null;
  detail?: Record<string, unknown>;
  firstSeenAt?: string;
  lastSeenAt?: string;
  resolvedAt?: string | null;
  citations?: CitationView[];
  article?: ArticleRef | null;
  articleText?: string | null;
  exception?: FindingException | null;
  rule?: {
    id?: string;
    citation?: string;
    regulation?: string;
    title?: string | LocalizedText;
    explanation?: string | LocalizedText;
  };
}

export interface FindingList {
  items: Finding[];
  total: number;
  page?: number;
  pageSize?: number;
}

export interface Summary {
  score: number | null;
  byAgency: Array<{ agencyId: string; agencyName: string; score: number | null; open: number }>;
  byRegulation: Array<{
    code: string;
    title?: string | LocalizedText;
    score: number | null;
    open: number;
  }>;
  trend: Array<{ day: string; score: number | null }>;
  lastEvaluation: {
    id?: string;
    startedAt: string;
    durationMs?: number;
    trigger?: string;
    opened?: number;
    resolved?: number;
  } | null;
}

export interface Rule {
  id: string;
  citation?: string;
  regulation?: string;
  title: string | LocalizedText;
  explanation?: string | LocalizedText;
  severity: Severity;
  appliesTo: string | string[];
  citations?: CitationView[];
  regulations?: string[];
  applies: boolean;
  /** Why it does not apply (revoked, not in profile). */
  reason?: string | null;
  notApplicableReason?: string | null;
  revokedBy?: string | null;
}

/** Picks the UI language's text of an id+en pair (or passes a plain string through). */
export function localized(
  value: string | LocalizedText | null | undefined,
  language: string,
): string {
  if (!value) return '';
  if (typeof value === 'string') return value;
  return (language === 'en' ? value.en : value.id) ?? value.id ?? value.en ?? '';
}

export function findingCitation(f: Finding): string {
  if (f.citations && f.citations.length > 0) return f.citations.map((c) => c.label).join('; ');
  return f.citation ?? f.rule?.citation ?? f.ruleId;
}

/** The cited articles with their text (the finding's citations, or its single article). */
export function citedTexts(
  citations: CitationView[] | undefined,
  fallback?: { label: string; text: string },
): Array<{ label: string; text: string; standing?: string | undefined }> {
  const out: Array<{ label: string; text: string; standing?: string | undefined }> = (
    citations ?? []
  )
    .filter((c) => c.text)
    .map((c) => ({ label: c.label, text: c.text as string, standing: c.standing }));
  if (out.length === 0 && fallback && fallback.text) out.push(fallback);
  return out;
}

export function findingTitle(f: Finding, language: string): string {
  return localized(f.title ?? f.rule?.title, language) || f.ruleId;
}

export function findingExplanation(f: Finding, language: string): string {
  return localized(f.explanation ?? f.rule?.explanation, language);
}

export function findingArticleText(f: Finding): string {
  return f.articleText ?? f.article?.text ?? f.article?.excerpt ?? '';
}
