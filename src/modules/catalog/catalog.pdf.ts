import { Graph, layout } from '@dagrejs/dagre';
import PDFDocument from 'pdfkit';
import { authorize } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Locale } from '../../platform/i18n/i18n.js';
import { ensureReferenceCodes } from './catalog.reference.js';
import { safeFilename, tenantAgencies } from './catalog.exchange.js';
import * as repo from './db/exchange.repository.js';
import type { AnyRecordRow } from './db/exchange.repository.js';
import type { RecordKind, RelationRow } from './db/schema.js';

/*
 * The printable "Arsitektur SPBE" document: a title page, then one section per architecture
 * domain (services, business processes, applications, infrastructure, data) with a diagram of
 * its relations (dagre layout, drawn with PDF vector operations) and a table of its approved
 * records with their reference codes and owner agencies. Indonesian unless lang=en.
 */

export const PDF_DOMAINS = [
  'all',
  'services',
  'processes',
  'applications',
  'infrastructure',
  'data',
] as const;
export type PdfDomain = (typeof PDF_DOMAINS)[number];

const DOMAIN_KIND: Record<Exclude<PdfDomain, 'all'>, RecordKind> = {
  services: 'service',
  processes: 'process',
  applications: 'application',
  infrastructure: 'infrastructure',
  data: 'data_asset',
};

/** The diagram shows at most this many boxes; the table lists every record. */
export const MAX_DIAGRAM_NODES = 40;

const TEXT = {
  id: {
    title: 'Arsitektur SPBE',
    subtitle: 'Sistem Pemerintahan Berbasis Elektronik',
    generated: 'Disusun dari registri arsitektur Simpul pada',
    scope: 'Cakupan',
    allDomains: 'Semua domain arsitektur',
    summary: 'Ringkasan',
    records: 'rekaman disetujui',
    diagram: 'Diagram relasi',
    noRelations: 'Belum ada relasi yang tercatat untuk domain ini.',
    noRecords: 'Belum ada rekaman yang disetujui pada domain ini.',
    truncated: 'Diagram menampilkan {shown} dari {total} kotak; daftar lengkap ada pada tabel.',
    list: 'Daftar',
    page: 'Halaman {n} dari {total}',
    refCode: 'Kode referensi',
    name: 'Nama',
    agency: 'Perangkat Daerah',
    legend:
      'Garis panah: relasi antarrekaman (mendukung, menghasilkan, berjalan di, membaca, menulis, memanggil).',
    kinds: {
      service: 'Layanan',
      process: 'Proses bisnis',
      application: 'Aplikasi',
      infrastructure: 'Infrastruktur',
      data_asset: 'Data',
    },
    sections: {
      service: 'Domain Layanan SPBE',
      process: 'Domain Proses Bisnis',
      application: 'Domain Aplikasi SPBE',
      infrastructure: 'Domain Infrastruktur SPBE',
      data_asset: 'Domain Data dan Informasi',
    },
    intro: {
      service:
        'Layanan SPBE (referensi RAL): layanan publik dan layanan administrasi pemerintahan yang diselenggarakan Perangkat Daerah.',
      process:
        'Proses bisnis (referensi RAB) yang menghasilkan layanan, dikelompokkan menurut sektor pemerintahan.',
      application:
        'Aplikasi SPBE (referensi RAA): aplikasi umum dan aplikasi khusus, dengan layanan yang didukung, infrastruktur tempat berjalan dan data yang dibaca atau ditulis.',
      infrastructure:
        'Infrastruktur SPBE (referensi RAI): pusat data, ruang, rak, server, mesin virtual, perangkat jaringan dan layanan cloud.',
      data_asset:
        'Data dan informasi (referensi RAD): aset data dengan kelompok basis data, sifat data dan walidata.',
    },
    relations: {
      supports: 'mendukung',
      delivers: 'menghasilkan',
      runs_on: 'berjalan di',
      reads: 'membaca',
      writes: 'menulis',
      calls: 'memanggil',
    },
    extra: {
      service: 'Jenis / status',
      process: 'Keterangan',
      application: 'Jenis / siklus / hosting',
      infrastructure: 'Jenis / lokasi',
      data_asset: 'Kelompok / sifat',
    },
  },
  en: {
    title: 'SPBE Architecture',
    subtitle: 'Electronic-Based Government System',
    generated: 'Compiled from the Simpul architecture registry on',
    scope: 'Scope',
    allDomains: 'All architecture domains',
    summary: 'Summary',
    records: 'approved records',
    diagram: 'Relations diagram',
    noRelations: 'No relations are recorded for this domain yet.',
    noRecords: 'No approved records in this domain yet.',
    truncated: 'The diagram shows {shown} of {total} boxes; the table lists them all.',
    list: 'List',
    page: 'Page {n} of {total}',
    refCode: 'Reference code',
    name: 'Name',
    agency: 'Agency',
    legend:
      'Arrows: relations between records (supports, delivers, runs on, reads, writes, calls).',
    kinds: {
      service: 'Service',
      process: 'Business process',
      application: 'Application',
      infrastructure: 'Infrastructure',
      data_asset: 'Data',
    },
    sections: {
      service: 'Service domain',
      process: 'Business process domain',
      application: 'Application domain',
      infrastructure: 'Infrastructure domain',
      data_asset: 'Data and information domain',
    },
    intro: {
      service:
        'SPBE services (RAL reference): public services and government administration services run by the agencies.',
      process:
        'Business processes (RAB reference) that deliver the services, by government sector.',
      application:
        'SPBE applications (RAA reference): shared and specific applications, with the services they support, the infrastructure they run on and the data they read or write.',
      infrastructure:
        'SPBE infrastructure (RAI reference): data centers, rooms, racks, servers, virtual machines, network devices and cloud services.',
      data_asset:
        'Data and information (RAD reference): data assets with their database group, classification and steward.',
    },
    relations: {
      supports: 'supports',
      delivers: 'delivers',
      runs_on: 'runs on',
      reads: 'reads',
      writes: 'writes',
      calls: 'calls',
    },
    extra: {
      service: 'Kind / status',
      process: 'Description',
      application: 'Kind / lifecycle / hosting',
      infrastructure: 'Kind / location',
      data_asset: 'Group / classification',
    },
  },
} as const;

