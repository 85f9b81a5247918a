import {
  DELIVERABLE_KINDS,
  type DocumentKind,
  type SnapApplication,
} from '../../catalog/catalog.snapshot.js';
import {
  cite,
  citeSummary,
  fail,
  rule,
  type EvalContext,
  type Rule,
  type SubjectKind,
  type Verdict,
} from './model.js';

/*
 * The obligations of the regulations that the registry and the organisation can decide
 * (docs/compliance.md lists them; shared/domain/obligations.md is the source). Every rule cites
 * the article(s) that oblige it, with words of that article the tests find in the text; a rule
 * applies to a tenant when one of its regulations is in the tenant's profile.
 */

const PASS: Verdict = 'pass';
const NA: Verdict = 'na';

/** Perpres 95/2018 as summarised in shared/domain/spbe-reference.md §3.1 (text not shipped). */
const PERPRES95_ARCHITECTURE = citeSummary('PERPRES95', {
  id: 'Perpres 95/2018 menetapkan Arsitektur SPBE sebagai kerangka dasar yang memadukan proses bisnis, data dan informasi, infrastruktur, aplikasi dan keamanan SPBE; setiap unsur diberi kode Referensi Arsitektur (RAB, RAD, RAL, RAA, RAI; Perpres 95/2018 dan 132/2022).',
  en: 'Perpres 95/2018 sets the SPBE Architecture as the framework integrating business processes, data and information, infrastructure, applications and security; every element carries a reference-architecture code (RAB, RAD, RAL, RAA, RAI; Perpres 95/2018 and 132/2022).',
});

// ------------------------------------------------------------------ helpers

/** Built or run by the regency (not a national application such as SRIKANDI or SIPD). */
const agencyBuilt = (a: SnapApplication) => a.developer !== 'national';
const live = (a: SnapApplication) => a.lifecycle !== 'retired';
const has = (a: SnapApplication, kind: DocumentKind) => a.documents.includes(kind);
const isIctOffice = (ctx: EvalContext, agencyId: string) =>
  ctx.agencies.get(agencyId)?.isIctOffice === true;

