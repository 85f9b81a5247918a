/**
 * Reference data for the demo tenant "Kabupaten Batang" (Jawa Tengah, Kemendagri 33.25).
 *
 * Source: shared/domain/demo-batang.md (situation as of early 2026). Agency names, short names,
 * kinds, kecamatan and kelurahan codes and the bagian of the Sekretariat Daerah are taken from
 * that document; items it marks unverified are noted here. Addresses come from the 2017 OPD
 * directory and are display text only. No telephone numbers or real e-mail addresses are seeded.
 *
 * The second part (DEMO_BIDANG and the unit templates) is a plausible, fictitious structure for
 * the demo: it is NOT the official organisation of any Batang agency.
 */

/** Kind of a Perangkat Daerah, as in the org module (AGENCY_KINDS). */
export type DemoAgencyKind =
  | 'sekretariat'
  | 'inspektorat'
  | 'dinas'
  | 'badan'
  | 'satpol_pp'
  | 'rsud'
  | 'kecamatan'
  | 'kelurahan';

export interface DemoAgency {
  /** Stable code inside the tenant (pattern of the org API: [A-Za-z0-9._-]{1,32}). */
  code: string;
  name: string;
  shortName: string;
  kind: DemoAgencyKind;
  isIctOffice?: boolean;
  isPlanningAgency?: boolean;
  /** Kemendagri code of the area the agency governs (kecamatan 33.25.KK, kelurahan 33.25.KK.1nnn). */
  regionCode?: string;
  /** Code of the parent agency (kelurahan under their kecamatan). */
  parentCode?: string;
  address?: string;
  website?: string;
}

export const BATANG_TENANT = {
  code: '33.25',
  name: 'Pemerintah Kabupaten Batang',
  kind: 'kabupaten',
  officialDomain: 'batangkab.go.id',
  timeZone: 'Asia/Jakarta',
  /**
   * Batang's own regulations are BTG19 and the BTG15 it revoked. The demo also applies the other
   * regencies' e-government regulations Simpul knows, so every rule of the compliance module has
   * something to say; a real tenant chooses its own in Settings.
   */
  regulationProfile: [
    'perbup-batang-50-2019',
    'perbup-batang-53-2015',
    'perbup-batang-hari-19-2017',
    'perbup-purbalingga-56-2019',
    'perda-barito-timur-7-2019',
  ],
  /** Reserved domain for every address the demo could actually mail (never the real domain). */
  mailDomain: 'batangkab.example',
} as const;

