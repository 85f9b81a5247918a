import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRegulation } from './parse.js';
import { REGULATIONS, articlesOf, citedText, findArticle, standingOf } from './regulations.js';

const LAST_ARTICLE = { BTG15: 19, BHR17: 31, PBG19: 31, BTG19: 51, BTM19: 31 } as const;

describe('regulation texts', () => {
  for (const [code, last] of Object.entries(LAST_ARTICLE)) {
    test(`${code}: articles 1..${last}, none empty, no page furniture`, () => {
      const articles = articlesOf(code as keyof typeof LAST_ARTICLE)!;
      assert.deepEqual(
        [...articles.keys()],
        Array.from({ length: last }, (_, i) => i + 1),
      );
      for (const a of articles.values()) {
        assert.ok(a.paragraphs.length > 0, `art.${a.number} has text`);
        for (const p of a.paragraphs) {
          assert.doesNotMatch(p.text, /\.{4,}|PARAF|KABAG HUKUM|^#|\*\*/m, `art.${a.number}`);
        }
      }
    });
  }

  test('OCR slips: "Pusat 13" is article 13; a heading ending in "Pasal 11" opens article 11', () => {
    assert.match(citedText('BTG19', 13, [3])!, /Dinas bertanggung jawab/);
    assert.match(citedText('BHR17', 11, [5])!, /Wali Data/);
    assert.equal(findArticle('BHR17', 11)!.paragraphs.length, 6);
  });

  test('page-break catchwords are dropped and continued paragraphs joined', () => {
    // "5. Organisasi....." repeats the next page's first line in BHR17 art.1.
    assert.equal((citedText('BHR17', 1)!.match(/5\. Organisasi/g) ?? []).length, 1);
    assert.match(citedText('BTG15', 8, [1])!, /tanggung jawab dan kepemimpinan tata kelola TIK/);
    assert.match(citedText('BHR17', 13, [4])!, /hak cipta dan distribusi aplikasi menjadi milik/);
  });

  test('chapter and part titles do not leak into the article before them', () => {
    assert.doesNotMatch(citedText('BTG19', 15)!, /Aplikasi Sistem Pemerintahan|Bagian/);
    assert.doesNotMatch(citedText('BTM19', 11)!, /Infrastruktur Teknologi Informasi/);
  });

  test('references inside sentences are not headings; the elucidation is kept apart', () => {
    assert.match(citedText('BTM19', 13, [3])!, /Pasal 7 ayat \(1\)/);
    const art13 = findArticle('BTM19', 13)!;
    assert.match(art13.elucidation!, /Repository adalah media penyimpanan/);
    assert.equal(findArticle('BTM19', 14)!.elucidation, null, '"Cukup jelas" is no explanation');
    assert.doesNotMatch(citedText('BTM19', 31)!, /PENJELASAN|Cukup jelas/);
  });

  test('the parser copes with a heading misread and a heading out of sequence', () => {
    const text = [
      'Mengingat : 1. Pasal 18 ayat (6) UUD 1945;',
      '**BAB I',
      'KETENTUAN UMUM',
      'Pasal 1**',
      'Dalam peraturan ini:',
      '1. Daerah adalah Kabupaten.',
      '#### Pusat 2',
      '- (1) Satu.',
      'Pasal 9',
      '- (2) Dua dan',
      '',
      'lanjutan halaman.',
      '(3) Tiga.....',
      'Ditetapkan di Batang',
      'Pasal 3',
    ].join('\n');
    const { articles } = parseRegulation(text);
    assert.deepEqual([...articles.keys()], [1, 2]);
    assert.deepEqual(articles.get(2)!.paragraphs, [
      { number: 1, text: 'Satu.\nPasal 9' },
      { number: 2, text: 'Dua dan lanjutan halaman.' },
    ]);
  });

  test('standing: baseline, in profile, revoked, not in profile', () => {
    assert.equal(standingOf('PERPRES95', []), 'baseline');
    assert.equal(standingOf('BTG19', ['perbup-batang-50-2019']), 'applies');
    assert.equal(standingOf('BHR17', ['perbup-batang-50-2019']), 'not_in_profile');
    assert.equal(
      standingOf('BTG15', ['perbup-batang-53-2015', 'perbup-batang-50-2019']),
      'revoked',
    );
    // The revoking article exists and says so.
    const btg15 = REGULATIONS.find((r) => r.code === 'BTG15')!;
    assert.match(
      citedText(btg15.revokedBy!.code, btg15.revokedBy!.article)!,
      /Nomor 53 Tahun 2015.*dicabut/,
    );
  });
});
