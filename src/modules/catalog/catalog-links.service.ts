import type { Readable } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { writeAudit } from '../../platform/audit/audit.js';
import { authorize, can } from '../../platform/auth/permissions.js';
import type { Ctx } from '../../platform/context.js';
import { pgCode } from '../../platform/db/database.js';
import { emit } from '../../platform/events/events.js';
import type { Storage } from '../../platform/files/storage.js';
import { AppError } from '../../platform/http/errors.js';
import * as identity from '../identity/identity.service.js';
import * as org from '../org/org.service.js';
import { OPENAPI_PROBLEMS, type OpenApiProblem } from './catalog-links.errors.js';
import { unapprovedScope } from './catalog.service.js';
import './catalog.events.js';
import * as repo from './db/links.repository.js';
import type { RecordHead } from './db/links.repository.js';
import {
  DELIVERABLE_KINDS,
  DOCUMENT_KINDS,
  JUSTIFICATION_KINDS,
  RECORD_KINDS,
  type ApplicationApiRow,
  type ApplicationDocumentRow,
  type DocumentKind,
  type RecordKind,
  type RelationRow,
  type RelationType,
} from './db/schema.js';

/**
 * What hangs off registry records: an application's documents (the hand-over deliverables and
 * the documents that justify a decision), its APIs with their OpenAPI documents, the relations
 * between records, the relations graph around a record, and the overview counts.
 *
 * Reads need `catalog:record:read`; downloading a document needs `catalog:document:read` for the
 * application's agency (source code is confidential, PBG19 art.10(3-4)); writes need
 * `catalog:record:write` for the owning agency. Writes apply at once (no review: documents and
 * links do not change what a record is), are audited, and announce `catalog.record.changed` for
 * approved records so compliance re-evaluates them.
 *
 * Pending and rejected records follow the registry's visibility (catalog.service.ts
 * `unapprovedScope`): for a caller who may not see such a record, its documents, APIs and
 * relations do not exist either (404), and lists and the graph leave it out.
 */

export type { RecordHead };

// ---------------------------------------------------------------- shared
/** Whether the caller may see the record: approved, or unapproved within their scope. */
function visible(ctx: Ctx, head: RecordHead): boolean {
  if (head.reviewState === 'approved') return true;
  const scope = unapprovedScope(ctx);
  return scope === null || scope.includes(head.agencyId);
}

/** A record of this tenant the caller may see, or undefined. */
async function findVisible(ctx: Ctx, kind: RecordKind, id: string) {
  const head = await repo.findRecordHead(ctx.tx, kind, id);
  return head && visible(ctx, head) ? head : undefined;
}

async function requireApplication(ctx: Ctx, id: string): Promise<RecordHead> {
  const app = await findVisible(ctx, 'application', id);
  if (!app) throw new AppError('catalog.application_not_found');
  return app;
}

/** Tells compliance (and anyone listening) that an approved record's surroundings changed. */
async function announce(ctx: Ctx, ...records: RecordHead[]): Promise<void> {
  for (const r of records) {
    if (r.reviewState === 'approved') {
      await emit(ctx, 'catalog.record.changed', { kind: r.kind, id: r.id });
    }
  }
}

/** The acting user's id and display name, recorded on what they deliver. */
async function actor(ctx: Ctx): Promise<{ id: string | null; name: string | null }> {
  const username = ctx.principal?.username ?? null;
  if (!ctx.actorId) return { id: null, name: username };
  try {
    const user = await identity.getUser(ctx, ctx.actorId);
    return { id: ctx.actorId, name: user.displayName || user.username };
  } catch (err) {
    if (err instanceof AppError && err.code === 'identity.user_not_found') {
      return { id: ctx.actorId, name: username };
    }
    throw err;
  }
}

// ---------------------------------------------------------------- documents
export type DocumentCategory = 'deliverable' | 'justification';

export function isDocumentKind(kind: string): kind is DocumentKind {
  return (DOCUMENT_KINDS as readonly string[]).includes(kind);
}

export function documentCategory(kind: DocumentKind): DocumentCategory {
  return (DELIVERABLE_KINDS as readonly string[]).includes(kind) ? 'deliverable' : 'justification';
}

