import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { articleText, parseRegulation, type Article } from './parse.js';

/**
 * The regulations the rules cite. The five regional ones ship as text (texts/*.md, the gazette
 * as OCR'd Markdown) and are chosen per tenant through its regulation profile; Perpres 95/2018 is
 * the national baseline, always in force, cited by summary (its text is not shipped).
 */
export const REGULATION_CODES = ['BTG15', 'BHR17', 'PBG19', 'BTG19', 'BTM19', 'PERPRES95'] as const;
export type RegulationCode = (typeof REGULATION_CODES)[number];

export interface Regulation {
  code: RegulationCode;
  /** The code in tenants.regulation_profile (src/modules/tenancy/regulations.ts), or null. */
  profileCode: string | null;
  short: string;
  title: string;
  /** The text file under texts/, or null when the text is not shipped. */
  file: string | null;
  /** Always applies, whatever the profile. */
  baseline: boolean;
  /** Revoked by another regulation: its rules never fire for a tenant on the revoking one. */
  revokedBy: { code: RegulationCode; article: number } | null;
}

export const REGULATIONS: readonly Regulation[] = [
  {
    code: 'BTG15',
    profileCode: 'perbup-batang-53-2015',
    short: 'Perbup Batang 53/2015',
    title:
      'Peraturan Bupati Batang Nomor 53 Tahun 2015 tentang Penyelenggaraan Pemanfaatan Teknologi Informasi dan Komunikasi dalam Proses Pemerintahan (E-Government)',
    file: 'perbup-batang-53-2015.md',
    baseline: false,
    revokedBy: { code: 'BTG19', article: 50 },
  },
  {
    code: 'BHR17',
    profileCode: 'perbup-batang-hari-19-2017',
    short: 'Perbup Batang Hari 19/2017',
    title:
      'Peraturan Bupati Batang Hari Nomor 19 Tahun 2017 tentang Pelaksanaan dan Pengembangan E-Government di Lingkungan Pemerintah Kabupaten Batang Hari',
    file: 'perbup-batang-hari-19-2017.md',
    baseline: false,
    revokedBy: null,
  },
  {
    code: 'PBG19',
    profileCode: 'perbup-purbalingga-56-2019',
    short: 'Perbup Purbalingga 56/2019',
    title: 'Peraturan Bupati Purbalingga Nomor 56 Tahun 2019 tentang Penyelenggaraan E-Government',
    file: 'perbup-purbalingga-56-2019.md',
    baseline: false,
    revokedBy: null,
  },
  {
    code: 'BTG19',
    profileCode: 'perbup-batang-50-2019',
    short: 'Perbup Batang 50/2019',
    title:
      'Peraturan Bupati Batang Nomor 50 Tahun 2019 tentang Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik di Lingkungan Pemerintah Kabupaten Batang',
    file: 'perbup-batang-50-2019.md',
    baseline: false,
    revokedBy: null,
  },
  {
    code: 'BTM19',
    profileCode: 'perda-barito-timur-7-2019',
    short: 'Perda Barito Timur 7/2019',
    title:
      'Peraturan Daerah Kabupaten Barito Timur Nomor 7 Tahun 2019 tentang Penyelenggaraan Sistem Pemerintahan Daerah Berbasis Elektronik',
    file: 'perda-barito-timur-7-2019.md',
    baseline: false,
    revokedBy: null,
  },
  {
    code: 'PERPRES95',
    profileCode: null,
    short: 'Perpres 95/2018',
    title: 'Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik',
    file: null,
    baseline: true,
    revokedBy: null,
  },
];

const byCode = new Map<string, Regulation>(REGULATIONS.map((r) => [r.code, r]));

export function regulation(code: string): Regulation | undefined {
  return byCode.get(code.toUpperCase());
}

const TEXT_DIR = new URL('./texts/', import.meta.url);
const parsed = new Map<RegulationCode, Map<number, Article>>();

/** The articles of a regulation (parsed once per process), or null when its text is not shipped. */
export function articlesOf(code: RegulationCode): Map<number, Article> | null {
  const reg = byCode.get(code);
  if (!reg?.file) return null;
  let articles = parsed.get(code);
  if (!articles) {
    const text = readFileSync(fileURLToPath(new URL(reg.file, TEXT_DIR)), 'utf8');
    articles = parseRegulation(text).articles;
    parsed.set(code, articles);
  }
  return articles;
}

export function findArticle(code: RegulationCode, article: number): Article | null {
  return articlesOf(code)?.get(article) ?? null;
}

/** The cited text: the paragraphs named, or the whole article; null when it does not resolve. */
export function citedText(
  code: RegulationCode,
  article: number,
  paragraphs: readonly number[] = [],
): string | null {
  const a = findArticle(code, article);
  if (!a) return null;
  if (paragraphs.length === 0) return articleText(a) || null;
  const parts = paragraphs.map((p) => articleText(a, p)).filter((t) => t.length > 0);
  return parts.length === paragraphs.length ? parts.join('\n') : null;
}

/** Where a regulation stands for a tenant with this profile. */
export type RegulationStanding = 'baseline' | 'applies' | 'revoked' | 'not_in_profile';

/**
 * The regulations in force for a profile (tenants.regulation_profile codes): the baseline, every
 * regional regulation selected, except one revoked by another regulation that is also selected.
 */
export function standingOf(code: RegulationCode, profile: readonly string[]): RegulationStanding {
  const reg = byCode.get(code)!;
  if (reg.baseline) return 'baseline';
  if (!reg.profileCode || !profile.includes(reg.profileCode)) return 'not_in_profile';
  if (reg.revokedBy) {
    const revoking = byCode.get(reg.revokedBy.code);
    if (revoking?.profileCode && profile.includes(revoking.profileCode)) return 'revoked';
  }
  return 'applies';
}

export function applicableRegulations(profile: readonly string[]): Set<RegulationCode> {
  const out = new Set<RegulationCode>();
  for (const r of REGULATIONS) {
    const s = standingOf(r.code, profile);
    if (s === 'baseline' || s === 'applies') out.add(r.code);
  }
  return out;
}