const PALETTE: Record<RecordKind, { fill: string; stroke: string }> = {
  service: { fill: '#e7f5ff', stroke: '#1864ab' },
  process: { fill: '#f3f0ff', stroke: '#5f3dc4' },
  application: { fill: '#ebfbee', stroke: '#2b8a3e' },
  infrastructure: { fill: '#fff4e6', stroke: '#d9480f' },
  data_asset: { fill: '#fff0f6', stroke: '#a61e4d' },
};

const fill = (template: string, params: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (w, k: string) => (k in params ? String(params[k]) : w));

/** "22 November 2026 17.05 WIB" in the tenant's time zone. */
export function formatStamp(date: Date, timeZone: string, locale: Locale): string {
  const zone: Record<string, string> = {
    'Asia/Jakarta': 'WIB',
    'Asia/Pontianak': 'WIB',
    'Asia/Makassar': 'WITA',
    'Asia/Jayapura': 'WIT',
  };
  let tz = timeZone;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    tz = 'Asia/Jakarta';
  }
  const text = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: tz,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
  return `${text} ${zone[tz] ?? tz}`;
}

interface Rec {
  id: string;
  kind: RecordKind;
  name: string;
  agencyId: string;
  refCode: string | null;
  row: AnyRecordRow & Record<string, unknown>;
}

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;