/** §1.2: the 29 Perangkat Daerah (2 sekretariat, Inspektorat, 18 dinas, Satpol PP, 5 badan, 2 RSUD). */
export const BATANG_AGENCIES: DemoAgency[] = [
  // Sekretariat, pengawasan
  {
    code: 'SETDA',
    name: 'Sekretariat Daerah',
    shortName: 'Setda',
    kind: 'sekretariat',
    address: 'Jl. RA Kartini No. 1, Batang',
  },
  {
    code: 'SETWAN',
    name: 'Sekretariat Dewan Perwakilan Rakyat Daerah',
    shortName: 'Setwan',
    kind: 'sekretariat',
    address: 'Jl. Jenderal Sudirman No. 262, Batang',
    website: 'https://setwan.batangkab.go.id',
  },
  {
    code: 'INSPEKTORAT',
    name: 'Inspektorat Daerah',
    shortName: 'Inspektorat',
    kind: 'inspektorat',
    address: 'Jl. Urip Sumoharjo No. 11, Batang',
  },
  // Dinas
  {
    code: 'DISDIKBUD',
    name: 'Dinas Pendidikan dan Kebudayaan',
    shortName: 'Disdikbud',
    kind: 'dinas',
    address: 'Jl. Slamet Riyadi No. 29, Batang',
  },
  {
    code: 'DINKES',
    name: 'Dinas Kesehatan',
    shortName: 'Dinkes',
    kind: 'dinas',
    address: 'Jl. Jenderal Sudirman No. 17, Batang',
    website: 'https://dinkes.batangkab.go.id',
  },
  {
    code: 'DPUPR',
    name: 'Dinas Pekerjaan Umum dan Penataan Ruang',
    shortName: 'DPUPR',
    kind: 'dinas',
    address: 'Jl. Jenderal Sudirman No. 272, Batang',
  },
  {
    code: 'DPRKP',
    name: 'Dinas Perumahan Rakyat dan Kawasan Permukiman',
    shortName: 'DPRKP',
    kind: 'dinas',
    address: 'Jl. Dr. Soetomo No. 18, Batang',
  },
  {
    code: 'DINSOS',
    name: 'Dinas Sosial',
    shortName: 'Dinsos',
    kind: 'dinas',
    address: 'Jl. Letjen Suprapto No. 4, Batang',
  },
  {
    code: 'DP3AP2KB',
    name: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana',
    shortName: 'DP3AP2KB',
    kind: 'dinas',
    address: 'Jl. Dr. Sutomo No. 58, Batang',
  },
  // Exact current name unverified (also written "Dinas Tenaga Kerja [dan Transmigrasi]").
  { code: 'DISNAKER', name: 'Dinas Ketenagakerjaan', shortName: 'Disnaker', kind: 'dinas' },
  {
    code: 'DISPAPERTA',
    name: 'Dinas Pangan dan Pertanian',
    shortName: 'Dispaperta',
    kind: 'dinas',
    address: 'Jl. Ahmad Yani No. 943, Batang',
    website: 'https://dispaperta.batangkab.go.id',
  },
  {
    code: 'DLH',
    name: 'Dinas Lingkungan Hidup',
    shortName: 'DLH',
    kind: 'dinas',
    address: 'Jl. RA Kartini No. 1, Batang',
  },
  {
    code: 'DISDUKCAPIL',
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    shortName: 'Disdukcapil',
    kind: 'dinas',
    address: 'Jl. Urip Sumoharjo No. 11A, Batang',
  },
  {
    code: 'DISPERMADES',
    name: 'Dinas Pemberdayaan Masyarakat dan Desa',
    shortName: 'Dispermades',
    kind: 'dinas',
    address: 'Jl. RA Kartini No. 1, Batang',
  },
  {
    code: 'DISHUB',
    name: 'Dinas Perhubungan',
    shortName: 'Dishub',
    kind: 'dinas',
    address: 'Jl. Raya Kandeman Km 5, Batang',
  },
  {
    code: 'DISKOMINFO',
    name: 'Dinas Komunikasi dan Informatika',
    shortName: 'Diskominfo',
    kind: 'dinas',
    isIctOffice: true,
    address: 'Jl. RA Kartini No. 1, Batang',
    website: 'https://kominfo.batangkab.go.id',
  },
  {
    code: 'DISPERINDAGKOP',
    name: 'Dinas Perindustrian, Perdagangan, Koperasi dan UKM',
    shortName: 'Disperindagkop dan UKM',
    kind: 'dinas',
    address: 'Jl. Slamet Riyadi No. 27, Batang',
  },
  {
    code: 'DPMPTSP',
    name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    shortName: 'DPMPTSP',
    kind: 'dinas',
    address: 'Jl. Urip Sumoharjo No. 13, Batang',
  },
  // Also written "Dinas Pariwisata, Pemuda dan Olahraga"; the form in the Perda is unverified.
  {
    code: 'DISPARPORA',
    name: 'Dinas Pariwisata, Kepemudaan dan Olahraga',
    shortName: 'Disparpora',
    kind: 'dinas',
    address: 'Jl. Urip Sumoharjo No. 34, Batang',
    website: 'https://pariwisata.batangkab.go.id',
  },
  {
    code: 'DISPERPUSKA',
    name: 'Dinas Perpustakaan dan Kearsipan',
    shortName: 'Disperpuska',
    kind: 'dinas',
    address: 'Jl. Dr. Wahidin No. 54, Batang',
  },
  {
    code: 'DKP',
    name: 'Dinas Kelautan dan Perikanan',
    shortName: 'DKP',
    kind: 'dinas',
    address: 'Jl. RA Kartini No. 12, Batang',
  },
  // Satuan
  {
    code: 'SATPOLPP',
    name: 'Satuan Polisi Pamong Praja',
    shortName: 'Satpol PP',
    kind: 'satpol_pp',
    address: 'Jl. Veteran No. 10, Batang',
  },
  // Badan
  {
    code: 'BAPPERIDA',
    name: 'Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah',
    shortName: 'Bapperida',
    kind: 'badan',
    isPlanningAgency: true,
    address: 'Jl. RA Kartini No. 1, Batang',
  },
  {
    code: 'BPKPAD',
    name: 'Badan Pengelolaan Keuangan, Pendapatan dan Aset Daerah',
    shortName: 'BPKPAD',
    kind: 'badan',
    address: 'Jl. Urip Sumoharjo No. 18, Batang',
  },
  // Exact full name unverified; was BKD until 2024.
  {
    code: 'BKPSDM',
    name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
    shortName: 'BKPSDM',
    kind: 'badan',
    address: 'Jl. RA Kartini No. 1, Batang',
  },
  {
    code: 'BPBD',
    name: 'Badan Penanggulangan Bencana Daerah',
    shortName: 'BPBD',
    kind: 'badan',
    address: 'Jl. Gajah Mada No. 74, Batang',
  },
  {
    code: 'KESBANGPOL',
    name: 'Badan Kesatuan Bangsa dan Politik',
    shortName: 'Badan Kesbangpol',
    kind: 'badan',
    address: 'Jl. RA Kartini No. 1, Batang',
  },
  // Rumah sakit daerah
  {
    code: 'RSUD-KALISARI',
    name: 'RSUD Kalisari Batang',
    shortName: 'RSUD Batang',
    kind: 'rsud',
    address: 'Jl. Dr. Soetomo No. 42, Batang',
  },
  {
    code: 'RSUD-LIMPUNG',
    name: 'RSUD Limpung',
    shortName: 'RSUD Limpung',
    kind: 'rsud',
    address: 'Jl. Dr. Sutomo No. 17, Limpung',
  },
];

