import PDFDocument from 'pdfkit';
import { authorize } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { agencyNames } from '../org/org.snapshot.js';
import { regulationFactsOf } from '../tenancy/tenancy.service.js';
import { listFindings, summary, todayIn, type FindingView } from './compliance.service.js';

const LABELS = {
  id: {
    title: 'Laporan Kepatuhan SPBE',
    agency: 'Perangkat Daerah',
    date: 'Tanggal',
    score: 'Skor kepatuhan',
    none: 'Belum ada skor (belum dievaluasi)',
    open: 'Temuan terbuka',
    noFindings:
      'Tidak ada temuan terbuka. Perangkat Daerah ini memenuhi semua aturan yang berlaku.',
    record: 'Objek',
    since: 'Sejak',
    exception: 'Pengecualian berlaku sampai',
    severity: { critical: 'KRITIS', high: 'TINGGI', medium: 'SEDANG', low: 'RENDAH' },
    kind: {
      agency: 'Perangkat Daerah',
      service: 'Layanan',
      process: 'Proses bisnis',
      application: 'Aplikasi',
      infrastructure: 'Infrastruktur',
      data_asset: 'Aset data',
    },
    footer: 'Dibuat oleh Simpul dari register Arsitektur SPBE.',
  },
  en: {
    title: 'SPBE compliance report',
    agency: 'Agency',
    date: 'Date',
    score: 'Compliance score',
    none: 'No score yet (not evaluated)',
    open: 'Open findings',
    noFindings: 'No open findings. This agency meets every rule in force.',
    record: 'Record',
    since: 'Since',
    exception: 'Exception in force until',
    severity: { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW' },
    kind: {
      agency: 'Agency',
      service: 'Service',
      process: 'Business process',
      application: 'Application',
      infrastructure: 'Infrastructure',
      data_asset: 'Data asset',
    },
    footer: 'Produced by Simpul from the SPBE architecture registry.',
  },
} as const;

const COLOURS = { critical: '#a4000f', high: '#c2410c', medium: '#a16207', low: '#475569' };

function detailLine(detail: Record<string, unknown>): string | null {
  const parts = Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
  return parts.length ? parts.join('; ') : null;
}

/**
 * The printable per-agency report: the agency's score and its open findings, worst first, each
 * with the articles it cites and their text. Readers of the agency's findings may print it.
 */
export async function agencyReport(
  ctx: Ctx,
  agencyId: string,
): Promise<{ body: Buffer; filename: string }> {
  authorize(ctx, 'compliance:finding:read', agencyId);
  const names = await agencyNames(ctx.tx, [agencyId]);
  const agencyName = names.get(agencyId);
  if (!agencyName) throw new AppError('compliance.agency_not_found');
  const facts = await regulationFactsOf(ctx);
  const findings: FindingView[] = [];
  for (let page = 1; page <= 20; page++) {
    const r = await listFindings(ctx, { agencyId, state: 'open', page, pageSize: 100 });
    findings.push(...r.items);
    if (findings.length >= r.total) break;
  }
  const s = await summary(ctx);
  const score = s.byAgency.find((a) => a.agencyId === agencyId)?.score ?? null;
  const locale = ctx.locale;
  const L = LABELS[locale];
  const today = todayIn(ctx.tenant.timeZone);

  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${L.title} - ${agencyName}`, Author: facts.name, Creator: 'Simpul' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));

  doc.font('Helvetica-Bold').fontSize(18).text(L.title);
  doc.font('Helvetica').fontSize(11).fillColor('#333').text(facts.name);
  doc.moveDown(0.5);
  doc.fontSize(10).fillColor('#000');
  doc.text(`${L.agency}: ${agencyName}`);
  doc.text(`${L.date}: ${today}`);
  doc.text(`${L.score}: ${score === null ? L.none : `${score.toFixed(2)} / 100`}`);
  doc.text(`${L.open}: ${findings.length}`);
  doc.moveDown();

  if (findings.length === 0) doc.fontSize(11).text(L.noFindings);
  for (const f of findings) {
    if (doc.y > 700) doc.addPage();
    doc
      .font('Helvetica-Bold')
      .fontSize(11)
      .fillColor(COLOURS[f.severity])
      .text(`[${L.severity[f.severity]}] `, { continued: true })
      .fillColor('#000')
      .text(f.title[locale]);
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor('#333')
      .text(
        `${L.record}: ${L.kind[f.recordKind]} — ${f.recordName} · ${L.since} ${new Date(f.firstSeenAt).toISOString().slice(0, 10)} · ${f.ruleId}`,
      );
    doc.fillColor('#000').fontSize(9).text(f.explanation[locale]);
    const detail = detailLine(f.detail);
    if (detail) doc.fillColor('#555').text(detail);
    if (f.exception)
      doc
        .fillColor('#166534')
        .text(`${L.exception} ${f.exception.expiresOn}: ${f.exception.justification}`);
    for (const c of f.citations) {
      doc.moveDown(0.2).font('Helvetica-Bold').fillColor('#000').fontSize(9).text(c.label);
      const body = c.text ?? c.summary?.[locale] ?? '';
      doc.font('Helvetica-Oblique').fillColor('#333').fontSize(8.5).text(body, { indent: 12 });
    }
    doc.font('Helvetica').moveDown(0.8);
  }
  doc.moveDown().fontSize(8).fillColor('#777').text(L.footer);
  doc.end();
  await done;
  const safe = agencyName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
  return { body: Buffer.concat(chunks), filename: `kepatuhan-${safe}-${today}.pdf` };
}