/** Indonesian names of the stored enum values (English: the value with spaces). */
const VALUE_ID: Record<string, string> = {
  administrative: 'administrasi',
  public: 'publik',
  planned: 'rencana',
  active: 'aktif',
  retired: 'pensiun',
  shared: 'umum',
  specific: 'khusus',
  development: 'pengembangan',
  production: 'produksi',
  regional_dc: 'pusat data daerah',
  national_dc: 'pusat data nasional',
  other_government: 'instansi lain',
  commercial_cloud: 'cloud komersial',
  external: 'pihak luar',
  data_center: 'pusat data',
  recovery_center: 'pusat pemulihan',
  room: 'ruang',
  rack: 'rak',
  server: 'server',
  virtual_machine: 'mesin virtual',
  network_device: 'perangkat jaringan',
  cloud_service: 'layanan cloud',
  open: 'terbuka',
  limited: 'terbatas',
  closed: 'tertutup',
};

function extraColumn(r: Rec, locale: Locale): string {
  const v = r.row;
  const s = (x: unknown) => {
    if (x === null || x === undefined) return '';
    const raw = String(x);
    return locale === 'id' && VALUE_ID[raw] ? VALUE_ID[raw] : raw.replace(/_/g, ' ');
  };
  switch (r.kind) {
    case 'service':
      return `${s(v.kind)} / ${s(v.status)}`;
    case 'process':
      return s(v.description);
    case 'application':
      return `${s(v.kind)} / ${s(v.lifecycle)} / ${s(v.hosting)}`;
    case 'infrastructure':
      return [s(v.kind), s(v.location)].filter(Boolean).join(' / ');
    case 'data_asset':
      return `${s(v.databaseGroup)} / ${s(v.classification)}`;
  }
  return '';
}

function drawTable(doc: Doc, headers: string[], widths: number[], rows: string[][]): void {
  const rowHeight = 16;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 20;
  const header = () => {
    const y = doc.y;
    doc
      .save()
      .rect(
        MARGIN,
        y,
        widths.reduce((a, b) => a + b, 0),
        rowHeight,
      )
      .fill('#dee2e6')
      .restore();
    doc.font('Helvetica-Bold').fontSize(8).fillColor('#000000');
    let x = MARGIN;
    headers.forEach((h, i) => {
      doc.text(h, x + 3, y + 4, { width: widths[i]! - 6, height: 10, ellipsis: true });
      x += widths[i]!;
    });
    doc.y = y + rowHeight;
  };
  header();
  doc.font('Helvetica').fontSize(8);
  rows.forEach((r, index) => {
    if (doc.y + rowHeight > bottom()) {
      doc.addPage();
      header();
      doc.font('Helvetica').fontSize(8);
    }
    const y = doc.y;
    if (index % 2 === 1)
      doc
        .save()
        .rect(
          MARGIN,
          y,
          widths.reduce((a, b) => a + b, 0),
          rowHeight,
        )
        .fill('#f8f9fa')
        .restore();
    doc.fillColor('#000000');
    let x = MARGIN;
    r.forEach((cell, i) => {
      doc.text(cell, x + 3, y + 4, { width: widths[i]! - 6, height: 10, ellipsis: true });
      x += widths[i]!;
    });
    doc.y = y + rowHeight;
  });
  doc.x = MARGIN;
}

interface DiagramNode {
  id: string;
  kind: RecordKind;
  label: string;
}