export interface DemoKecamatan {
  regionCode: string;
  name: string;
  /** Ibu kota kecamatan. */
  seat: string;
  desa: number;
  kelurahan: number;
  areaHa: number;
  /** Kantor camat (2017 directory). */
  address: string;
  website?: string;
}

/** §2: the 15 kecamatan, Kemendagri order and codes (Kepmendagri 300.2.2-2138/2025). */
export const BATANG_KECAMATAN: DemoKecamatan[] = [
  {
    regionCode: '33.25.01',
    name: 'Wonotunggal',
    seat: 'Wonotunggal',
    desa: 15,
    kelurahan: 0,
    areaHa: 5235.27,
    address: 'Jl. Raya Tugu Wonotunggal No. 01',
  },
  {
    regionCode: '33.25.02',
    name: 'Bandar',
    seat: 'Bandar',
    desa: 17,
    kelurahan: 0,
    areaHa: 7332.8,
    address: 'Jl. Raya Bandar No. 123',
  },
  {
    regionCode: '33.25.03',
    name: 'Blado',
    seat: 'Blado',
    desa: 18,
    kelurahan: 0,
    areaHa: 7838.92,
    address: 'Jl. Raya Blado No. 02',
  },
  {
    regionCode: '33.25.04',
    name: 'Reban',
    seat: 'Reban',
    desa: 19,
    kelurahan: 0,
    areaHa: 4633.38,
    address: 'Jl. Raya Reban–Limpung',
  },
  {
    regionCode: '33.25.05',
    name: 'Bawang',
    seat: 'Bawang',
    desa: 20,
    kelurahan: 0,
    areaHa: 7384.51,
    address: 'Jl. Raya Bawang No. 17',
  },
  {
    regionCode: '33.25.06',
    name: 'Tersono',
    seat: 'Tersono',
    desa: 20,
    kelurahan: 0,
    areaHa: 4932.98,
    address: 'Jl. Raya Tersono No. 01',
  },
  {
    regionCode: '33.25.07',
    name: 'Gringsing',
    seat: 'Plelen',
    desa: 15,
    kelurahan: 0,
    areaHa: 7276.64,
    address: 'Jl. Raya Plelen No. 24 Gringsing',
  },
  {
    regionCode: '33.25.08',
    name: 'Limpung',
    seat: 'Limpung',
    desa: 17,
    kelurahan: 0,
    areaHa: 3341.66,
    address: 'Jl. Raya Limpung No. 15',
  },
  {
    regionCode: '33.25.09',
    name: 'Subah',
    seat: 'Subah',
    desa: 17,
    kelurahan: 0,
    areaHa: 8352.17,
    address: 'Jl. Raya Subah No. 1',
  },
  {
    regionCode: '33.25.10',
    name: 'Tulis',
    seat: 'Kaliboyo',
    desa: 17,
    kelurahan: 0,
    areaHa: 4508.78,
    address: 'Jl. Raya Kaliboyo No. 1 Tulis',
  },
  {
    regionCode: '33.25.11',
    name: 'Batang',
    seat: 'Watesalit',
    desa: 12,
    kelurahan: 9,
    areaHa: 3434.54,
    address: 'Jl. Perintis Kemerdekaan No. 01 Batang',
  },
  {
    regionCode: '33.25.12',
    name: 'Warungasem',
    seat: 'Banjiran',
    desa: 18,
    kelurahan: 0,
    areaHa: 2355.38,
    address: 'Jl. Raya Warungasem No. 09',
  },
  {
    regionCode: '33.25.13',
    name: 'Kandeman',
    seat: 'Kandeman',
    desa: 13,
    kelurahan: 0,
    areaHa: 4175.67,
    address: 'Jl. Raya Kandeman',
  },
  {
    regionCode: '33.25.14',
    name: 'Pecalungan',
    seat: 'Pecalungan',
    desa: 10,
    kelurahan: 0,
    areaHa: 3618.97,
    address: 'Jl. Raya Pecalungan Km. 1',
    website: 'https://pecalungan.batangkab.go.id',
  },
  {
    regionCode: '33.25.15',
    name: 'Banyuputih',
    seat: 'Sembung',
    desa: 11,
    kelurahan: 0,
    areaHa: 4442.5,
    address: 'Jl. Raya Banyuputih–Limpung Km. 1 No. 242',
  },
];

