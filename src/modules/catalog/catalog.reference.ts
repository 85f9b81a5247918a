import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { authorize } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Tx } from '../../platform/db/database.js';
import { pgCode } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import { interpolate, type Localized } from '../../platform/i18n/i18n.js';
import { ROOT } from '../../platform/paths.js';
import {
  ROW_PROBLEMS,
  UNREADABLE_REASONS,
  type RowProblem,
  type UnreadableReason,
} from './catalog-exchange.errors.js';
import * as repo from './db/exchange.repository.js';
import { CODE_PREFIXES, type CodePrefix, type CodeRow, type CodeSetRow } from './db/schema.js';

/*
 * The reference-architecture code sets (Referensi Arsitektur SPBE, Perpres 95/2018 and
 * 132/2022; spbe-reference §3). They are data, never hard-coded: a tenant starts with the
 * built-in set shipped as CSV (src/modules/catalog/reference/perpres-132-2022.csv) and loads
 * newer versions from CSV. Each import is a new version that becomes current; older versions
 * stay, so a record keeps citing the version it was coded against (refCodeSetId).
 */

/** `<PREFIX>.<NN>[.<NN>…]`: two digits per level (spbe-reference §3.2). */
export const CODE_FORMAT = /^(RAB|RAD|RAL|RAA|RAI|RAK)(\.\d{2})+$/;

export const BUILTIN_VERSION = 'Perpres 132/2022 (2020-2024)';
export const BUILTIN_SOURCE =
  'Perpres 132/2022 Arsitektur SPBE Nasional — level-1 and known level-2/3 entries (built in)';

/**
 * The built-in data file. It lives in src/ and is read at runtime both under tsx and from the
 * tsc build in dist/ (ROOT is the install root in both cases; tsc does not copy CSV files, so
 * the file is read from src/, which every install ships).
 */
export const BUILTIN_CSV_PATH = path.join(
  ROOT,
  'src',
  'modules',
  'catalog',
  'reference',
  'perpres-132-2022.csv',
);

export const CODE_SET_MAX_ROWS = 50_000;

/** The parent of a code: the code without its last `.NN` (null at level 1). */
export function parentOf(code: string): string | null {
  const parts = code.split('.');
  return parts.length > 2 ? parts.slice(0, -1).join('.') : null;
}

/** The level of a code: the number of `.NN` segments. */
export function levelOf(code: string): number {
  return code.split('.').length - 1;
}

/** The code and its ancestors, nearest first: RAB.01.02.03 → [RAB.01.02.03, RAB.01.02, RAB.01]. */
export function ancestry(code: string): string[] {
  const out: string[] = [];
  for (let c: string | null = code; c; c = parentOf(c)) out.push(c);
  return out;
}

export interface ParsedCode {
  prefix: CodePrefix;
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  description: string | null;
}

export interface CodeSetIssue {
  row: number;
  field: 'row' | 'prefix' | 'code' | 'name' | 'parent_code' | 'description';
  code: RowProblem;
  message: Localized;
}

const HEADER_ALIASES: Record<string, keyof RawCodeRow> = {
  prefix: 'prefix',
  prefiks: 'prefix',
  code: 'code',
  kode: 'code',
  name: 'name',
  nama: 'name',
  parent_code: 'parent_code',
  parent: 'parent_code',
  induk: 'parent_code',
  kode_induk: 'parent_code',
  description: 'description',
  deskripsi: 'description',
  keterangan: 'description',
};

interface RawCodeRow {
  prefix?: string;
  code?: string;
  name?: string;
  parent_code?: string;
  description?: string;
}

function message(code: RowProblem, params: Record<string, unknown> = {}): Localized {
  const m = ROW_PROBLEMS[code];
  return { id: interpolate(m.id, params), en: interpolate(m.en, params) };
}

function unreadable(reason: UnreadableReason, params?: Record<string, unknown>): AppError {
  const m = UNREADABLE_REASONS[reason];
  return new AppError(
    'catalog.import_unreadable',
    { reason: interpolate(m.en, params) },
    { reason, message: { id: interpolate(m.id, params), en: interpolate(m.en, params) } },
  );
}

/**
 * Reads and checks a code-set CSV (columns code, name, parent_code, description; an optional
 * prefix column). Pure. With `prefix` given every code must carry it; without (the built-in
 * file, which holds all six prefixes) the prefix column or the code decides.
 */