/** Lays out and draws a relations diagram into the box (x, y, w, h); returns the height used. */
function drawDiagram(
  doc: Doc,
  nodes: DiagramNode[],
  edges: Array<{ from: string; to: string; label: string }>,
  box: { x: number; y: number; w: number; h: number },
  kindLabels: Record<RecordKind, string>,
): number {
  const g = new Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 70, marginx: 8, marginy: 8 } as never);
  g.setDefaultEdgeLabel(() => ({}));
  const clip = (t: string) => (t.length > 34 ? `${t.slice(0, 33)}…` : t);
  doc.font('Helvetica').fontSize(9);
  for (const n of nodes) {
    const width = Math.max(110, Math.min(220, doc.widthOfString(clip(n.label)) + 20));
    g.setNode(n.id, { width, height: 38 } as never);
  }
  edges.forEach((e, i) => {
    g.setEdge(
      e.from,
      e.to,
      { label: e.label, width: e.label.length * 4.5, height: 10 } as never,
      `e${i}`,
    );
  });
  layout(g);
  const graph = g.graph() as unknown as { width?: number; height?: number };
  const gw = Math.max(1, graph.width ?? 1);
  const gh = Math.max(1, graph.height ?? 1);
  const scale = Math.min(1, box.w / gw, box.h / gh);
  const ox = box.x + (box.w - gw * scale) / 2;
  const oy = box.y;
  const px = (x: number) => ox + x * scale;
  const py = (y: number) => oy + y * scale;

  // Edges first, under the boxes.
  for (const ref of g.edges()) {
    const e = g.edge(ref) as unknown as {
      points: Array<{ x: number; y: number }>;
      label: string;
      x?: number;
      y?: number;
    };
    const pts = e.points;
    if (!pts || pts.length < 2) continue;
    doc.save().lineWidth(0.8).strokeColor('#495057');
    doc.moveTo(px(pts[0]!.x), py(pts[0]!.y));
    for (const p of pts.slice(1)) doc.lineTo(px(p.x), py(p.y));
    doc.stroke();
    // Arrowhead at the end.
    const a = pts[pts.length - 2]!;
    const b = pts[pts.length - 1]!;
    const angle = Math.atan2(b.y - a.y, b.x - a.x);
    const size = Math.max(3, 6 * scale);
    const tipX = px(b.x);
    const tipY = py(b.y);
    doc
      .moveTo(tipX, tipY)
      .lineTo(
        tipX - size * Math.cos(angle - Math.PI / 7),
        tipY - size * Math.sin(angle - Math.PI / 7),
      )
      .lineTo(
        tipX - size * Math.cos(angle + Math.PI / 7),
        tipY - size * Math.sin(angle + Math.PI / 7),
      )
      .closePath()
      .fill('#495057');
    if (e.label && e.x !== undefined && e.y !== undefined) {
      const fontSize = Math.max(4, 7 * scale);
      doc.font('Helvetica-Oblique').fontSize(fontSize).fillColor('#343a40');
      const w = doc.widthOfString(e.label);
      doc.text(e.label, px(e.x) - w / 2, py(e.y) - fontSize / 2, { lineBreak: false });
    }
    doc.restore();
  }
  for (const n of nodes) {
    const p = g.node(n.id) as unknown as { x: number; y: number; width: number; height: number };
    const x = px(p.x - p.width / 2);
    const y = py(p.y - p.height / 2);
    const w = p.width * scale;
    const h = p.height * scale;
    const colour = PALETTE[n.kind];
    doc
      .save()
      .lineWidth(1)
      .roundedRect(x, y, w, h, 4 * scale)
      .fillAndStroke(colour.fill, colour.stroke);
    doc.restore();
    const small = Math.max(3.5, 6.5 * scale);
    const big = Math.max(4.5, 9 * scale);
    doc.fillColor(colour.stroke).font('Helvetica').fontSize(small);
    doc.text(kindLabels[n.kind], x + 4 * scale, y + 4 * scale, {
      width: w - 8 * scale,
      height: small * 1.3,
      ellipsis: true,
    });
    doc.fillColor('#000000').font('Helvetica-Bold').fontSize(big);
    doc.text(clip(n.label), x + 4 * scale, y + 16 * scale, {
      width: w - 8 * scale,
      height: big * 1.3,
      ellipsis: true,
    });
  }
  doc.fillColor('#000000');
  return gh * scale;
}

