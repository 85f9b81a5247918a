import { defineErrors } from '../../platform/http/errors.js';
import type { Localized } from '../../platform/i18n/i18n.js';

/** Errors of what hangs off registry records: documents, APIs, relations and the graph. */
export const CatalogLinksErrors = defineErrors({
  'catalog.application_not_found': {
    status: 404,
    message: { id: 'Aplikasi tidak ditemukan.', en: 'Application not found.' },
  },
  'catalog.document_kind_unknown': {
    status: 400,
    message: {
      id: 'Jenis dokumen {kind} tidak dikenal.',
      en: 'Document kind {kind} is not known.',
    },
  },
  'catalog.document_not_found': {
    status: 404,
    message: {
      id: 'Dokumen {kind} belum diserahkan untuk aplikasi ini.',
      en: 'Document {kind} has not been delivered for this application.',
    },
  },
  'catalog.document_is_link': {
    status: 409,
    message: {
      id: 'Dokumen ini berupa tautan, bukan berkas tersimpan; buka tautannya.',
      en: 'This document is a link, not a stored file; follow its link.',
    },
  },
  'catalog.document_file_missing': {
    status: 400,
    message: {
      id: 'Unggahan harus berisi satu berkas pada bagian "file".',
      en: 'The upload must carry one file in the "file" part.',
    },
  },
  'catalog.document_url_invalid': {
    status: 400,
    message: {
      id: 'Tautan dokumen harus berupa alamat http atau https.',
      en: 'A document link must be an http or https address.',
    },
  },
  'catalog.api_not_found': {
    status: 404,
    message: { id: 'API tidak ditemukan.', en: 'API not found.' },
  },
  'catalog.api_name_taken': {
    status: 409,
    message: {
      id: 'Aplikasi ini sudah memiliki API {name} versi {version}.',
      en: 'This application already has API {name} version {version}.',
    },
  },
  'catalog.openapi_invalid': {
    status: 400,
    message: {
      id: 'Dokumen OpenAPI tidak valid: {reason}',
      en: 'The OpenAPI document is not valid: {reason}',
    },
  },
  'catalog.openapi_not_found': {
    status: 404,
    message: {
      id: 'API ini belum memiliki dokumen OpenAPI tersimpan.',
      en: 'This API has no stored OpenAPI document.',
    },
  },
  'catalog.relation_invalid': {
    status: 400,
    message: {
      id: 'Relasi {type} dari {fromKind} ke {toKind} tidak diizinkan.',
      en: 'A {type} relation from {fromKind} to {toKind} is not allowed.',
    },
  },
  'catalog.relation_self': {
    status: 400,
    message: {
      id: 'Sebuah rekaman tidak dapat berelasi dengan dirinya sendiri.',
      en: 'A record cannot be related to itself.',
    },
  },
  'catalog.relation_end_not_found': {
    status: 404,
    message: {
      id: 'Rekaman {side} relasi tidak ditemukan.',
      en: 'The {side} record of the relation was not found.',
    },
  },
  'catalog.relation_api_invalid': {
    status: 400,
    message: {
      id: 'API yang disebut harus milik aplikasi yang dipanggil, dan hanya untuk relasi calls.',
      en: 'The API named must belong to the called application, and only on a calls relation.',
    },
  },
  'catalog.relation_exists': {
    status: 409,
    message: { id: 'Relasi ini sudah tercatat.', en: 'This relation is already recorded.' },
  },
  'catalog.relation_not_found': {
    status: 404,
    message: { id: 'Relasi tidak ditemukan.', en: 'Relation not found.' },
  },
  'catalog.graph_root_not_found': {
    status: 404,
    message: {
      id: 'Rekaman pusat diagram relasi tidak ditemukan.',
      en: 'The record at the centre of the relations diagram was not found.',
    },
  },
});

/** Why an OpenAPI document was refused (the {reason} of catalog.openapi_invalid). */
export const OPENAPI_PROBLEMS = {
  unreadable: {
    id: 'bukan JSON atau YAML yang dapat dibaca',
    en: 'it is not readable JSON or YAML',
  },
  not_an_object: {
    id: 'isinya harus berupa objek',
    en: 'its content must be an object',
  },
  version: {
    id: 'kolom "openapi" harus bernilai versi 3.x',
    en: 'the "openapi" field must be a 3.x version',
  },
  info: {
    id: 'kolom "info" dengan "title" dan "version" wajib ada',
    en: 'an "info" object with "title" and "version" is required',
  },
  paths: {
    id: 'kolom "paths" wajib berupa objek',
    en: 'a "paths" object is required',
  },
} satisfies Record<string, Localized>;
export type OpenApiProblem = keyof typeof OPENAPI_PROBLEMS;