function hostOf(url: string): string | null {
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`).hostname
      .toLowerCase()
      .replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** The host is the official domain or one of its subdomains. */
export function underDomain(url: string, domain: string): boolean {
  const host = hostOf(url);
  const d = domain.toLowerCase();
  return host !== null && (host === d || host.endsWith(`.${d}`));
}

/** The region's own name from the tenant name ("Pemerintah Kabupaten Batang" -> "batang"). */
function regionName(tenantName: string): string | null {
  const m = /(?:kabupaten|kota|kab\.)\s+(.+)$/i.exec(tenantName.trim());
  return m ? m[1]!.toLowerCase() : null;
}

/** A copyright holder that names the regional government (pemerintah daerah) of this tenant. */
export function regencyHolds(holder: string | null, tenantName: string): boolean {
  if (!holder) return false;
  const h = holder.toLowerCase();
  const government =
    /(pemerintah|pemkab|pemkot|pemda|kabupaten|kota|regency|regional government)/.test(h);
  const region = regionName(tenantName);
  return government && (region === null || h.includes(region));
}

const CLASS_RANK = { B: 0, T: 1, R: 2, SR: 3 } as const;
/** The lowest security class an application needs for the data it reads or writes. */
const NEEDED_CLASS = { open: 'B', limited: 'T', closed: 'R' } as const;

const INFRA_FACILITIES = new Set(['data_center', 'recovery_center']);

// ------------------------------------------------------------------ applications

const applicationRules = [
  rule({
    id: 'app.deliverables.complete',
    appliesTo: 'application',
    severity: 'high',
    citations: [
      cite('BHR17', 13, [3], 'Manual Instalasi, Manual Pengguna, Manual Admin, Metadata'),
      cite('BTM19', 13, [6], 'dokumen kebutuhan perangkat lunak'),
      cite('PBG19', 10, [2], 'menyerahkan kode sumber dan dokumentasi'),
    ],
    title: {
      id: 'Aplikasi khusus belum menyerahkan seluruh dokumen serah terima',
      en: 'Specific application lacks hand-over deliverables',
    },
    explanation: {
      id: 'Dokumentasi teknis aplikasi (kode sumber, kebutuhan pengguna, rancangan aplikasi dan basis data, pengujian, manual instalasi, pengguna dan admin, metadata, troubleshooting) wajib diserahkan kepada Dinas.',
      en: 'The technical documentation of an application (source code, user requirements, application and database design, tests, installation, user and admin manuals, metadata, troubleshooting) must be handed over to the ICT office.',
    },
    evaluate: (a) => {
      if (a.kind !== 'specific' || !agencyBuilt(a) || a.lifecycle !== 'production') return NA;
      const missing = DELIVERABLE_KINDS.filter((k) => !has(a, k));
      return missing.length === 0 ? PASS : fail({ missing });
    },
  }),
  rule({
    id: 'app.vendor.web_service',
    appliesTo: 'application',
    severity: 'medium',
    citations: [cite('PBG19', 10, [2], 'web service guna keperluan interoperabilitas')],
    title: {
      id: 'Aplikasi buatan penyedia tidak menyediakan web service',
      en: 'Vendor-built application offers no web service',
    },
    explanation: {
      id: 'Penyedia yang mengembangkan perangkat lunak khusus untuk Perangkat Daerah wajib membuat web service guna keperluan interoperabilitas. Daftarkan API aplikasi ini.',
      en: 'A vendor building software for an agency must also build a web service for interoperability. Register the application’s API.',
    },
    evaluate: (a) => {
      if (
        a.developer !== 'vendor' ||
        a.kind !== 'specific' ||
        !live(a) ||
        a.lifecycle === 'planned'
      )
        return NA;
      return a.apiCount > 0 ? PASS : fail({ vendor: a.vendorName });
    },
  }),
  rule({
    id: 'app.interoperability',
    appliesTo: 'application',
    severity: 'low',
    citations: [
      cite('BHR17', 9, [2], 'interoperabilitas dan kompatibilitas'),
      cite('BTM19', 13, [4], 'integrasi dengan sistem elektronik lain'),
    ],
    title: {
      id: 'Aplikasi khusus tidak terhubung dengan sistem lain',
      en: 'Specific application is not interoperable',
    },
    explanation: {
      id: 'Aplikasi khusus wajib memenuhi ketentuan interoperabilitas dan dapat diintegrasikan dengan sistem elektronik lain: aplikasi ini tidak menyediakan API dan tidak memanggil API aplikasi lain.',
      en: 'A specific application must be interoperable and able to integrate with other systems: this one neither offers an API nor calls another application’s API.',
    },
    evaluate: (a, ctx) => {
      if (a.kind !== 'specific' || a.lifecycle !== 'production') return NA;
      if (a.apiCount > 0) return PASS;
      const calls = (r: { type: string }) => r.type === 'calls';
      const linked =
        (ctx.outgoing.get(a.id) ?? []).some(calls) || (ctx.incoming.get(a.id) ?? []).some(calls);
      return linked ? PASS : fail();
    },
  }),
  rule({
    id: 'app.closed_source.consideration',
    appliesTo: 'application',
    severity: 'high',
    citations: [cite('BTG19', 17, [2], 'kode sumber tertutup')],
    title: {
      id: 'Aplikasi kode sumber tertutup tanpa pertimbangan menteri',
      en: 'Closed-source application without the minister’s consideration',
    },
    explanation: {
      id: 'Pembangunan atau pengembangan aplikasi SPBE dengan kode sumber tertutup harus mendapat pertimbangan menteri komunikasi dan informatika. Unggah dokumen pertimbangan tersebut.',
      en: 'Building an SPBE application with closed source code needs the consideration of the minister for communication and informatics. Upload that consideration.',
    },
    evaluate: (a) => {
      if (a.licence !== 'closed' || !agencyBuilt(a) || !live(a)) return NA;
      return has(a, 'closed_source_consideration') ? PASS : fail({ licence: a.licenceName });
    },
  }),
  rule({
    id: 'app.open_source',
    appliesTo: 'application',
    severity: 'medium',
    citations: [
      cite('BTG15', 9, [2], 'kode sumber terbuka'),
      cite('BHR17', 7, [5], 'bersifat terbuka'),
    ],
    title: {
      id: 'Aplikasi yang dikembangkan daerah tidak berkode sumber terbuka',
      en: 'Regionally developed application is not open source',
    },
    explanation: {
      id: 'Aplikasi yang dikembangkan Perangkat Daerah wajib menggunakan kode sumber terbuka.',
      en: 'Applications developed by the agencies must be open source.',
    },
    evaluate: (a) => {
      if (!agencyBuilt(a) || !live(a)) return NA;
      return a.licence === 'open' ? PASS : fail({ licence: a.licenceName });
    },
  }),
  rule({
    id: 'app.licence.legal',
    appliesTo: 'application',
    severity: 'medium',
    citations: [
      cite('BTG15', 9, [1], 'perangkat lunak legal'),
      cite('BTM19', 13, [5], 'legal atau bersifat kode sumber terbuka'),
    ],
    title: {
      id: 'Lisensi aplikasi tertutup tidak tercatat',
      en: 'Closed-source application has no recorded licence',
    },
    explanation: {
      id: 'Perangkat lunak harus legal atau berkode sumber terbuka. Untuk aplikasi tertutup, catat nama lisensinya sebagai bukti legalitas.',
      en: 'Software must be legal or open source. For a closed-source application, record its licence as evidence of legality.',
    },
    evaluate: (a) => {
      if (a.licence !== 'closed' || !live(a)) return NA;
      return a.licenceName?.trim() ? PASS : fail();
    },
  }),
  rule({
    id: 'app.hosting.guarantee',
    appliesTo: 'application',
    severity: 'high',
    citations: [cite('BTM19', 15, [1, 2], 'jaminan keamanan data')],
    title: {
      id: 'Aplikasi di luar pusat data tanpa jaminan keamanan data',
      en: 'Application hosted outside the data center without a data-security guarantee',
    },
    explanation: {
      id: 'Aplikasi Perangkat Daerah ditempatkan di pusat data yang dikelola Dinas; penempatan di luar pusat data hanya dengan pernyataan kesanggupan jaminan keamanan data dari pengelola dan penyedia.',
      en: 'Agency applications sit in the data center run by the ICT office; hosting elsewhere needs a written data-security guarantee from the agency and the provider.',
    },
    evaluate: (a) => {
      if (!agencyBuilt(a) || !live(a) || a.hosting === 'regional_dc') return NA;
      return has(a, 'hosting_guarantee')
        ? PASS
        : fail({ hosting: a.hosting, provider: a.hostingProvider });
    },
  }),
  rule({
    id: 'app.hosting.data_center',
    appliesTo: 'application',
    severity: 'medium',
    citations: [
      cite('PBG19', 16, [2], 'Pusat Data yang dikelola oleh Dinas'),
      cite('PBG19', 11, [4], 'Penempatan server terpusat'),
      cite('BHR17', 6, [3], 'dikonsolidasikan pada pusat data'),
    ],
    title: {
      id: 'Aplikasi tidak ditempatkan di pusat data daerah',
      en: 'Application is not hosted in the regional data center',
    },
    explanation: {
      id: 'Sistem informasi dan servernya ditempatkan di pusat data yang dikelola Dinas.',
      en: 'Information systems and their servers are placed in the data center run by the ICT office.',
    },
    evaluate: (a) => {
      if (!agencyBuilt(a) || !live(a)) return NA;
      return a.hosting === 'regional_dc'
        ? PASS
        : fail({ hosting: a.hosting, provider: a.hostingProvider });
    },
  }),
  rule({
    id: 'app.hosting.indonesia',
    appliesTo: 'application',
    severity: 'critical',
    citations: [
      cite('BTG15', 11, [6], 'wilayah Republik Indonesia'),
      cite('BTM19', 19, [4], 'wilayah hukum Indonesia'),
    ],
    title: {
      id: 'Aplikasi di-hosting di luar Indonesia',
      en: 'Application hosted outside Indonesia',
    },
    explanation: {
      id: 'Penyimpanan data secara cloud dan penempatan website hanya di wilayah hukum Indonesia.',
      en: 'Cloud data and websites may be hosted only within Indonesian jurisdiction.',
    },
    evaluate: (a) => {
      if (!live(a)) return NA;
      return a.hostingCountry.toUpperCase() === 'ID' ? PASS : fail({ country: a.hostingCountry });
    },
  }),
  rule({
    id: 'app.hosting.indonesian_entity',
    appliesTo: 'application',
    severity: 'high',
    citations: [cite('BTM19', 19, [4], 'berbadan hukum Indonesia')],
    title: {
      id: 'Penyedia hosting bukan badan hukum Indonesia',
      en: 'Hosting provider is not an Indonesian legal entity',
    },
    explanation: {
      id: 'Penyewaan penempatan website hanya pada usaha berbadan hukum Indonesia.',
      en: 'Rented website hosting must come from a business that is an Indonesian legal entity.',
    },
    evaluate: (a) => {
      if (!live(a) || (a.hosting !== 'commercial_cloud' && a.hosting !== 'external')) return NA;
      return a.providerIndonesianEntity === true ? PASS : fail({ provider: a.hostingProvider });
    },
  }),
  rule({
    id: 'app.urls.official_domain',
    appliesTo: 'application',
    severity: 'medium',
    citations: [
      cite('BTG15', 13, [1], 'sub domain dari domain Pemerintah Kabupaten'),
      cite('BHR17', 10, [3], 'Subdomain'),
      cite('PBG19', 13, [2], 'sub domain dari domain resmi'),
      cite('BTM19', 19, [1, 2], 'Website subdomain'),
    ],
    title: {
      id: 'Alamat aplikasi bukan subdomain domain resmi',
      en: 'Application address is not a subdomain of the official domain',
    },
    explanation: {
      id: 'Perangkat Daerah hanya memakai subdomain dari domain resmi daerah; domain lain memerlukan persetujuan sesuai peraturan.',
      en: 'Agencies may use only subdomains of the official regional domain; any other domain needs the approval the regulation names.',
    },
    evaluate: (a, ctx) => {
      if (!agencyBuilt(a) || !live(a) || !ctx.officialDomain || a.urls.length === 0) return NA;
      const outside = a.urls.filter((u) => !underDomain(u, ctx.officialDomain!));
      return outside.length === 0 ? PASS : fail({ urls: outside, domain: ctx.officialDomain });
    },
  }),
  rule({
    id: 'app.sso',
    appliesTo: 'application',
    severity: 'low',
    citations: [cite('BHR17', 6, [5], 'Single Sign On')],
    title: {
      id: 'Aplikasi produksi tidak memakai Single Sign-On',
      en: 'Production application does not use Single Sign-On',
    },
    explanation: {
      id: 'Dinas mengoperasikan Single Sign-On untuk e-government; aplikasi daerah masuk melalui klien SSO.',
      en: 'The ICT office operates Single Sign-On for e-government; regional applications sign in through an SSO client.',
    },
    evaluate: (a) => {
      if (!agencyBuilt(a) || a.lifecycle !== 'production') return NA;
      return a.ssoClientId ? PASS : fail();
    },
  }),
  rule({
    id: 'app.assessment',
    appliesTo: 'application',
    severity: 'high',
    citations: [cite('BTM19', 17, [3], 'assessment oleh Dinas')],
    title: {
      id: 'Aplikasi produksi belum lulus penilaian Dinas',
      en: 'Production application has not passed the ICT office’s assessment',
    },
    explanation: {
      id: 'Aplikasi yang digunakan harus diperiksa kesesuaian fungsinya melalui assessment oleh Dinas.',
      en: 'Applications in use must have their functions checked in an assessment by the ICT office.',
    },
    evaluate: (a) => {
      if (a.lifecycle !== 'production') return NA;
      const passed =
        a.assessedAt !== null &&
        (a.assessmentResult === 'passed' || a.assessmentResult === 'passed_with_notes');
      return passed ? PASS : fail({ assessedAt: a.assessedAt, result: a.assessmentResult });
    },
  }),
  rule({
    id: 'app.lookalike.justified',
    appliesTo: 'application',
    severity: 'high',
    citations: [
      cite('BTG19', 18, [3], 'kajian biaya dan manfaat'),
      cite('BTG19', 41, [3], 'Pasal 18 ayat (3)'),
    ],
    title: {
      id: 'Aplikasi sejenis Aplikasi Umum tanpa persyaratan',
      en: 'Look-alike of a shared application without its justification',
    },
    explanation: {
      id: 'Aplikasi sejenis dengan Aplikasi Umum hanya boleh dipakai bila telah beroperasi sebelum Aplikasi Umum ditetapkan, ada kajian biaya dan manfaat, disesuaikan dengan proses bisnis Aplikasi Umum, dan mendapat pertimbangan menteri.',
      en: 'A look-alike of a shared application is allowed only if it ran before the shared one was set, has a cost-benefit study, follows the shared application’s business process, and has the minister’s consideration.',
    },
    evaluate: (a) => {
      if (!a.duplicatesId || !live(a)) return NA;
      const missing: string[] = [];
      if (a.ranBeforeShared !== true) missing.push('ran_before_shared');
      for (const k of [
        'cost_benefit_study',
        'business_process_alignment',
        'minister_consideration',
      ] as const)
        if (!has(a, k)) missing.push(k);
      return missing.length === 0 ? PASS : fail({ missing, duplicatesId: a.duplicatesId });
    },
  }),
  rule({
    id: 'app.specific.kemenpanrb',
    appliesTo: 'application',
    severity: 'medium',
    citations: [cite('BTG19', 19, [3], 'bidang aparatur negara')],
    title: {
      id: 'Aplikasi khusus tanpa pertimbangan KemenPANRB',
      en: 'Specific application without KemenPANRB’s consideration',
    },
    explanation: {
      id: 'Sebelum membangun atau mengembangkan Aplikasi Khusus, Pemerintah Daerah harus mendapat pertimbangan menteri aparatur negara (KemenPANRB).',
      en: 'Before building a specific application the regency needs the consideration of the minister for state apparatus (KemenPANRB).',
    },
    evaluate: (a) => {
      if (a.kind !== 'specific' || !agencyBuilt(a)) return NA;
      if (a.lifecycle !== 'development' && a.lifecycle !== 'production') return NA;
      return has(a, 'kemenpanrb_consideration') ? PASS : fail();
    },
  }),
  rule({
    id: 'app.refcode',
    appliesTo: 'application',
    severity: 'low',
    citations: [
      cite('BTG19', 19, [2], 'didasarkan pada Arsitektur SPBE Pemerintah Daerah'),
      PERPRES95_ARCHITECTURE,
    ],
    title: {
      id: 'Aplikasi tanpa kode Referensi Arsitektur (RAA)',
      en: 'Application lacks its reference-architecture code (RAA)',
    },
    explanation: {
      id: 'Setiap aplikasi adalah unsur Arsitektur SPBE dan dikodekan dengan Referensi Arsitektur Aplikasi; Aplikasi Khusus didasarkan pada Arsitektur SPBE Pemerintah Daerah.',
      en: 'Every application is an element of the SPBE Architecture, coded with the application reference architecture; specific applications rest on the regional SPBE Architecture.',
    },
    evaluate: (a) => (!live(a) ? NA : a.refCode ? PASS : fail()),
  }),
  rule({
    id: 'app.repository',
    appliesTo: 'application',
    severity: 'medium',
    citations: [
      cite('BTG15', 7, [4], 'tempat penyimpanan kode sumber pada Dinas'),
      cite('BTM19', 13, [9], 'repository yang dikelola oleh Dinas'),
    ],
    title: {
      id: 'Kode sumber tidak disimpan di repositori Dinas',
      en: 'Source code is not kept in the ICT office’s repository',
    },
    explanation: {
      id: 'Kode sumber perangkat lunak disimpan di repositori yang dikelola Dinas (alamatnya di bawah domain resmi daerah).',
      en: 'Source code is kept in a repository run by the ICT office (an address under the official domain).',
    },
    evaluate: (a, ctx) => {
      if (!agencyBuilt(a) || !live(a)) return NA;
      if (!a.repositoryUrl) return fail({ reason: 'missing' });
      if (ctx.officialDomain && !underDomain(a.repositoryUrl, ctx.officialDomain))
        return fail({ reason: 'outside_regency', url: a.repositoryUrl });
      return PASS;
    },
  }),
  rule({
    id: 'app.copyright',
    appliesTo: 'application',
    severity: 'medium',
    citations: [
      cite('BTG15', 17, [], 'hak cipta kepada Pemerintah Kabupaten Batang'),
      cite('BHR17', 13, [4], 'hak cipta dan distribusi aplikasi menjadi milik Daerah'),
      cite('BTM19', 13, [9], 'Hak cipta atas aplikasi'),
    ],
    title: {
      id: 'Hak cipta aplikasi bukan milik Pemerintah Daerah',
      en: 'Copyright of the application is not held by the regency',
    },
    explanation: {
      id: 'Hak cipta aplikasi yang dibiayai daerah atau dikembangkan pihak ketiga menjadi milik Pemerintah Daerah.',
      en: 'The copyright of applications the region paid for or had built by a third party belongs to the regional government.',
    },
    evaluate: (a, ctx) => {
      if (!agencyBuilt(a) || !live(a)) return NA;
      return regencyHolds(a.copyrightHolder, ctx.tenantName)
        ? PASS
        : fail({ holder: a.copyrightHolder });
    },
  }),
  rule({
    id: 'app.vendor.contract',
    appliesTo: 'application',
    severity: 'low',
    citations: [cite('BTG15', 17, [], 'penyerahan kode sumber')],
    title: {
      id: 'Aplikasi pihak ketiga tanpa rujukan kontrak',
      en: 'Vendor-built application without its contract reference',
    },
    explanation: {
      id: 'Kerja sama pengembangan dengan pihak ketiga harus memuat ketentuan penyerahan kode sumber dan hak cipta; catat rujukan kontraknya.',
      en: 'A development contract with a third party must provide for handing over the source code and copyright; record the contract reference.',
    },
    evaluate: (a) => {
      if (a.developer !== 'vendor' || !live(a)) return NA;
      return a.contractRef?.trim() ? PASS : fail({ vendor: a.vendorName });
    },
  }),
  rule({
    id: 'app.security_class.data',
    appliesTo: 'application',
    severity: 'high',
    citations: [cite('BTG19', 20, [2], 'klasifikasi keamanan')],
    title: {
      id: 'Klasifikasi keamanan aplikasi lebih rendah dari data yang diolah',
      en: 'Application’s security class is below the data it handles',
    },
    explanation: {
      id: 'Kerahasiaan dijamin melalui penetapan klasifikasi keamanan dan pembatasan akses: aplikasi yang membaca atau menulis data terbatas atau tertutup perlu klasifikasi keamanan yang sepadan.',
      en: 'Confidentiality rests on a security classification and access limits: an application reading or writing limited or closed data needs a matching security class.',
    },
    evaluate: (a, ctx) => {
      if (!live(a)) return NA;
      const used = (ctx.outgoing.get(a.id) ?? []).filter(
        (r) => r.type === 'reads' || r.type === 'writes',
      );
      if (used.length === 0) return NA;
      let needed: keyof typeof CLASS_RANK = 'B';
      const sensitive: string[] = [];
      for (const r of used) {
        const d = ctx.dataAssets.get(r.toId);
        if (!d) continue;
        const n = NEEDED_CLASS[d.classification];
        if (CLASS_RANK[n] > CLASS_RANK[a.securityClass]) sensitive.push(d.name);
        if (CLASS_RANK[n] > CLASS_RANK[needed]) needed = n;
      }
      return sensitive.length === 0
        ? PASS
        : fail({ securityClass: a.securityClass, needed, dataAssets: sensitive });
    },
  }),
  rule({
    id: 'app.secret.dinas_security',
    appliesTo: 'application',
    severity: 'high',
    citations: [
      cite('PBG19', 23, [], 'dikelola oleh Dinas dengan dukungan operasional persandian'),
      cite('BTM19', 18, [], 'sistem keamanan dan jaringan yang dikelola oleh Dinas'),
    ],
    title: {
      id: 'Aplikasi rahasia di luar pengamanan Dinas',
      en: 'Secret application outside the ICT office’s security',
    },
    explanation: {
      id: 'Informasi yang bersifat rahasia dan strategis memakai sistem keamanan dan jaringan yang dikelola Dinas: aplikasi berklasifikasi Rahasia atau Sangat Rahasia ditempatkan di pusat data daerah.',
      en: 'Secret and strategic information uses the security system and network run by the ICT office: an application classed R or SR sits in the regional data center.',
    },
    evaluate: (a) => {
      if (!live(a) || (a.securityClass !== 'R' && a.securityClass !== 'SR')) return NA;
      return a.hosting === 'regional_dc' ? PASS : fail({ hosting: a.hosting });
    },
  }),
  rule({
    id: 'app.shared.ict_office',
    appliesTo: 'application',
    severity: 'medium',
    citations: [
      cite('BHR17', 7, [2], 'disediakan oleh Dinas'),
      cite('BTM19', 13, [7], 'Aplikasi umum disediakan oleh Dinas'),
    ],
    title: {
      id: 'Aplikasi umum tidak disediakan oleh Dinas',
      en: 'Shared application is not provided by the ICT office',
    },
    explanation: {
      id: 'Aplikasi umum disediakan oleh Dinas Komunikasi dan Informatika; catat Dinas sebagai pemiliknya.',
      en: 'Shared applications are provided by the ICT office; record the ICT office as the owner.',
    },
    evaluate: (a, ctx) => {
      if (a.kind !== 'shared' || !agencyBuilt(a) || !live(a)) return NA;
      return isIctOffice(ctx, a.agencyId) ? PASS : fail();
    },
  }),
];

// ------------------------------------------------------------------ infrastructure

const infrastructureRules = [
  rule({
    id: 'infra.data_center.ict_office',
    appliesTo: 'infrastructure',
    severity: 'critical',
    citations: [
      cite('BHR17', 6, [1, 2], 'dilarang mengadakan pusat data'),
      cite('BTG19', 13, [3], 'Dinas bertanggung jawab'),
      cite('PBG19', 11, [2], 'dilaksanakan oleh Dinas'),
    ],
    title: {
      id: 'Perangkat Daerah menyelenggarakan pusat data sendiri',
      en: 'An agency other than the ICT office runs a data center',
    },
    explanation: {
      id: 'Pusat data dan pusat pemulihan data disediakan dan dikelola oleh Dinas; Perangkat Daerah lain dilarang mengadakannya.',
      en: 'Data centers and recovery centers are provided and run by the ICT office; other agencies may not set one up.',
    },
    evaluate: (i, ctx) => {
      if (i.status !== 'active' || !INFRA_FACILITIES.has(i.kind)) return NA;
      const wrong = [i.agencyId, i.managingAgencyId].filter((id) => !isIctOffice(ctx, id));
      return wrong.length === 0
        ? PASS
        : fail({ agencies: [...new Set(wrong)].map((id) => ctx.agencies.get(id)?.name ?? id) });
    },
  }),
  rule({
    id: 'infra.server.consolidated',
    appliesTo: 'infrastructure',
    severity: 'medium',
    citations: [
      cite('BHR17', 6, [3], 'dikonsolidasikan pada pusat data'),
      cite('PBG19', 11, [4], 'Penempatan server terpusat'),
    ],
    title: {
      id: 'Server tidak berada di pusat data Dinas',
      en: 'Server is not in the ICT office’s data center',
    },
    explanation: {
      id: 'Seluruh server dikonsolidasikan di pusat data yang dikelola Dinas: catat server atau mesin virtual ini di bawah ruang atau rak pusat data tersebut.',
      en: 'Every server is consolidated in the data center run by the ICT office: record this server or virtual machine under a room or rack of that data center.',
    },
    evaluate: (i, ctx) => {
      if (i.status !== 'active' || (i.kind !== 'server' && i.kind !== 'virtual_machine')) return NA;
      const seen = new Set<string>();
      let p = i.parentId ? ctx.infrastructure.get(i.parentId) : undefined;
      while (p && !seen.has(p.id)) {
        seen.add(p.id);
        if (INFRA_FACILITIES.has(p.kind))
          return isIctOffice(ctx, p.managingAgencyId) ? PASS : fail({ facility: p.name });
        p = p.parentId ? ctx.infrastructure.get(p.parentId) : undefined;
      }
      return fail({ facility: null });
    },
  }),
  rule({
    id: 'infra.indonesia',
    appliesTo: 'infrastructure',
    severity: 'high',
    citations: [cite('BTG15', 11, [6], 'wilayah Republik Indonesia')],
    title: {
      id: 'Infrastruktur berada di luar Indonesia',
      en: 'Infrastructure located outside Indonesia',
    },
    explanation: {
      id: 'Penyimpanan data secara cloud wajib menggunakan server di wilayah Republik Indonesia.',
      en: 'Cloud storage must use servers located in the Republic of Indonesia.',
    },
    evaluate: (i) => {
      if (i.status !== 'active') return NA;
      return i.country.toUpperCase() === 'ID' ? PASS : fail({ country: i.country });
    },
  }),
  rule({
    id: 'infra.procured_by_ict_office',
    appliesTo: 'infrastructure',
    severity: 'medium',
    citations: [cite('BTM19', 12, [4, 5], 'diadakan dan dikelola oleh Dinas')],
    title: {
      id: 'Infrastruktur non-umum dimiliki Perangkat Daerah',
      en: 'An agency owns infrastructure beyond general-purpose ICT',
    },
    explanation: {
      id: 'Perangkat keras pusat data, jaringan dan bandwidth diadakan dan dikelola oleh Dinas; Perangkat Daerah hanya boleh mengadakan perangkat TIK yang bersifat umum.',
      en: 'Data center, network and bandwidth equipment is procured and run by the ICT office; agencies may procure only general-purpose ICT.',
    },
    evaluate: (i, ctx) => {
      if (i.status !== 'active') return NA;
      return isIctOffice(ctx, i.agencyId) ? PASS : fail({ kind: i.kind });
    },
  }),
  rule({
    id: 'infra.refcode',
    appliesTo: 'infrastructure',
    severity: 'low',
    citations: [cite('BTG19', 12, [6], 'didasarkan pada Arsitektur SPBE'), PERPRES95_ARCHITECTURE],
    title: {
      id: 'Infrastruktur tanpa kode Referensi Arsitektur (RAI)',
      en: 'Infrastructure lacks its reference-architecture code (RAI)',
    },
    explanation: {
      id: 'Pembangunan dan pengembangan Infrastruktur SPBE didasarkan pada Arsitektur SPBE Pemerintah Daerah, yang mengodekan setiap unsur dengan Referensi Arsitektur.',
      en: 'SPBE infrastructure is built on the regional SPBE Architecture, which codes every element with the reference architecture.',
    },
    evaluate: (i) => (i.status !== 'active' ? NA : i.refCode ? PASS : fail()),
  }),
];

// ------------------------------------------------------------------ data assets

const dataRules = [
  rule({
    id: 'data.steward',
    appliesTo: 'data_asset',
    severity: 'medium',
    citations: [
      cite('BHR17', 11, [5], 'Wali Data'),
      cite('BTM19', 17, [7], 'Walidata menetapkan status kerahasiaan'),
    ],
    title: { id: 'Aset data tanpa walidata aktif', en: 'Data asset has no active data steward' },
    explanation: {
      id: 'Setiap basis data memiliki Wali Data yang ditetapkan, yang juga menetapkan status kerahasiaan datanya.',
      en: 'Every database has an appointed data steward (Walidata), who also sets the confidentiality of its data.',
    },
    evaluate: (d, ctx) => {
      if (!d.stewardEmployeeId) return fail({ reason: 'missing' });
      return ctx.activeEmployeeIds.has(d.stewardEmployeeId) ? PASS : fail({ reason: 'inactive' });
    },
  }),
  rule({
    id: 'data.data_center',
    appliesTo: 'data_asset',
    severity: 'medium',
    citations: [
      cite('BHR17', 11, [4], 'dalam suatu pusat data'),
      cite('BTG15', 4, [3], 'Pusat Data yang diselenggarakan oleh Dinas'),
      cite('PBG19', 11, [2], 'integrasi basisdata'),
    ],
    title: {
      id: 'Aset data diolah di luar pusat data daerah',
      en: 'Data asset is kept outside the regional data center',
    },
    explanation: {
      id: 'Basis data dikelola Dinas dalam satu pusat data: aplikasi yang menulis data ini di-hosting di luar pusat data daerah.',
      en: 'Databases are kept by the ICT office in one data center: an application writing this data is hosted outside the regional data center.',
    },
    evaluate: (d, ctx) => {
      const writers = (ctx.incoming.get(d.id) ?? [])
        .filter((r) => r.type === 'writes')
        .map((r) => ctx.applications.get(r.fromId))
        .filter((a): a is SnapApplication => a !== undefined && live(a));
      if (writers.length === 0) return NA;
      const outside = writers.filter((a) => a.hosting !== 'regional_dc').map((a) => a.name);
      return outside.length === 0 ? PASS : fail({ applications: outside });
    },
  }),
  rule({
    id: 'data.refcode',
    appliesTo: 'data_asset',
    severity: 'low',
    citations: [
      cite('BTG19', 11, [4], 'didasarkan pada Arsitektur SPBE Pemerintah Daerah'),
      PERPRES95_ARCHITECTURE,
    ],
    title: {
      id: 'Aset data tanpa kode Referensi Arsitektur (RAD)',
      en: 'Data asset lacks its reference-architecture code (RAD)',
    },
    explanation: {
      id: 'Penggunaan data dan informasi didasarkan pada Arsitektur SPBE Pemerintah Daerah, yang mengodekan data dengan Referensi Arsitektur Data.',
      en: 'Data and information are used on the basis of the regional SPBE Architecture, which codes data with the data reference architecture.',
    },
    evaluate: (d) => (d.refCode ? PASS : fail()),
  }),
];

// ------------------------------------------------------------------ services and processes

const serviceRules = [
  rule({
    id: 'service.application',
    appliesTo: 'service',
    severity: 'low',
    citations: [cite('BTG19', 16, [1], 'untuk memberikan Layanan SPBE')],
    title: {
      id: 'Layanan SPBE tanpa aplikasi pendukung',
      en: 'SPBE service without a supporting application',
    },
    explanation: {
      id: 'Aplikasi SPBE digunakan untuk memberikan Layanan SPBE: hubungkan aplikasi yang mendukung layanan ini.',
      en: 'SPBE applications deliver SPBE services: link the application that supports this service.',
    },
    evaluate: (s, ctx) => {
      if (s.status !== 'active') return NA;
      return (ctx.incoming.get(s.id) ?? []).some((r) => r.type === 'supports') ? PASS : fail();
    },
  }),
  rule({
    id: 'service.refcode',
    appliesTo: 'service',
    severity: 'low',
    citations: [
      cite('BTG19', 25, [1], 'didasarkan pada Arsitektur SPBE Pemerintah Daerah'),
      PERPRES95_ARCHITECTURE,
    ],
    title: {
      id: 'Layanan tanpa kode Referensi Arsitektur (RAL)',
      en: 'Service lacks its reference-architecture code (RAL)',
    },
    explanation: {
      id: 'Integrasi Layanan SPBE didasarkan pada Arsitektur SPBE Pemerintah Daerah, yang mengodekan layanan dengan Referensi Arsitektur Layanan.',
      en: 'SPBE services are integrated on the basis of the regional SPBE Architecture, which codes services with the service reference architecture.',
    },
    evaluate: (s) => (s.status === 'retired' ? NA : s.refCode ? PASS : fail()),
  }),
  rule({
    id: 'process.refcode',
    appliesTo: 'process',
    severity: 'low',
    citations: [
      cite('BTG19', 10, [2], 'berdasarkan pada Arsitektur SPBE Pemerintah Daerah'),
      PERPRES95_ARCHITECTURE,
    ],
    title: {
      id: 'Proses bisnis tanpa kode Referensi Arsitektur (RAB)',
      en: 'Business process lacks its reference-architecture code (RAB)',
    },
    explanation: {
      id: 'Penyusunan Proses Bisnis berdasarkan Arsitektur SPBE Pemerintah Daerah, yang mengodekan proses dengan Referensi Arsitektur Proses Bisnis.',
      en: 'Business processes are drawn up on the regional SPBE Architecture, which codes them with the business-process reference architecture.',
    },
    evaluate: (p) => (p.refCode ? PASS : fail()),
  }),
];

// ------------------------------------------------------------------ agencies

const agencyRules = [
  rule({
    id: 'agency.egov_unit',
    appliesTo: 'agency',
    severity: 'medium',
    citations: [cite('BHR17', 17, [1], 'unit kerja yang bertanggung jawab')],
    title: {
      id: 'Perangkat Daerah tanpa unit kerja e-government',
      en: 'Agency has no e-government unit',
    },
    explanation: {
      id: 'Setiap OPD harus memiliki unit kerja yang bertanggung jawab melaksanakan pengembangan dan pelaksanaan e-government. Tandai unit tersebut di struktur organisasi.',
      en: 'Every agency must have a unit responsible for developing and running e-government. Flag that unit in the organisation structure.',
    },
    evaluate: (g) => (!g.active ? NA : g.hasEgovUnit ? PASS : fail()),
  }),
  rule({
    id: 'agency.ict_manager',
    appliesTo: 'agency',
    severity: 'medium',
    citations: [
      cite('PBG19', 17, [2, 4], 'Sumber Daya Manusia TIK'),
      cite('BTM19', 16, [6], 'ditetapkan dengan Keputusan Bupati'),
    ],
    title: {
      id: 'Perangkat Daerah tanpa pengelola TIK yang ditetapkan',
      en: 'Agency has no appointed ICT manager',
    },
    explanation: {
      id: 'Setiap Perangkat Daerah wajib memiliki SDM TIK; pengelola infrastruktur dan aplikasi ditetapkan dengan Keputusan Bupati. Catat penunjukan yang berlaku.',
      en: 'Every agency must have ICT staff; managers of infrastructure and applications are appointed by the regent’s decree. Record the appointment in force.',
    },
    evaluate: (g) => (!g.active ? NA : g.activeIctAppointments > 0 ? PASS : fail()),
  }),
];

/** Every rule, in the order the rules page lists them. */
export const RULES: ReadonlyArray<Rule> = [
  ...applicationRules,
  ...infrastructureRules,
  ...dataRules,
  ...serviceRules,
  ...agencyRules,
] as unknown as ReadonlyArray<Rule>;

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export function rulesFor(kind: SubjectKind): Rule[] {
  return RULES.filter((r) => r.appliesTo === kind);
}