export function parseCodeSetCsv(
  csv: Buffer | string,
  prefix: CodePrefix | null,
): { codes: ParsedCode[]; issues: CodeSetIssue[] } {
  let text = typeof csv === 'string' ? csv : csv.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw unreadable('not_text');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parseCsv(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: unknown }).lines;
    throw unreadable('csv_malformed', { line: typeof line === 'number' ? line : '?' });
  }
  const [header, ...data] = records;
  if (!header || data.length === 0) throw unreadable('empty');
  if (data.length > CODE_SET_MAX_ROWS)
    throw new AppError('catalog.import_too_many_rows', { limit: CODE_SET_MAX_ROWS });
  const columns = header.record.map(
    (h) =>
      HEADER_ALIASES[
        h
          .trim()
          .toLowerCase()
          .replace(/[\s-]+/g, '_')
      ] ?? null,
  );
  const repeated = columns.filter((c, i) => c && columns.indexOf(c) !== i);
  if (repeated.length > 0)
    throw unreadable('columns_repeated', { columns: [...new Set(repeated)].join(', ') });
  const missing = (['code', 'name'] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) throw unreadable('columns_missing', { columns: missing.join(', ') });

  const rows = data.map((r) => {
    const values: RawCodeRow = {};
    r.record.forEach((cell, i) => {
      const column = columns[i];
      if (column) values[column] = cell;
    });
    const extra = r.record.slice(header.record.length).some((c) => c !== '');
    return { row: r.info.lines, values, extra };
  });

  const issues: CodeSetIssue[] = [];
  const add = (
    row: number,
    field: CodeSetIssue['field'],
    code: RowProblem,
    params: Record<string, unknown> = {},
  ) => issues.push({ row, field, code, message: message(code, params) });

  const rowsByCode = new Map<string, number[]>();
  for (const r of rows) {
    const code = r.values.code ?? '';
    if (code) rowsByCode.set(code, [...(rowsByCode.get(code) ?? []), r.row]);
  }

  const out: ParsedCode[] = [];
  for (const r of rows) {
    const v = r.values;
    const before = issues.length;
    if (r.extra) add(r.row, 'row', 'extra_cells');
    const code = v.code ?? '';
    const codePrefix = code.split('.')[0] as CodePrefix;
    const expected = prefix ?? (v.prefix ? (v.prefix.toUpperCase() as CodePrefix) : null);
    if (!code) add(r.row, 'code', 'required');
    else if (!CODE_FORMAT.test(code)) add(r.row, 'code', 'code_format', { value: code });
    else if (expected && codePrefix !== expected)
      add(r.row, 'code', 'prefix_mismatch', { value: code, prefix: expected });
    if (prefix && v.prefix && v.prefix.toUpperCase() !== prefix)
      add(r.row, 'prefix', 'prefix_mismatch', { value: v.prefix, prefix });
    if (!prefix && v.prefix && !(CODE_PREFIXES as readonly string[]).includes(v.prefix))
      add(r.row, 'prefix', 'value_invalid', {
        value: v.prefix,
        allowed: CODE_PREFIXES.join(', '),
      });
    const others = (rowsByCode.get(code) ?? []).filter((n) => n !== r.row);
    if (code && others.length > 0)
      add(r.row, 'code', 'code_duplicate', { value: code, rows: others.join(', ') });
    const name = v.name ?? '';
    if (!name) add(r.row, 'name', 'required');
    else if (name.length > 300) add(r.row, 'name', 'too_long', { max: 300 });
    if ((v.description ?? '').length > 2000) add(r.row, 'description', 'too_long', { max: 2000 });

    // The parent: given, it must be an ancestor of the code and either appear in the file or be
    // the code's direct parent (a set may leave out intermediate levels: spbe-reference §3.4
    // knows RAB.01.01.01 without RAB.01.01). Left out, it is the direct parent.
    const given = v.parent_code ?? '';
    let parentCode = CODE_FORMAT.test(code) ? parentOf(code) : null;
    if (given && CODE_FORMAT.test(code)) {
      if (!CODE_FORMAT.test(given) || !code.startsWith(`${given}.`))
        add(r.row, 'parent_code', 'parent_invalid', { value: given, code });
      else if (given !== parentOf(code) && !rowsByCode.has(given))
        add(r.row, 'parent_code', 'parent_missing', { value: given, code });
      else parentCode = given;
    }
    if (issues.length > before) continue;
    out.push({
      prefix: codePrefix,
      code,
      name,
      parentCode,
      level: levelOf(code),
      description: v.description ? v.description : null,
    });
  }
  issues.sort((a, b) => a.row - b.row);
  return { codes: out, issues };
}

let builtin: ParsedCode[] | null = null;

