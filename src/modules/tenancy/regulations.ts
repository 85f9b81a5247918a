/**
 * The regional regulations Simpul knows (ids of shared/regulations). A tenant's regulation
 * profile lists which of them apply to it; the compliance module reads the same codes.
 */
export interface RegulationProfile {
  code: string;
  title: string;
}

export const REGULATION_PROFILES: readonly RegulationProfile[] = [
  {
    code: 'perbup-batang-50-2019',
    title:
      'Peraturan Bupati Batang Nomor 50 Tahun 2019 tentang Penyelenggaraan Sistem Pemerintahan Berbasis Elektronik di Lingkungan Pemerintah Kabupaten Batang',
  },
  {
    code: 'perbup-batang-53-2015',
    title:
      'Peraturan Bupati Batang Nomor 53 Tahun 2015 tentang Penyelenggaraan Pemanfaatan Teknologi Informasi dan Komunikasi dalam Proses Pemerintahan (E-Government)',
  },
  {
    code: 'perbup-batang-hari-19-2017',
    title:
      'Peraturan Bupati Batang Hari Nomor 19 Tahun 2017 tentang Pelaksanaan dan Pengembangan E-Government di Lingkungan Pemerintah Kabupaten Batang Hari',
  },
  {
    code: 'perbup-purbalingga-56-2019',
    title: 'Peraturan Bupati Purbalingga Nomor 56 Tahun 2019 tentang Penyelenggaraan E-Government',
  },
  {
    code: 'perda-barito-timur-7-2019',
    title:
      'Peraturan Daerah Kabupaten Barito Timur Nomor 7 Tahun 2019 tentang Penyelenggaraan Sistem Pemerintahan Daerah Berbasis Elektronik',
  },
];

export const REGULATION_CODES: readonly string[] = REGULATION_PROFILES.map((r) => r.code);