/** The diagram of one domain: its records with relations, and their direct neighbours. */
function domainGraph(
  kind: RecordKind,
  records: Map<string, Rec>,
  relations: RelationRow[],
  relLabels: Record<string, string>,
): {
  nodes: DiagramNode[];
  edges: Array<{ from: string; to: string; label: string }>;
  total: number;
} {
  const touching = relations.filter(
    (r) =>
      records.has(r.fromId) &&
      records.has(r.toId) &&
      (records.get(r.fromId)!.kind === kind || records.get(r.toId)!.kind === kind),
  );
  const ids = new Set<string>();
  for (const r of touching) {
    ids.add(r.fromId);
    ids.add(r.toId);
  }
  const total = ids.size;
  // Records of the domain first (most connected first), then their neighbours; stable by name.
  const degree = new Map<string, number>();
  for (const r of touching) {
    degree.set(r.fromId, (degree.get(r.fromId) ?? 0) + 1);
    degree.set(r.toId, (degree.get(r.toId) ?? 0) + 1);
  }
  const ordered = [...ids].sort((a, b) => {
    const ra = records.get(a)!;
    const rb = records.get(b)!;
    const own = Number(rb.kind === kind) - Number(ra.kind === kind);
    return (
      own ||
      (degree.get(b) ?? 0) - (degree.get(a) ?? 0) ||
      (ra.name < rb.name ? -1 : ra.name > rb.name ? 1 : 0) ||
      (a < b ? -1 : 1)
    );
  });
  const shown = new Set(ordered.slice(0, MAX_DIAGRAM_NODES));
  const nodes = [...shown].map((id) => {
    const r = records.get(id)!;
    return { id, kind: r.kind, label: r.name };
  });
  const edges = touching
    .filter((r) => shown.has(r.fromId) && shown.has(r.toId))
    .map((r) => ({ from: r.fromId, to: r.toId, label: relLabels[r.type] ?? r.type }));
  return { nodes, edges, total };
}

export interface PdfOptions {
  domain: PdfDomain;
  lang?: Locale;
  /** Compress page streams (default true); tests read the uncompressed text. */
  compress?: boolean;
}