function requireDocumentKind(kind: string): DocumentKind {
  if (!isDocumentKind(kind)) throw new AppError('catalog.document_kind_unknown', { kind });
  return kind;
}

/**
 * File types a document may be, decided from the content (never the name or the client's
 * header): PDF, archives, office documents, text (Markdown, CSV, SQL, source) and images.
 * Executables (PE, ELF, Mach-O, JAR, APK) and OLE compound files (which include MSI installers)
 * are refused: legacy .doc/.xls files must be converted first.
 */
export const DOCUMENT_FILE_TYPES = [
  'application/pdf',
  'application/zip',
  'application/gzip',
  'application/x-tar',
  'application/x-bzip2',
  'application/x-xz',
  'application/x-7z-compressed',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/xml',
  'text/plain',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
] as const;

export interface DocumentItem {
  kind: DocumentKind;
  category: DocumentCategory;
  present: boolean;
  fileName?: string | null;
  size?: number | null;
  contentType?: string | null;
  url?: string | null;
  note?: string | null;
  deliveredByName?: string | null;
  deliveredAt?: Date | null;
}

function presentDocument(row: ApplicationDocumentRow): DocumentItem {
  return {
    kind: row.kind,
    category: documentCategory(row.kind),
    present: true,
    fileName: row.fileName,
    size: row.size,
    contentType: row.contentType,
    url: row.url,
    note: row.note,
    deliveredByName: row.deliveredByName,
    deliveredAt: row.deliveredAt,
  };
}

/** Every document kind of an application, delivered or not, deliverables first. */
export async function listDocuments(
  ctx: Ctx,
  applicationId: string,
): Promise<{ items: DocumentItem[] }> {
  authorize(ctx, 'catalog:record:read');
  const app = await requireApplication(ctx, applicationId);
  const rows = new Map(
    (await repo.listDocuments(ctx.tx, applicationId)).map((r) => [r.kind, r] as const),
  );
  // Source code is confidential (PBG19 art.10(3-4)): whoever may not download the
  // application's documents sees that it was delivered, but not where it lives.
  const mayOpen = can(ctx.principal, 'catalog:document:read', app.agencyId);
  return {
    items: DOCUMENT_KINDS.map((kind) => {
      const row = rows.get(kind);
      if (!row) return { kind, category: documentCategory(kind), present: false };
      const item = presentDocument(row);
      if (kind === 'source_code' && !mayOpen) delete item.url;
      return item;
    }),
  };
}

/** Keeps a client's file name for the download, without paths or control characters. */
export function safeFileName(name: string | undefined | null): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\x00-\x1f\x7f"]/g, '').trim();
  return (clean || 'document').slice(0, 200);
}

async function saveDocument(
  ctx: Ctx,
  app: RecordHead,
  kind: DocumentKind,
  values: {
    fileSha256: string | null;
    fileName: string | null;
    contentType: string | null;
    size: number | null;
    url: string | null;
    note: string | null;
  },
): Promise<DocumentItem> {
  const before = await repo.findDocument(ctx.tx, app.id, kind);
  const who = await actor(ctx);
  const row = await repo.upsertDocument(ctx.tx, {
    tenantId: ctx.tenantId,
    applicationId: app.id,
    kind,
    ...values,
    deliveredBy: who.id,
    deliveredByName: who.name,
    deliveredAt: new Date(),
  });
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.document.delivered',
    targetType: 'application',
    targetId: app.id,
    before,
    after: row,
    data: {
      kind,
      replaced: Boolean(before),
      ...(values.fileSha256 ? { sha256: values.fileSha256, size: values.size } : {}),
      ...(values.url ? { url: values.url } : {}),
    },
  });
  await announce(ctx, app);
  return presentDocument(row);
}

/** Delivers a document as a stored file; a second delivery of the kind replaces the first. */
export async function putDocumentFile(
  ctx: Ctx,
  storage: Storage,
  applicationId: string,
  kindParam: string,
  input: { content: Buffer | Readable; fileName?: string | null; note?: string | null },
  maxBytes: number,
): Promise<DocumentItem> {
  const kind = requireDocumentKind(kindParam);
  const app = await requireApplication(ctx, applicationId);
  authorize(ctx, 'catalog:record:write', app.agencyId);
  const stored = await storage.put(input.content, {
    maxBytes,
    allowedTypes: DOCUMENT_FILE_TYPES,
  });
  return saveDocument(ctx, app, kind, {
    fileSha256: stored.sha256,
    fileName: safeFileName(input.fileName),
    contentType: stored.mime,
    size: stored.size,
    url: null,
    note: input.note?.trim() || null,
  });
}

