/**
 * Reads a regulation text (Markdown produced by OCR of the gazette) into articles and their
 * paragraphs (pasal and ayat). The scans are messy, and the parser copes with what they do:
 * - article headings at any Markdown level, bold, plain, or at the end of a section heading
 *   ("## **Bagian Keempat Pengaturan Data dan Informasi Pasal 11**"), and misread as "Pusat 13";
 * - page-break catchwords ("5. Organisasi.....", "Bagian.....") and initials tables ("PARAF");
 * - chapter, part and paragraph titles between articles (BAB, Bagian, Paragraf and their names);
 * - a paragraph continued on the next page without its list marker;
 * - an elucidation (PENJELASAN) after the body, whose "Pasal demi Pasal" part is kept per article.
 * Article numbers must follow each other (1, 2, 3, ...): a line that looks like a heading but
 * breaks the sequence is text, which keeps references such as "Pasal 18 ayat (6)" out.
 */

export interface Paragraph {
  /** The ayat number, or null for an article's text before (or without) numbered paragraphs. */
  number: number | null;
  text: string;
}

export interface Article {
  number: number;
  paragraphs: Paragraph[];
  /** The article's explanation in the elucidation, when the regulation has one. */
  elucidation: string | null;
}

export interface ParsedRegulation {
  articles: Map<number, Article>;
}

/** OCR sometimes reads "Pasal" as "Pusat", "Pasai" or "Fasal". */
const HEADING = /^(?:(?:BAB|Bagian)\b.*\s)?(?:Pasal|Pusat|Pasai|Fasal|Pasa1)\s+(\d{1,3})$/i;
const STRUCTURE = /^(BAB|Bagian|Paragraf)\b/i;
const CATCHWORD = /\.{4,}\s*$/;
const PARAGRAPH = /^\((\d{1,2})\)\s*(.*)$/;
const END_OF_BODY = /^(Ditetapkan\s+di|PENJELASAN$)/i;

/** Strips Markdown emphasis, HTML tags and list markers; returns '' for noise lines. */
function clean(raw: string): string {
  if (raw.includes('\t')) return ''; // initials tables of the scanned pages
  let s = raw
    .replace(/<[^>]+>/g, '')
    .replace(/\*+/g, '')
    .replace(/\\([[\]()*_])/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim();
  if (/^PARAF\b/i.test(s)) return '';
  if (CATCHWORD.test(s)) return '';
  s = s.replace(/^-\s+/, '').trim();
  return s.replace(/\s+/g, ' ');
}

function isHeadingLine(raw: string): boolean {
  return /^\s*#/.test(raw);
}

function headingNumber(line: string): number | null {
  const m = HEADING.exec(line.replace(/#/g, '').trim());
  return m ? Number(m[1]) : null;
}

interface Builder {
  number: number;
  paragraphs: Paragraph[];
}

function push(b: Builder, text: string, number: number | null): void {
  b.paragraphs.push({ number, text });
}

function append(b: Builder, text: string): void {
  const last = b.paragraphs[b.paragraphs.length - 1];
  if (!last) {
    push(b, text, null);
    return;
  }
  // A lettered item or a new sentence starts a new line; a page-break continuation joins on.
  const joinsLine = /^[a-z]/.test(text) && !/^[a-z]\.\s/.test(text) && !/[.;:]$/.test(last.text);
  last.text = joinsLine ? `${last.text} ${text}` : `${last.text}\n${text}`;
}

function parseBody(lines: string[]): Map<number, Builder> {
  const articles = new Map<number, Builder>();
  let current: Builder | null = null;
  let inTitle = false;
  for (const raw of lines) {
    const line = clean(raw);
    if (!line) continue;
    const n = headingNumber(line);
    if (n !== null && n === (current ? current.number + 1 : 1)) {
      current = { number: n, paragraphs: [] };
      articles.set(n, current);
      inTitle = false;
      continue;
    }
    if (!current) continue;
    if (isHeadingLine(raw) || STRUCTURE.test(line)) {
      // A chapter, part or paragraph title: it and the name lines after it are not article text.
      inTitle = true;
      continue;
    }
    const para = PARAGRAPH.exec(line);
    if (para) {
      inTitle = false;
      const number = Number(para[1]);
      const existing = current.paragraphs.find((p) => p.number === number);
      if (existing) existing.text = `${existing.text} ${para[2]}`.trim();
      else push(current, para[2] ?? '', number);
      continue;
    }
    if (inTitle) continue;
    append(current, line);
  }
  return articles;
}

/** The elucidation's "Pasal demi Pasal": the text under each article heading, in sequence. */
function parseElucidation(lines: string[]): Map<number, string> {
  const out = new Map<number, string>();
  let current = 0;
  let buffer: string[] = [];
  const flush = () => {
    if (current > 0) out.set(current, buffer.join('\n').trim());
    buffer = [];
  };
  for (const raw of lines) {
    const line = clean(raw);
    if (!line) continue;
    const n = headingNumber(line);
    if (n !== null && n === current + 1) {
      flush();
      current = n;
      continue;
    }
    if (current > 0) buffer.push(line);
  }
  flush();
  return out;
}

export function parseRegulation(markdown: string): ParsedRegulation {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  let elucidationStart = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = clean(lines[i]!);
    if (END_OF_BODY.test(line) && end === lines.length) end = i;
    if (/^PENJELASAN$/i.test(line)) {
      elucidationStart = i;
      break;
    }
  }
  const body = parseBody(lines.slice(0, end));
  let elucidation = new Map<number, string>();
  if (elucidationStart >= 0) {
    const rest = lines.slice(elucidationStart);
    const perArticle = rest.findIndex((l) => /PASAL\s+DEMI\s+PASAL/i.test(clean(l)));
    elucidation = parseElucidation(perArticle >= 0 ? rest.slice(perArticle + 1) : rest);
  }
  const articles = new Map<number, Article>();
  for (const [n, b] of body) {
    const paragraphs = b.paragraphs
      .map((p) => ({ number: p.number, text: p.text.trim() }))
      .filter((p) => p.text.length > 0);
    const explained = elucidation.get(n) ?? null;
    articles.set(n, {
      number: n,
      paragraphs,
      elucidation: explained && !/^cukup jelas\.?$/i.test(explained) ? explained : null,
    });
  }
  return { articles };
}

/** The article as one text: unnumbered text first, then "(n) ..." per paragraph. */
export function articleText(article: Article, paragraph?: number | null): string {
  const parts = article.paragraphs.filter(
    (p) => paragraph === undefined || paragraph === null || p.number === paragraph,
  );
  return parts.map((p) => (p.number === null ? p.text : `(${p.number}) ${p.text}`)).join('\n');
}