/** §2.1: the 9 kelurahan, all in Kecamatan Batang (33.25.11). */
export const BATANG_KELURAHAN: Array<{ regionCode: string; name: string }> = [
  { regionCode: '33.25.11.1013', name: 'Watesalit' },
  { regionCode: '33.25.11.1014', name: 'Proyonanggan Tengah' },
  { regionCode: '33.25.11.1015', name: 'Kauman' },
  { regionCode: '33.25.11.1016', name: 'Karangasem Utara' },
  { regionCode: '33.25.11.1017', name: 'Kasepuhan' },
  { regionCode: '33.25.11.1018', name: 'Sambong' },
  { regionCode: '33.25.11.1019', name: 'Proyonanggan Utara' },
  { regionCode: '33.25.11.1020', name: 'Proyonanggan Selatan' },
  { regionCode: '33.25.11.1021', name: 'Karangasem Selatan' },
];

const slug = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '-');

export function kecamatanAgencyCode(k: { name: string }): string {
  return `KEC-${slug(k.name)}`;
}

/** Every agency of the demo: 29 Perangkat Daerah, 15 kecamatan, 9 kelurahan (parents first). */
export function allBatangAgencies(): DemoAgency[] {
  const kecamatan: DemoAgency[] = BATANG_KECAMATAN.map((k) => ({
    code: kecamatanAgencyCode(k),
    name: `Kecamatan ${k.name}`,
    shortName: `Kec. ${k.name}`,
    kind: 'kecamatan',
    regionCode: k.regionCode,
    address: k.address,
    ...(k.website ? { website: k.website } : {}),
  }));
  const kecBatang = kecamatanAgencyCode({ name: 'Batang' });
  const kelurahan: DemoAgency[] = BATANG_KELURAHAN.map((k) => ({
    code: `KEL-${slug(k.name)}`,
    name: `Kelurahan ${k.name}`,
    shortName: `Kel. ${k.name}`,
    kind: 'kelurahan',
    regionCode: k.regionCode,
    parentCode: kecBatang,
  }));
  return [...BATANG_AGENCIES, ...kecamatan, ...kelurahan];
}