/** Delivers a document as a link (a repository, a shared drive); http and https only. */
export async function putDocumentLink(
  ctx: Ctx,
  applicationId: string,
  kindParam: string,
  input: { url: string; note?: string | null },
): Promise<DocumentItem> {
  const kind = requireDocumentKind(kindParam);
  const app = await requireApplication(ctx, applicationId);
  authorize(ctx, 'catalog:record:write', app.agencyId);
  return saveDocument(ctx, app, kind, {
    fileSha256: null,
    fileName: null,
    contentType: null,
    size: null,
    url: httpUrl(input.url),
    note: input.note?.trim() || null,
  });
}

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AppError('catalog.document_url_invalid');
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
    throw new AppError('catalog.document_url_invalid');
  }
  return url.toString();
}

export async function deleteDocument(
  ctx: Ctx,
  applicationId: string,
  kindParam: string,
): Promise<void> {
  const kind = requireDocumentKind(kindParam);
  const app = await requireApplication(ctx, applicationId);
  authorize(ctx, 'catalog:record:write', app.agencyId);
  const before = await repo.findDocument(ctx.tx, app.id, kind);
  if (!before) throw new AppError('catalog.document_not_found', { kind });
  await repo.deleteDocument(ctx.tx, app.id, kind);
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.document.removed',
    targetType: 'application',
    targetId: app.id,
    before,
    data: { kind },
  });
  await announce(ctx, app);
}

export interface DocumentDownload {
  stream: Readable;
  fileName: string;
  contentType: string;
  size: number | null;
}

/**
 * Opens a stored document for download. Reading the files is a permission of its own, limited
 * to the application's agency for agency roles, and every download is audited.
 */
export async function openDocumentFile(
  ctx: Ctx,
  storage: Storage,
  applicationId: string,
  kindParam: string,
): Promise<DocumentDownload> {
  const kind = requireDocumentKind(kindParam);
  const app = await requireApplication(ctx, applicationId);
  authorize(ctx, 'catalog:document:read', app.agencyId);
  const doc = await repo.findDocument(ctx.tx, app.id, kind);
  if (!doc) throw new AppError('catalog.document_not_found', { kind });
  if (!doc.fileSha256) throw new AppError('catalog.document_is_link');
  const stream = await storage.get(doc.fileSha256);
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.document.downloaded',
    targetType: 'application',
    targetId: app.id,
    data: { kind, sha256: doc.fileSha256 },
  });
  return {
    stream,
    fileName: doc.fileName ?? `${kind}`,
    contentType: doc.contentType ?? 'application/octet-stream',
    size: doc.size,
  };
}

// ---------------------------------------------------------------- APIs
/** An OpenAPI document may be this large (JSON or YAML text). */
export const OPENAPI_MAX_BYTES = 5 * 1024 * 1024;

export type ApiView = Omit<ApplicationApiRow, 'tenantId'> & { hasOpenapi: boolean };

function presentApi(row: ApplicationApiRow): ApiView {
  const { tenantId: _tenant, ...rest } = row;
  return { ...rest, hasOpenapi: row.openapiSha256 !== null };
}

export interface ApiInput {
  name: string;
  version?: string;
  baseUrl?: string | null;
  openapiUrl?: string | null;
  description?: string | null;
}

async function uniqueApi<T>(work: Promise<T>, name: string, version: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (pgCode(e) === '23505') throw new AppError('catalog.api_name_taken', { name, version });
    throw e;
  }
}

export async function listApis(ctx: Ctx, applicationId: string): Promise<{ items: ApiView[] }> {
  authorize(ctx, 'catalog:record:read');
  await requireApplication(ctx, applicationId);
  return { items: (await repo.listApis(ctx.tx, applicationId)).map(presentApi) };
}

/** An API of an application the caller may see. */
async function readableApi(ctx: Ctx, apiId: string): Promise<ApplicationApiRow> {
  authorize(ctx, 'catalog:record:read');
  const api = await repo.findApi(ctx.tx, apiId);
  if (!api || !(await findVisible(ctx, 'application', api.applicationId))) {
    throw new AppError('catalog.api_not_found');
  }
  return api;
}