/** Renders the document; returns the PDF bytes and its page count. */
export async function exportArchitecturePdf(
  ctx: Ctx,
  opts: PdfOptions,
): Promise<{ filename: string; body: Buffer; pages: number }> {
  authorize(ctx, 'catalog:export:read');
  await ensureReferenceCodes(ctx);
  // The document is Indonesian; English only on request.
  const locale: Locale = opts.lang ?? 'id';
  const t = TEXT[locale];
  const agencies = new Map((await tenantAgencies(ctx)).map((a) => [a.id, a]));
  const kinds: RecordKind[] =
    opts.domain === 'all'
      ? ['service', 'process', 'application', 'infrastructure', 'data_asset']
      : [DOMAIN_KIND[opts.domain]];

  // Every approved record (neighbours of other domains appear in the diagrams).
  const records = new Map<string, Rec>();
  const byKind = new Map<RecordKind, Rec[]>();
  for (const kind of [
    'service',
    'process',
    'application',
    'infrastructure',
    'data_asset',
  ] as const) {
    const rows = (await repo.recordsOfKind(ctx.tx, kind, { approvedOnly: true })) as Array<
      AnyRecordRow & Record<string, unknown>
    >;
    const list = rows.map((row) => ({
      id: row.id,
      kind,
      name: row.name,
      agencyId: row.agencyId,
      refCode: row.refCode,
      row,
    }));
    for (const r of list) records.set(r.id, r);
    byKind.set(kind, list);
  }
  const relations = await repo.allRelations(ctx.tx);
  const now = new Date();
  const stamp = formatStamp(now, ctx.tenant.timeZone, locale);

  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: opts.compress ?? true,
    info: {
      Title: `${t.title} - ${ctx.tenant.name}`,
      Author: ctx.tenant.name,
      Subject: t.title,
      Creator: 'Simpul',
      CreationDate: now,
    },
    lang: locale === 'id' ? 'id-ID' : 'en-GB',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  // Title page.
  const width = doc.page.width - 2 * MARGIN;
  doc.rect(0, 0, doc.page.width, 8).fill('#1864ab');
  doc.fillColor('#000000');
  doc.y = 200;
  doc.font('Helvetica-Bold').fontSize(32).text(t.title, MARGIN, doc.y, { width, align: 'center' });
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(14).text(t.subtitle, { width, align: 'center' });
  doc.moveDown(2);
  doc.font('Helvetica-Bold').fontSize(18).text(ctx.tenant.name, { width, align: 'center' });
  doc.moveDown(1);
  doc.font('Helvetica').fontSize(11).text(`${t.generated} ${stamp}`, { width, align: 'center' });
  doc.moveDown(0.5);
  doc.text(`${t.scope}: ${opts.domain === 'all' ? t.allDomains : t.sections[kinds[0]!]}`, {
    width,
    align: 'center',
  });
  doc.moveDown(3);
  doc.font('Helvetica-Bold').fontSize(12).text(t.summary, MARGIN, doc.y, { width });
  doc.moveDown(0.5);
  doc.font('Helvetica').fontSize(11);
  for (const kind of kinds) {
    doc.text(`${t.sections[kind]}: ${byKind.get(kind)?.length ?? 0} ${t.records}`, { width });
  }

  for (const kind of kinds) {
    const list = [...(byKind.get(kind) ?? [])].sort((a, b) => {
      const ca = agencies.get(a.agencyId)?.code ?? '';
      const cb = agencies.get(b.agencyId)?.code ?? '';
      return (
        (a.refCode ?? '~').localeCompare(b.refCode ?? '~') ||
        ca.localeCompare(cb) ||
        a.name.localeCompare(b.name)
      );
    });
    // The diagram on a landscape page of its own.
    doc.addPage({ size: 'A4', layout: 'landscape', margin: MARGIN });
    const lw = doc.page.width - 2 * MARGIN;
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .fillColor('#000000')
      .text(t.sections[kind], MARGIN, MARGIN, {
        width: lw,
      });
    doc.font('Helvetica').fontSize(10).text(t.intro[kind], { width: lw });
    doc.moveDown(0.5);
    doc.font('Helvetica-Bold').fontSize(12).text(t.diagram, { width: lw });
    doc.moveDown(0.3);
    const graph = domainGraph(kind, records, relations, t.relations);
    if (graph.nodes.length === 0) {
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(list.length === 0 ? t.noRecords : t.noRelations, {
          width: lw,
        });
    } else {
      const top = doc.y;
      const bottom = doc.page.height - MARGIN - 40;
      drawDiagram(
        doc,
        graph.nodes,
        graph.edges,
        { x: MARGIN, y: top, w: lw, h: bottom - top },
        t.kinds,
      );
      doc.font('Helvetica').fontSize(8).fillColor('#495057');
      const note =
        graph.total > graph.nodes.length
          ? `${t.legend} ${fill(t.truncated, { shown: graph.nodes.length, total: graph.total })}`
          : t.legend;
      doc.text(note, MARGIN, bottom + 8, { width: lw });
      doc.fillColor('#000000');
    }

    // The table on portrait pages.
    doc.addPage({ size: 'A4', layout: 'portrait', margin: MARGIN });
    doc
      .font('Helvetica-Bold')
      .fontSize(14)
      .text(`${t.list}: ${t.sections[kind]}`, MARGIN, MARGIN, { width });
    doc.moveDown(0.5);
    if (list.length === 0) {
      doc.font('Helvetica').fontSize(10).text(t.noRecords, { width });
      continue;
    }
    drawTable(
      doc,
      [t.refCode, t.name, t.agency, t.extra[kind]],
      [68, 150, 140, width - 358],
      list.map((r) => {
        const a = agencies.get(r.agencyId);
        return [r.refCode ?? '-', r.name, a ? a.name : '-', extraColumn(r, locale)];
      }),
    );
  }

  // Page numbers on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor('#495057')
      .text(
        `${ctx.tenant.name} - ${t.title}    ${fill(t.page, { n: i + 1, total: range.count })}`,
        MARGIN,
        doc.page.height - 30,
        { width: doc.page.width - 2 * MARGIN, align: 'right', lineBreak: false },
      );
    doc.page.margins.bottom = bottomMargin;
  }
  doc.end();
  await done;
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.records.exported',
    data: { format: 'pdf', domain: opts.domain, pages: range.count },
  });
  const day = now.toISOString().slice(0, 10);
  return {
    filename: `${safeFilename(`arsitektur-spbe-${ctx.tenant.code}-${opts.domain}-${day}`)}.pdf`,
    body: Buffer.concat(chunks),
    pages: range.count,
  };
}