/**
 * §1.3: bagian of the Sekretariat Daerah. Prokopim, Administrasi Pembangunan and Perencanaan dan
 * Keuangan follow the Permendagri 56/2019 pattern and are unverified for Batang.
 */
export const SETDA_BAGIAN: Array<{ code: string; name: string; verified: boolean }> = [
  { code: 'BAG-TAPEM', name: 'Bagian Tata Pemerintahan', verified: true },
  { code: 'BAG-KESRA', name: 'Bagian Kesejahteraan Rakyat', verified: true },
  { code: 'BAG-HUKUM', name: 'Bagian Hukum', verified: true },
  { code: 'BAG-PERSDA', name: 'Bagian Perekonomian dan Sumber Daya Alam', verified: true },
  { code: 'BAG-ORGANISASI', name: 'Bagian Organisasi', verified: true },
  { code: 'BAG-PBJ', name: 'Bagian Pengadaan Barang/Jasa', verified: true },
  { code: 'BAG-UMUM', name: 'Bagian Umum', verified: true },
  { code: 'BAG-PROKOPIM', name: 'Bagian Protokol dan Komunikasi Pimpinan', verified: false },
  { code: 'BAG-ADPEM', name: 'Bagian Administrasi Pembangunan', verified: false },
  { code: 'BAG-RENKEU', name: 'Bagian Perencanaan dan Keuangan', verified: false },
];

/**
 * §1.3: the three asisten of the Sekretaris Daerah. Only "Administrasi dan Umum" is attested; the
 * other two follow Permendagri 56/2019 (unverified for Batang).
 */
export const SETDA_ASISTEN = [
  'Asisten Pemerintahan dan Kesejahteraan Rakyat',
  'Asisten Perekonomian dan Pembangunan',
  'Asisten Administrasi dan Umum',
] as const;

// ---------------------------------------------------------------------------------------------
// Plausible demo structure below: fictitious, for a realistic-looking demo only.
// ---------------------------------------------------------------------------------------------

/**
 * Bidang per agency (demo). Diskominfo's "Penyelenggaraan SPBE" and "Informasi dan Komunikasi
 * Publik" are attested (§1.2 #16); everything else is a plausible invention.
 */