export async function getApi(ctx: Ctx, apiId: string): Promise<ApiView> {
  return presentApi(await readableApi(ctx, apiId));
}

async function writableApi(ctx: Ctx, apiId: string) {
  const api = await repo.findApi(ctx.tx, apiId);
  const app = api && (await findVisible(ctx, 'application', api.applicationId));
  if (!api || !app) throw new AppError('catalog.api_not_found');
  authorize(ctx, 'catalog:record:write', app.agencyId);
  return { api, app };
}

export async function createApi(
  ctx: Ctx,
  applicationId: string,
  input: ApiInput,
): Promise<ApiView> {
  const app = await requireApplication(ctx, applicationId);
  authorize(ctx, 'catalog:record:write', app.agencyId);
  const version = input.version ?? 'v1';
  const row = await uniqueApi(
    repo.insertApi(ctx.tx, {
      tenantId: ctx.tenantId,
      applicationId,
      name: input.name,
      version,
      baseUrl: input.baseUrl ?? null,
      openapiUrl: input.openapiUrl ?? null,
      description: input.description ?? null,
    }),
    input.name,
    version,
  );
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.api.created',
    targetType: 'application_api',
    targetId: row.id,
    after: row,
    data: { applicationId },
  });
  await announce(ctx, app);
  return presentApi(row);
}

export async function updateApi(
  ctx: Ctx,
  apiId: string,
  input: Partial<ApiInput>,
): Promise<ApiView> {
  const { api: before, app } = await writableApi(ctx, apiId);
  const row = await uniqueApi(
    repo.updateApi(ctx.tx, apiId, input),
    input.name ?? before.name,
    input.version ?? before.version,
  );
  if (!row) throw new AppError('catalog.api_not_found');
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.api.updated',
    targetType: 'application_api',
    targetId: apiId,
    before,
    after: row,
    data: { applicationId: app.id },
  });
  await announce(ctx, app);
  return presentApi(row);
}

export async function deleteApi(ctx: Ctx, apiId: string): Promise<void> {
  const { api: before, app } = await writableApi(ctx, apiId);
  await repo.deleteApi(ctx.tx, apiId);
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.api.deleted',
    targetType: 'application_api',
    targetId: apiId,
    before,
    data: { applicationId: app.id },
  });
  await announce(ctx, app);
}

/** The facts of an OpenAPI 3.x document, or the problem that makes it not one. */
export function checkOpenApi(
  text: string,
):
  | { ok: true; openapi: string; title: string; version: string }
  | { ok: false; problem: OpenApiProblem } {
  let doc: unknown;
  try {
    doc = /^\s*\{/.test(text) ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  if (!isObject(doc)) return { ok: false, problem: 'not_an_object' };
  if (typeof doc.openapi !== 'string' || !/^3\.\d+(\.\d+)?(-[\w.]+)?$/.test(doc.openapi)) {
    return { ok: false, problem: 'version' };
  }
  const info = doc.info;
  if (!isObject(info) || typeof info.title !== 'string' || typeof info.version !== 'string') {
    return { ok: false, problem: 'info' };
  }
  if (!isObject(doc.paths)) return { ok: false, problem: 'paths' };
  return { ok: true, openapi: doc.openapi, title: info.title, version: info.version };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Stores an API's OpenAPI 3.x document (JSON or YAML) and records its SHA-256. */
export async function putOpenApi(ctx: Ctx, storage: Storage, apiId: string, content: Buffer) {
  const { api: before, app } = await writableApi(ctx, apiId);
  const checked = checkOpenApi(content.toString('utf8'));
  if (!checked.ok) {
    throw new AppError(
      'catalog.openapi_invalid',
      { reason: OPENAPI_PROBLEMS[checked.problem][ctx.locale] },
      { problem: checked.problem },
    );
  }
  const stored = await storage.put(content, {
    maxBytes: OPENAPI_MAX_BYTES,
    allowedTypes: ['text/plain'],
  });
  const row = await repo.updateApi(ctx.tx, apiId, { openapiSha256: stored.sha256 });
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.api.openapi_uploaded',
    targetType: 'application_api',
    targetId: apiId,
    before,
    after: row,
    data: {
      applicationId: app.id,
      sha256: stored.sha256,
      openapi: checked.openapi,
      title: checked.title,
      version: checked.version,
    },
  });
  await announce(ctx, app);
  return presentApi(row!);
}

/** An API's stored OpenAPI document, as uploaded; JSON or YAML by its first character. */
export async function getOpenApi(
  ctx: Ctx,
  storage: Storage,
  apiId: string,
): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  const api = await readableApi(ctx, apiId);
  if (!api.openapiSha256) throw new AppError('catalog.openapi_not_found');
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.get(api.openapiSha256)) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const json = /^\s*\{/.test(body.subarray(0, 64).toString('utf8'));
  return {
    body,
    contentType: json ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8',
    fileName: `openapi.${json ? 'json' : 'yaml'}`,
  };
}