/** The built-in code sets, read once from the shipped CSV. */
export function builtinCodes(): ParsedCode[] {
  if (!builtin) {
    const parsed = parseCodeSetCsv(readFileSync(BUILTIN_CSV_PATH), null);
    if (parsed.issues.length > 0)
      throw new Error(`built-in code set is invalid: ${JSON.stringify(parsed.issues[0])}`);
    builtin = parsed.codes;
  }
  return builtin;
}

/** Transactions that already ensured the built-in sets (a write may resolve many codes). */
const ensured = new WeakSet<Tx>();

/**
 * Loads the built-in code set of every prefix the tenant has no code set for. Idempotent and
 * cheap when nothing is missing (one query, once per transaction). Concurrent first loads are
 * safe: the (tenant, prefix, version) unique index lets one win; the other skips.
 */
export async function ensureReferenceCodes(ctx: Ctx): Promise<void> {
  if (ensured.has(ctx.tx)) return;
  const present = new Set(await repo.prefixesWithCodeSets(ctx.tx));
  const missing = CODE_PREFIXES.filter((p) => !present.has(p));
  for (const prefix of missing) {
    const entries = builtinCodes().filter((c) => c.prefix === prefix);
    const set = await repo.insertCodeSet(ctx.tx, {
      tenantId: ctx.tenantId,
      prefix,
      version: BUILTIN_VERSION,
      source: BUILTIN_SOURCE,
      current: true,
      codeCount: entries.length,
      loadedBy: null,
    });
    if (!set) continue;
    await repo.insertCodes(
      ctx.tx,
      entries.map((c) => ({
        tenantId: ctx.tenantId,
        codeSetId: set.id,
        code: c.code,
        name: c.name,
        parentCode: c.parentCode,
        level: c.level,
        description: c.description,
      })),
    );
    await writeAudit(ctx.tx, ctx, {
      action: 'catalog.code_set.loaded',
      targetType: 'code_set',
      targetId: set.id,
      data: { prefix, version: BUILTIN_VERSION, codes: entries.length, builtIn: true },
    });
  }
  ensured.add(ctx.tx);
}

export interface ResolvedCode {
  codeSetId: string;
  /** The name of the code, or of its nearest listed ancestor for a local extension. */
  name: string;
  /** False when the code itself is not listed but an ancestor is (a local extension). */
  exact: boolean;
  /** The nearest code of the set (the code itself when exact). */
  matchedCode: string;
}

/**
 * Checks a reference code against the tenant's current code set of the prefix: the format, the
 * prefix, and that the code is listed or extends a listed code deeper (pemda extend the national
 * codes: spbe-reference §3.5).
 */
export async function resolveCode(
  ctx: Ctx,
  prefix: CodePrefix,
  code: string,
): Promise<ResolvedCode> {
  if (!CODE_FORMAT.test(code) || !code.startsWith(`${prefix}.`))
    throw new AppError('catalog.code_invalid', { code, prefix });
  await ensureReferenceCodes(ctx);
  const set = await repo.currentCodeSet(ctx.tx, prefix);
  if (!set) throw new AppError('catalog.code_unknown', { code, prefix });
  const chain = ancestry(code);
  const found = await repo.codesIn(ctx.tx, set.id, chain);
  const byCode = new Map(found.map((f) => [f.code, f]));
  for (const c of chain) {
    const hit = byCode.get(c);
    if (hit) return { codeSetId: set.id, name: hit.name, exact: c === code, matchedCode: c };
  }
  throw new AppError('catalog.code_unknown', { code, prefix });
}

/**
 * Resolves many codes at once against the current sets (imports). Returns a function giving
 * the resolution of a (prefix, code), or null when the code is unknown.
 */
export async function codeResolver(
  ctx: Ctx,
): Promise<(prefix: CodePrefix, code: string) => ResolvedCode | null> {
  await ensureReferenceCodes(ctx);
  const sets = await repo.currentCodeSets(ctx.tx);
  const setByPrefix = new Map(sets.map((s) => [s.prefix, s]));
  const all = await repo.codesOfSets(
    ctx.tx,
    sets.map((s) => s.id),
  );
  const names = new Map(all.map((c) => [`${c.codeSetId} ${c.code}`, c.name]));
  return (prefix, code) => {
    if (!CODE_FORMAT.test(code) || !code.startsWith(`${prefix}.`)) return null;
    const set = setByPrefix.get(prefix);
    if (!set) return null;
    for (const c of ancestry(code)) {
      const name = names.get(`${set.id} ${c}`);
      if (name !== undefined) return { codeSetId: set.id, name, exact: c === code, matchedCode: c };
    }
    return null;
  };
}

export interface CodeSetView {
  id: string;
  prefix: CodePrefix;
  version: string;
  source: string;
  current: boolean;
  codeCount: number;
  loadedBy: string | null;
  createdAt: string;
}