export const DEMO_BIDANG: Record<string, string[]> = {
  SETWAN: [
    'Bagian Umum dan Keuangan',
    'Bagian Persidangan dan Perundang-undangan',
    'Bagian Fasilitasi Penganggaran dan Pengawasan',
  ],
  INSPEKTORAT: [
    'Inspektorat Pembantu Wilayah I',
    'Inspektorat Pembantu Wilayah II',
    'Inspektorat Pembantu Wilayah III',
    'Inspektorat Pembantu Wilayah IV',
  ],
  DISDIKBUD: [
    'Bidang Pembinaan Sekolah Dasar',
    'Bidang Pembinaan Sekolah Menengah Pertama',
    'Bidang Pendidikan Anak Usia Dini dan Pendidikan Nonformal',
    'Bidang Kebudayaan',
  ],
  DINKES: [
    'Bidang Kesehatan Masyarakat',
    'Bidang Pencegahan dan Pengendalian Penyakit',
    'Bidang Pelayanan dan Sumber Daya Kesehatan',
  ],
  DPUPR: [
    'Bidang Bina Marga',
    'Bidang Sumber Daya Air',
    'Bidang Penataan Ruang',
    'Bidang Jasa Konstruksi',
  ],
  DPRKP: [
    'Bidang Perumahan',
    'Bidang Kawasan Permukiman',
    'Bidang Prasarana, Sarana dan Utilitas Umum',
  ],
  DINSOS: [
    'Bidang Perlindungan dan Jaminan Sosial',
    'Bidang Rehabilitasi Sosial',
    'Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin',
  ],
  DP3AP2KB: [
    'Bidang Pemberdayaan Perempuan dan Perlindungan Anak',
    'Bidang Pengendalian Penduduk dan Keluarga Berencana',
  ],
  DISNAKER: ['Bidang Pelatihan dan Penempatan Tenaga Kerja', 'Bidang Hubungan Industrial'],
  DISPAPERTA: [
    'Bidang Ketahanan Pangan',
    'Bidang Tanaman Pangan dan Hortikultura',
    'Bidang Perkebunan',
    'Bidang Penyuluhan',
  ],
  DLH: [
    'Bidang Tata Lingkungan',
    'Bidang Pengelolaan Sampah dan Limbah B3',
    'Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan',
  ],
  DISDUKCAPIL: [
    'Bidang Pelayanan Pendaftaran Penduduk',
    'Bidang Pelayanan Pencatatan Sipil',
    'Bidang Pengelolaan Informasi Administrasi Kependudukan',
  ],
  DISPERMADES: ['Bidang Pemerintahan Desa', 'Bidang Pemberdayaan Masyarakat dan Kelembagaan Desa'],
  DISHUB: ['Bidang Lalu Lintas dan Angkutan', 'Bidang Prasarana dan Keselamatan'],
  DISKOMINFO: [
    'Bidang Penyelenggaraan SPBE',
    'Bidang Informasi dan Komunikasi Publik',
    'Bidang Statistik dan Persandian',
  ],
  DISPERINDAGKOP: ['Bidang Perindustrian', 'Bidang Perdagangan', 'Bidang Koperasi dan Usaha Mikro'],
  DPMPTSP: [
    'Bidang Penanaman Modal',
    'Bidang Pelayanan Perizinan',
    'Bidang Pengaduan dan Informasi',
  ],
  DISPARPORA: ['Bidang Pariwisata', 'Bidang Kepemudaan', 'Bidang Olahraga'],
  DISPERPUSKA: ['Bidang Perpustakaan', 'Bidang Kearsipan'],
  DKP: ['Bidang Perikanan Tangkap', 'Bidang Perikanan Budidaya'],
  SATPOLPP: [
    'Bidang Penegakan Peraturan Daerah',
    'Bidang Ketertiban Umum dan Ketenteraman Masyarakat',
    'Bidang Perlindungan Masyarakat',
  ],
  BAPPERIDA: [
    'Bidang Perencanaan Pemerintahan dan Pembangunan Manusia',
    'Bidang Perekonomian, Infrastruktur dan Kewilayahan',
    'Bidang Riset dan Inovasi Daerah',
  ],
  BPKPAD: [
    'Bidang Anggaran',
    'Bidang Perbendaharaan',
    'Bidang Akuntansi',
    'Bidang Pendapatan',
    'Bidang Aset',
  ],
  BKPSDM: [
    'Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian',
    'Bidang Mutasi dan Promosi',
    'Bidang Pengembangan Kompetensi Aparatur',
  ],
  BPBD: [
    'Bidang Pencegahan dan Kesiapsiagaan',
    'Bidang Kedaruratan dan Logistik',
    'Bidang Rehabilitasi dan Rekonstruksi',
  ],
  KESBANGPOL: [
    'Bidang Ideologi dan Wawasan Kebangsaan',
    'Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan',
    'Bidang Kewaspadaan Nasional',
  ],
  'RSUD-KALISARI': [
    'Bagian Tata Usaha',
    'Bidang Pelayanan Medik',
    'Bidang Keperawatan',
    'Bidang Penunjang Medik',
  ],
  'RSUD-LIMPUNG': ['Bagian Tata Usaha', 'Bidang Pelayanan Medik', 'Bidang Keperawatan'],
};