// ---------------------------------------------------------------- relations
/** The relations the registry knows, as `type: from -> to` (schema.ts). */
export const ALLOWED_RELATIONS: ReadonlyArray<{
  type: RelationType;
  from: RecordKind;
  to: RecordKind;
}> = [
  { type: 'supports', from: 'application', to: 'service' },
  { type: 'delivers', from: 'process', to: 'service' },
  { type: 'runs_on', from: 'application', to: 'infrastructure' },
  { type: 'runs_on', from: 'infrastructure', to: 'infrastructure' },
  { type: 'reads', from: 'application', to: 'data_asset' },
  { type: 'writes', from: 'application', to: 'data_asset' },
  { type: 'calls', from: 'application', to: 'application' },
];

export function relationAllowed(type: string, from: string, to: string): boolean {
  return ALLOWED_RELATIONS.some((r) => r.type === type && r.from === from && r.to === to);
}

export interface RelationInput {
  type: RelationType;
  fromKind: RecordKind;
  fromId: string;
  toKind: RecordKind;
  toId: string;
  apiId?: string | null;
}

export interface RelationView {
  id: string;
  type: RelationType;
  fromKind: RecordKind;
  fromId: string;
  fromName: string | null;
  toKind: RecordKind;
  toId: string;
  toName: string | null;
  apiId: string | null;
  apiName: string | null;
  createdAt: Date;
}

const SIDES = {
  from: { id: 'asal', en: 'source' },
  to: { id: 'tujuan', en: 'target' },
} as const;

async function requireEnd(ctx: Ctx, side: 'from' | 'to', kind: RecordKind, id: string) {
  const head = await findVisible(ctx, kind, id);
  if (!head)
    throw new AppError('catalog.relation_end_not_found', { side: SIDES[side][ctx.locale] });
  return head;
}

/**
 * Relations with the names of both ends (and of the API called), leaving out those with an end
 * that is gone or that the caller may not see.
 */
async function presentRelations(ctx: Ctx, rows: RelationRow[]): Promise<RelationView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.fromId, r.toId]))];
  const heads = new Map(
    (await repo.findRecordHeads(ctx.tx, ids)).filter((h) => visible(ctx, h)).map((h) => [h.id, h]),
  );
  const shown = rows.filter((r) => heads.has(r.fromId) && heads.has(r.toId));
  const apiIds = [...new Set(shown.map((r) => r.apiId).filter((id): id is string => !!id))];
  const apiNames = new Map<string, string>();
  for (const id of apiIds) {
    const api = await repo.findApi(ctx.tx, id);
    if (api) apiNames.set(id, `${api.name} ${api.version}`);
  }
  return shown.map((r) => ({
    id: r.id,
    type: r.type,
    fromKind: r.fromKind,
    fromId: r.fromId,
    fromName: heads.get(r.fromId)!.name,
    toKind: r.toKind,
    toId: r.toId,
    toName: heads.get(r.toId)!.name,
    apiId: r.apiId,
    apiName: r.apiId ? (apiNames.get(r.apiId) ?? null) : null,
    createdAt: r.createdAt,
  }));
}

/** The relations of a record, in both directions, with the names of both ends. */
export async function listRelations(
  ctx: Ctx,
  recordId: string,
): Promise<{ items: RelationView[] }> {
  authorize(ctx, 'catalog:record:read');
  return { items: await presentRelations(ctx, await repo.listRelationsOf(ctx.tx, recordId)) };
}