function view(s: CodeSetRow): CodeSetView {
  return {
    id: s.id,
    prefix: s.prefix,
    version: s.version,
    source: s.source,
    current: s.current,
    codeCount: s.codeCount,
    loadedBy: s.loadedBy,
    createdAt: s.createdAt.toISOString(),
  };
}

/** Every version of every code set, current first within a prefix. */
export async function listCodeSets(ctx: Ctx): Promise<CodeSetView[]> {
  authorize(ctx, 'catalog:record:read');
  await ensureReferenceCodes(ctx);
  return (await repo.listCodeSets(ctx.tx)).map(view);
}

export interface CodeView {
  codeSetId: string;
  code: string;
  name: string;
  parentCode: string | null;
  level: number;
  description: string | null;
}

export const CODES_MAX = 1000;

/**
 * Codes of a set (the current set of the prefix unless codeSetId names another version; every
 * current set when neither is given), optionally filtered by a search in code and name.
 */
export async function listCodes(
  ctx: Ctx,
  query: { prefix?: CodePrefix; q?: string; codeSetId?: string; limit?: number },
): Promise<CodeView[]> {
  authorize(ctx, 'catalog:record:read');
  await ensureReferenceCodes(ctx);
  let setIds: string[];
  if (query.codeSetId) {
    const set = await repo.findCodeSet(ctx.tx, query.codeSetId);
    if (!set || (query.prefix && set.prefix !== query.prefix))
      throw new AppError('catalog.code_set_not_found');
    setIds = [set.id];
  } else if (query.prefix) {
    const set = await repo.currentCodeSet(ctx.tx, query.prefix);
    setIds = set ? [set.id] : [];
  } else {
    setIds = (await repo.currentCodeSets(ctx.tx)).map((s) => s.id);
  }
  const rows: CodeRow[] = await repo.listCodes(ctx.tx, {
    codeSetIds: setIds,
    ...(query.q ? { q: query.q } : {}),
    limit: Math.min(query.limit ?? CODES_MAX, CODES_MAX),
  });
  return rows.map((r) => ({
    codeSetId: r.codeSetId,
    code: r.code,
    name: r.name,
    parentCode: r.parentCode,
    level: r.level,
    description: r.description,
  }));
}

/**
 * Loads a new version of a code set from CSV. The whole file is checked first; any problem
 * refuses it (catalog.code_set_invalid, details.errors with row numbers) and nothing changes.
 * The new version becomes current; older versions are kept for the records citing them.
 */
export async function importCodeSet(
  ctx: Ctx,
  input: { prefix: CodePrefix; version: string; source: string; csv: Buffer },
): Promise<CodeSetView> {
  authorize(ctx, 'catalog:reference:write', null);
  const version = input.version.trim();
  const source = input.source.trim();
  const parsed = parseCodeSetCsv(input.csv, input.prefix);
  const headerIssues: CodeSetIssue[] = [];
  if (!version)
    headerIssues.push({ row: 0, field: 'row', code: 'required', message: message('required') });
  if (parsed.issues.length + headerIssues.length > 0) {
    const errors = [...headerIssues, ...parsed.issues];
    throw new AppError(
      'catalog.code_set_invalid',
      { count: errors.length },
      { errors: errors.slice(0, 1000), total: errors.length },
    );
  }
  await ensureReferenceCodes(ctx);
  if (await repo.codeSetVersionExists(ctx.tx, input.prefix, version))
    throw new AppError('catalog.code_set_version_exists', { prefix: input.prefix, version });
  await repo.clearCurrent(ctx.tx, input.prefix);
  let set: CodeSetRow | null;
  try {
    set = await repo.insertCodeSet(ctx.tx, {
      tenantId: ctx.tenantId,
      prefix: input.prefix,
      version,
      source: source || version,
      current: true,
      codeCount: parsed.codes.length,
      loadedBy: ctx.principal?.userId ?? null,
    });
  } catch (e) {
    if (pgCode(e) === '23505') throw new AppError('platform.conflict');
    throw e;
  }
  if (!set)
    throw new AppError('catalog.code_set_version_exists', { prefix: input.prefix, version });
  await repo.insertCodes(
    ctx.tx,
    parsed.codes.map((c) => ({
      tenantId: ctx.tenantId,
      codeSetId: set.id,
      code: c.code,
      name: c.name,
      parentCode: c.parentCode,
      level: c.level,
      description: c.description,
    })),
  );
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.code_set.imported',
    targetType: 'code_set',
    targetId: set.id,
    data: { prefix: input.prefix, version, source: set.source, codes: parsed.codes.length },
  });
  return view(set);
}