/** Sub-units of a Sekretariat of a dinas or badan (demo). */
export const DEMO_SEKRETARIAT_SUBBAG = [
  'Sub Bagian Umum dan Kepegawaian',
  'Sub Bagian Perencanaan dan Keuangan',
];

export const DEMO_KECAMATAN_UNITS = [
  'Sekretariat Kecamatan',
  'Seksi Tata Pemerintahan',
  'Seksi Pemberdayaan Masyarakat dan Desa',
  'Seksi Ketenteraman dan Ketertiban Umum',
];

export const DEMO_KELURAHAN_UNITS = [
  'Sekretariat Kelurahan',
  'Seksi Pemerintahan dan Pelayanan Umum',
  'Seksi Pemberdayaan Masyarakat',
];

/** Functional positions (jabatan fungsional) per agency, demo; every agency also gets DEMO_FUNCTIONAL_COMMON. */
export const DEMO_FUNCTIONAL: Record<string, string[]> = {
  SETDA: [
    'Analis Hukum Ahli Pertama',
    'Pengelola Pengadaan Barang/Jasa Ahli Pertama',
    'Pranata Hubungan Masyarakat Ahli Pertama',
  ],
  INSPEKTORAT: [
    'Auditor Ahli Muda',
    'Auditor Ahli Pertama',
    'Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda',
  ],
  DISDIKBUD: ['Pengawas Sekolah Ahli Madya', 'Pamong Belajar Ahli Pertama'],
  DINKES: [
    'Epidemiolog Kesehatan Ahli Pertama',
    'Administrator Kesehatan Ahli Muda',
    'Nutrisionis Ahli Pertama',
  ],
  DINSOS: ['Pekerja Sosial Ahli Pertama'],
  DISPAPERTA: ['Penyuluh Pertanian Ahli Pertama'],
  DKP: ['Penyuluh Perikanan Ahli Pertama'],
  DLH: ['Pengendali Dampak Lingkungan Ahli Pertama'],
  DISHUB: ['Penguji Kendaraan Bermotor Terampil'],
  DISDUKCAPIL: ['Administrator Database Kependudukan Ahli Pertama'],
  DISKOMINFO: [
    'Pranata Komputer Ahli Muda',
    'Pranata Komputer Ahli Pertama',
    'Pranata Hubungan Masyarakat Ahli Pertama',
    'Statistisi Ahli Pertama',
    'Sandiman Ahli Pertama',
  ],
  DISPERPUSKA: ['Pustakawan Ahli Pertama', 'Arsiparis Ahli Pertama'],
  SATPOLPP: ['Polisi Pamong Praja Ahli Pertama', 'Polisi Pamong Praja Terampil'],
  BAPPERIDA: ['Perencana Ahli Muda', 'Perencana Ahli Pertama', 'Peneliti Ahli Pertama'],
  BPKPAD: ['Analis Keuangan Pusat dan Daerah Ahli Pertama'],
  BKPSDM: [
    'Analis Sumber Daya Manusia Aparatur Ahli Muda',
    'Pranata Sumber Daya Manusia Aparatur Terampil',
  ],
  'RSUD-KALISARI': [
    'Dokter Ahli Muda',
    'Perawat Ahli Pertama',
    'Perawat Terampil',
    'Bidan Terampil',
    'Apoteker Ahli Pertama',
  ],
  'RSUD-LIMPUNG': ['Dokter Ahli Pertama', 'Perawat Terampil', 'Bidan Terampil'],
};