/**
 * Records a relation. Only the combinations of ALLOWED_RELATIONS exist; both ends must be
 * records of this tenant; a call may name an API of the called application. The writer needs
 * write permission for the agency of the source record (the one that depends on the other).
 */
export async function createRelation(ctx: Ctx, input: RelationInput): Promise<RelationView> {
  if (!relationAllowed(input.type, input.fromKind, input.toKind)) {
    throw new AppError('catalog.relation_invalid', {
      type: input.type,
      fromKind: input.fromKind,
      toKind: input.toKind,
    });
  }
  if (input.fromId === input.toId) throw new AppError('catalog.relation_self');
  if (input.apiId && input.type !== 'calls') throw new AppError('catalog.relation_api_invalid');
  const from = await requireEnd(ctx, 'from', input.fromKind, input.fromId);
  authorize(ctx, 'catalog:record:write', from.agencyId);
  const to = await requireEnd(ctx, 'to', input.toKind, input.toId);
  if (input.apiId) {
    const api = await repo.findApi(ctx.tx, input.apiId);
    if (!api || api.applicationId !== to.id) throw new AppError('catalog.relation_api_invalid');
  }
  let row: RelationRow;
  try {
    row = await repo.insertRelation(ctx.tx, {
      tenantId: ctx.tenantId,
      type: input.type,
      fromKind: input.fromKind,
      fromId: input.fromId,
      toKind: input.toKind,
      toId: input.toId,
      apiId: input.apiId ?? null,
    });
  } catch (e) {
    if (pgCode(e) === '23505') throw new AppError('catalog.relation_exists');
    throw e;
  }
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.relation.created',
    targetType: 'relation',
    targetId: row.id,
    after: row,
  });
  await announce(ctx, from, to);
  const [view] = await presentRelations(ctx, [row]);
  return view!;
}

export async function deleteRelation(ctx: Ctx, id: string): Promise<void> {
  const before = await repo.findRelation(ctx.tx, id);
  if (!before) throw new AppError('catalog.relation_not_found');
  const from = await repo.findRecordHead(ctx.tx, before.fromKind, before.fromId);
  const to = await repo.findRecordHead(ctx.tx, before.toKind, before.toId);
  if ((from && !visible(ctx, from)) || (to && !visible(ctx, to))) {
    throw new AppError('catalog.relation_not_found');
  }
  // The source's agency decides; a relation whose source is gone needs a tenant-wide grant.
  authorize(ctx, 'catalog:record:write', from ? from.agencyId : null);
  await repo.deleteRelation(ctx.tx, id);
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.relation.deleted',
    targetType: 'relation',
    targetId: id,
    before,
  });
  await announce(ctx, ...[from, to].filter((h): h is RecordHead => !!h));
}

// ---------------------------------------------------------------- graph
/** The relations diagram stops growing at this many records. */
export const GRAPH_MAX_NODES = 200;
const GRAPH_RING_EDGES = 2000;

export interface GraphView {
  root: string;
  nodes: Array<RecordHead & { depth: number }>;
  edges: Array<{ id: string; type: RelationType; from: string; to: string; apiId: string | null }>;
  truncated: boolean;
}

/**
 * The neighbourhood of a record: every record within `depth` relations (either direction) that
 * the caller may see, walked breadth first (one statement per ring for the relations, one for
 * the records they reach), and the relations between them.
 */
export async function graph(
  ctx: Ctx,
  q: { kind: RecordKind; id: string; depth?: number },
): Promise<GraphView> {
  authorize(ctx, 'catalog:record:read');
  const depth = Math.min(Math.max(q.depth ?? 1, 1), 3);
  const root = await findVisible(ctx, q.kind, q.id);
  if (!root) throw new AppError('catalog.graph_root_not_found');
  const reached = new Map<string, RecordHead & { depth: number }>([
    [root.id, { ...root, depth: 0 }],
  ]);
  const edges = new Map<string, repo.GraphEdge>();
  let truncated = false;
  let ring = [root.id];
  // One more pass than the depth: the last one only adds relations between records already in.
  for (let d = 1; d <= depth + 1 && ring.length > 0; d++) {
    const found = await repo.relationsTouching(ctx.tx, ring, GRAPH_RING_EDGES);
    if (found.length === GRAPH_RING_EDGES) truncated = true;
    const next: string[] = [];
    if (d <= depth) {
      const candidates = [
        ...new Set(found.flatMap((e) => [e.fromId, e.toId]).filter((id) => !reached.has(id))),
      ];
      const heads = new Map(
        (await repo.findRecordHeads(ctx.tx, candidates))
          .filter((h) => visible(ctx, h))
          .map((h) => [h.id, h]),
      );
      for (const id of candidates) {
        const head = heads.get(id);
        if (!head) continue;
        if (reached.size >= GRAPH_MAX_NODES) {
          truncated = true;
          break;
        }
        reached.set(id, { ...head, depth: d });
        next.push(id);
      }
    }
    for (const e of found) {
      if (reached.has(e.fromId) && reached.has(e.toId)) edges.set(e.id, e);
    }
    ring = next;
  }
  return {
    root: root.id,
    nodes: [...reached.values()].sort(
      (a, b) => a.depth - b.depth || a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name),
    ),
    edges: [...edges.values()].map((e) => ({
      id: e.id,
      type: e.type,
      from: e.fromId,
      to: e.toId,
      apiId: e.apiId,
    })),
    truncated,
  };
}

// ---------------------------------------------------------------- overview
export interface Bucket {
  value: string;
  count: number;
}

type KindCounts = Record<RecordKind, number>;

export interface Overview {
  totals: KindCounts;
  byAgency: Array<{ agencyId: string; agencyName: string | null } & KindCounts>;
  applications: {
    byKind: Bucket[];
    byLifecycle: Bucket[];
    byHosting: Bucket[];
    bySecurityClass: Bucket[];
    byDeveloper: Bucket[];
    byLicence: Bucket[];
  };
  services: { byKind: Bucket[]; byStatus: Bucket[] };
  infrastructure: { byKind: Bucket[] };
  dataAssets: { byDatabaseGroup: Bucket[]; byClassification: Bucket[] };
  pendingChanges: number;
}

const zeroCounts = (): KindCounts =>
  Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as KindCounts;

/** Counts of approved records per domain, agency and facet, for the overview charts. */
export async function overview(ctx: Ctx): Promise<Overview> {
  authorize(ctx, 'catalog:record:read');
  const rows = await repo.overviewCounts(ctx.tx);
  const buckets = (domain: RecordKind, facet: string): Bucket[] =>
    rows
      .filter((r) => r.domain === domain && r.facet === facet)
      .map((r) => ({ value: r.value, count: r.n }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const totals = zeroCounts();
  const perAgency = new Map<string, KindCounts>();
  for (const r of rows) {
    if (r.domain === 'changes' || r.facet !== 'agency') continue;
    totals[r.domain] += r.n;
    const counts = perAgency.get(r.value) ?? zeroCounts();
    counts[r.domain] += r.n;
    perAgency.set(r.value, counts);
  }
  const names = new Map(
    (await org.agencyDirectory(ctx, [...perAgency.keys()])).map((a) => [a.id, a.name]),
  );
  const byAgency: Overview['byAgency'] = [...perAgency].map(([agencyId, counts]) => ({
    agencyId,
    agencyName: names.get(agencyId) ?? null,
    ...counts,
  }));
  byAgency.sort((a, b) => (a.agencyName ?? '').localeCompare(b.agencyName ?? ''));
  return {
    totals,
    byAgency,
    applications: {
      byKind: buckets('application', 'kind'),
      byLifecycle: buckets('application', 'lifecycle'),
      byHosting: buckets('application', 'hosting'),
      bySecurityClass: buckets('application', 'securityClass'),
      byDeveloper: buckets('application', 'developer'),
      byLicence: buckets('application', 'licence'),
    },
    services: { byKind: buckets('service', 'kind'), byStatus: buckets('service', 'status') },
    infrastructure: { byKind: buckets('infrastructure', 'kind') },
    dataAssets: {
      byDatabaseGroup: buckets('data_asset', 'databaseGroup'),
      byClassification: buckets('data_asset', 'classification'),
    },
    pendingChanges: rows.find((r) => r.domain === 'changes')?.n ?? 0,
  };
}

export { DELIVERABLE_KINDS, JUSTIFICATION_KINDS };