export const DEMO_FUNCTIONAL_COMMON = [
  'Analis Kebijakan Ahli Muda',
  'Perencana Ahli Pertama',
  'Pranata Komputer Ahli Pertama',
  'Arsiparis Terampil',
];

/** Executor positions (jabatan pelaksana), demo. */
export const DEMO_EXECUTOR = [
  'Penata Layanan Operasional',
  'Pengelola Layanan Operasional',
  'Operator Layanan Operasional',
  'Pengadministrasi Perkantoran',
];

/** Relative staff size per agency code or kind (demo), used to spread employees. */
export const DEMO_STAFF_WEIGHT: Record<string, number> = {
  SETDA: 16,
  'RSUD-KALISARI': 16,
  DINKES: 12,
  DISDIKBUD: 12,
  'RSUD-LIMPUNG': 8,
  BPKPAD: 9,
  DPUPR: 8,
  DISKOMINFO: 8,
  INSPEKTORAT: 7,
  SATPOLPP: 7,
  kecamatan: 3,
  kelurahan: 1,
  default: 5,
};

// Fictitious names: common Indonesian (mostly Javanese) given names and family names. Combined at
// random they name no real member of staff.
export const GIVEN_NAMES_MALE = [
  'Agus',
  'Ahmad',
  'Andi',
  'Arif',
  'Bagus',
  'Bambang',
  'Budi',
  'Dimas',
  'Dwi',
  'Eko',
  'Fajar',
  'Gilang',
  'Hadi',
  'Hendra',
  'Heru',
  'Imam',
  'Joko',
  'Kukuh',
  'Lukman',
  'Muhammad',
  'Nur',
  'Puji',
  'Rahmat',
  'Rizki',
  'Rudi',
  'Sigit',
  'Slamet',
  'Taufik',
  'Teguh',
  'Tri',
  'Wahyu',
  'Yusuf',
  'Aditya',
  'Bayu',
  'Catur',
  'Danang',
];
export const GIVEN_NAMES_FEMALE = [
  'Anisa',
  'Ayu',
  'Dewi',
  'Dian',
  'Eka',
  'Endang',
  'Fitri',
  'Ika',
  'Indah',
  'Kartika',
  'Lina',
  'Maya',
  'Nadia',
  'Novi',
  'Nur',
  'Putri',
  'Ratna',
  'Retno',
  'Rina',
  'Rini',
  'Sari',
  'Siti',
  'Sri',
  'Tri',
  'Wulan',
  'Yuni',
  'Ani',
  'Desi',
  'Evi',
  'Galuh',
  'Hesti',
  'Laras',
];
export const FAMILY_NAMES_MALE = [
  'Santoso',
  'Wibowo',
  'Susanto',
  'Prasetyo',
  'Hidayat',
  'Nugroho',
  'Setiawan',
  'Purnomo',
  'Kurniawan',
  'Saputra',
  'Wijaya',
  'Hartono',
  'Utomo',
  'Permana',
  'Hakim',
  'Firmansyah',
  'Pratama',
  'Ramadhan',
  'Maulana',
  'Sutrisno',
  'Haryanto',
  'Suryadi',
  'Nugraha',
  'Wicaksono',
];
export const FAMILY_NAMES_FEMALE = [
  'Rahayu',
  'Handayani',
  'Suryani',
  'Lestari',
  'Astuti',
  'Wulandari',
  'Puspitasari',
  'Anggraini',
  'Susilowati',
  'Rahmawati',
  'Nurhayati',
  'Kusumawati',
  'Pratiwi',
  'Safitri',
  'Widiastuti',
  'Maharani',
  'Yuliana',
  'Permatasari',
  'Setyaningsih',
  'Utami',
];
