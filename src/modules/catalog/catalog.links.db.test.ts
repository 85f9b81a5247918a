import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { makeAgency, makeTenant, makeUserWithToken } from '../../../test/support/factories.js';
import { on } from '../../platform/events/events.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';
import type { RecordKind } from './db/schema.js';

type Headers = Record<string, string>;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');
const PDF2 = Buffer.from('%PDF-1.7\n% a second edition of the manual\n%%EOF\n');
/** The start of a Windows executable (PE): refused whatever it is called. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(510, 0x90)]);
/** The start of a Linux executable (ELF). */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);

const UPLOAD_LIMIT = 64 * 1024;

const OPENAPI_YAML = `openapi: 3.0.3
info:
  title: SIMPEG
  version: 1.2.0
paths:
  /pegawai:
    get:
      responses:
        '200':
          description: ok
`;

/** A multipart/form-data body as a browser sends it. */
async function multipart(parts: { file?: { data: Buffer; name: string }; note?: string }) {
  const form = new FormData();
  if (parts.file) form.append('file', new Blob([parts.file.data]), parts.file.name);
  if (parts.note !== undefined) form.append('note', parts.note);
  const req = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    payload: Buffer.from(await req.arrayBuffer()),
    contentType: req.headers.get('content-type')!,
  };
}

/** Events the service raised, collected in order. */
const changed: Array<{ kind: string; id: string }> = [];
on('catalog.record.changed', async (_ctx, payload) => {
  changed.push(payload);
});

describe('catalog documents, APIs, relations, graph and overview', () => {
  let t: TestApp;
  let tenant: TenantRow;
  let other: TenantRow;
  /** A tenant of its own for the overview counts. */
  let fresh: TenantRow;
  let mine: { id: string };
  let theirs: { id: string };
  let admin: Headers;
  let operator: Headers;
  let auditor: Headers;
  let regent: Headers;
  let readOnlyToken: Headers;
  let otherAdmin: Headers;
  let anon: Headers;

  const q = async (text: string, values: unknown[] = []) =>
    (await t.tdb.ownerPool.query(text, values)).rows;
  const count = async (table: string) =>
    (await q(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const auditCount = async (action: string) =>
    (await q('SELECT count(*)::int AS n FROM audit_events WHERE action = $1', [action]))[0]
      .n as number;

  /** Fixture records go straight in through the owner connection. */
  async function record(
    tenantRow: TenantRow,
    kind: RecordKind,
    agencyId: string,
    opts: { name?: string; reviewState?: string; fields?: Record<string, unknown> } = {},
  ): Promise<string> {
    const common = {
      tenant_id: tenantRow.id,
      agency_id: agencyId,
      name: opts.name ?? `${kind} ${Math.random().toString(36).slice(2, 8)}`,
      review_state: opts.reviewState ?? 'approved',
    };
    const perKind: Record<RecordKind, [string, Record<string, unknown>]> = {
      service: ['catalog_services', { kind: 'public', target_users: 'Masyarakat' }],
      process: ['catalog_processes', {}],
      application: [
        'catalog_applications',
        {
          kind: 'specific',
          developer: 'vendor',
          licence: 'closed',
          hosting: 'regional_dc',
          lifecycle: 'production',
        },
      ],
      infrastructure: ['catalog_infrastructure', { kind: 'server', managing_agency_id: agencyId }],
      data_asset: ['catalog_data_assets', { database_group: 'population', classification: 'open' }],
    };
    const [table, fields] = perKind[kind];
    const row = { ...common, ...fields, ...opts.fields };
    const cols = Object.keys(row);
    const [inserted] = await q(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
      Object.values(row),
    );
    return inserted.id as string;
  }

  const putFile = async (
    headers: Headers,
    appId: string,
    kind: string,
    file: { data: Buffer; name: string } | undefined,
    note?: string,
  ) => {
    const body = await multipart({ ...(file ? { file } : {}), ...(note ? { note } : {}) });
    return t.app.inject({
      method: 'PUT',
      url: `/api/catalog/applications/${appId}/documents/${kind}`,
      headers: { ...headers, 'content-type': body.contentType },
      payload: body.payload,
    });
  };

  before(async () => {
    // A small upload limit, so the size checks run without megabytes of fixtures.
    t = await createTestApp({ MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT) });
    tenant = await makeTenant(t.tdb.owner);
    other = await makeTenant(t.tdb.owner);
    fresh = await makeTenant(t.tdb.owner);
    mine = await makeAgency(t.tdb.database, tenant);
    theirs = await makeAgency(t.tdb.database, tenant);
    await makeAgency(t.tdb.database, other);
    admin = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
    operator = (
      await makeUserWithToken(t.tdb.database, tenant, [
        { role: 'agency_operator', agencyId: mine.id },
      ])
    ).headers;
    auditor = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'auditor' }])).headers;
    regent = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'regent' }])).headers;
    readOnlyToken = (
      await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }], ['catalog:*:read'])
    ).headers;
    otherAdmin = (await makeUserWithToken(t.tdb.database, other, [{ role: 'ict_admin' }])).headers;
    // No credentials a server knows (a bearer, so the CSRF check of cookie clients is not what answers).
    anon = { host: admin.host!, authorization: 'Bearer spl_not_a_token' };
  });
  after(() => t.close());

  test('documents: all 17 kinds listed; a file is stored, replaced, downloaded and removed, each audited', async () => {
    const app = await record(tenant, 'application', mine.id, { name: 'SIMPEG' });
    const empty = await t.app.inject({
      url: `/api/catalog/applications/${app}/documents`,
      headers: auditor,
    });
    assert.equal(empty.statusCode, 200, empty.body);
    const items = empty.json().items as Array<{ kind: string; category: string; present: boolean }>;
    assert.equal(items.length, 17);
    assert.equal(items.filter((i) => i.category === 'deliverable').length, 10);
    assert.equal(items.filter((i) => i.category === 'justification').length, 7);
    assert.ok(items.every((i) => !i.present));

    changed.length = 0;
    const put = await putFile(
      admin,
      app,
      'user_manual',
      { data: PDF, name: 'Manual Pengguna "v1".pdf' },
      'Edisi pertama',
    );
    assert.equal(put.statusCode, 200, put.body);
    const doc = put.json();
    assert.equal(doc.present, true);
    assert.equal(doc.category, 'deliverable');
    assert.equal(doc.contentType, 'application/pdf');
    assert.equal(doc.size, PDF.length);
    assert.equal(doc.fileName, 'Manual Pengguna v1.pdf');
    assert.equal(doc.note, 'Edisi pertama');
    assert.match(doc.deliveredByName, /^User \d+$/);
    assert.ok(doc.deliveredAt);
    assert.equal(await auditCount('catalog.document.delivered'), 1);
    assert.deepEqual(changed, [{ kind: 'application', id: app }]);

    const replaced = await putFile(operator, app, 'user_manual', {
      data: PDF2,
      name: 'manual-v2.pdf',
    });
    assert.equal(replaced.statusCode, 200, replaced.body);
    const rows = await q(
      'SELECT file_sha256, note FROM catalog_application_documents WHERE application_id = $1',
      [app],
    );
    assert.equal(rows.length, 1, 'one row per kind');
    assert.equal(rows[0].file_sha256, createHash('sha256').update(PDF2).digest('hex'));
    assert.equal(rows[0].note, null);
    assert.equal(await auditCount('catalog.document.delivered'), 2);

    const link = await t.app.inject({
      method: 'PUT',
      url: `/api/catalog/applications/${app}/documents/source_code`,
      headers: admin,
      payload: { url: 'https://git.batangkab.go.id/simpeg', note: 'Repositori' },
    });
    assert.equal(link.statusCode, 200, link.body);
    assert.equal(link.json().url, 'https://git.batangkab.go.id/simpeg');
    assert.equal(link.json().fileName, null);

    const listed = (
      await t.app.inject({ url: `/api/catalog/applications/${app}/documents`, headers: admin })
    ).json().items as Array<{ kind: string; present: boolean }>;
    assert.deepEqual(
      listed.filter((i) => i.present).map((i) => i.kind),
      ['source_code', 'user_manual'],
    );

    const download = await t.app.inject({
      url: `/api/catalog/applications/${app}/documents/user_manual/file`,
      headers: auditor,
    });
    assert.equal(download.statusCode, 200, download.body);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(
      String(download.headers['content-disposition']),
      /^attachment; filename="manual-v2.pdf"/,
    );
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.deepEqual(download.rawPayload, PDF2);
    assert.equal(await auditCount('catalog.document.downloaded'), 1);

    const ofLink = await t.app.inject({
      url: `/api/catalog/applications/${app}/documents/source_code/file`,
      headers: admin,
    });
    assert.equal(ofLink.statusCode, 409);
    assert.equal(ofLink.json().error.code, 'catalog.document_is_link');

    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/catalog/applications/${app}/documents/user_manual`,
      headers: admin,
    });
    assert.equal(del.statusCode, 204);
    assert.equal(await auditCount('catalog.document.removed'), 1);
    const gone = await t.app.inject({
      url: `/api/catalog/applications/${app}/documents/user_manual/file`,
      headers: admin,
    });
    assert.equal(gone.statusCode, 404);
    assert.equal(gone.json().error.code, 'catalog.document_not_found');
  });

  test('documents: bad kind, executables, a missing file part and non-http links change nothing', async () => {
    const app = await record(tenant, 'application', mine.id);
    const rowsBefore = await count('catalog_application_documents');
    const auditBefore = await auditCount('catalog.document.delivered');

    const badKind = await putFile(admin, app, 'love_letter', { data: PDF, name: 'x.pdf' });
    assert.equal(badKind.statusCode, 400);
    assert.equal(badKind.json().error.code, 'catalog.document_kind_unknown');

    for (const [data, name] of [
      [EXE, 'manual.pdf'],
      [ELF, 'installer.zip'],
    ] as const) {
      const r = await putFile(admin, app, 'installation_manual', { data, name });
      assert.equal(r.statusCode, 415, r.body);
      assert.equal(r.json().error.code, 'files.type_not_allowed');
    }

    const noFile = await putFile(admin, app, 'test', undefined, 'just a note');
    assert.equal(noFile.statusCode, 400);
    assert.equal(noFile.json().error.code, 'catalog.document_file_missing');

    const broken = await t.app.inject({
      method: 'PUT',
      url: `/api/catalog/applications/${app}/documents/test`,
      headers: { ...admin, 'content-type': 'multipart/form-data; boundary=xyz' },
      payload: Buffer.from('not a form at all'),
    });
    assert.equal(broken.statusCode, 400);
    assert.equal(broken.json().error.code, 'platform.malformed_body');

    for (const url of ['javascript:alert(1)', 'ftp://files.example/x', 'not a url']) {
      const r = await t.app.inject({
        method: 'PUT',
        url: `/api/catalog/applications/${app}/documents/test`,
        headers: admin,
        payload: { url },
      });
      assert.equal(r.statusCode, 400, url);
    }

    // Over the limit: the file (files.too_large), or the whole body (platform.payload_too_large).
    const big = Buffer.concat([PDF, Buffer.alloc(UPLOAD_LIMIT, 0x20)]);
    const tooLarge = await putFile(admin, app, 'test', { data: big, name: 'big.pdf' });
    assert.equal(tooLarge.statusCode, 413);
    assert.equal(tooLarge.json().error.code, 'files.too_large');
    const huge = Buffer.concat([PDF, Buffer.alloc(UPLOAD_LIMIT * 2, 0x20)]);
    const tooHuge = await putFile(admin, app, 'test', { data: huge, name: 'huge.pdf' });
    assert.equal(tooHuge.statusCode, 413);
    assert.equal(tooHuge.json().error.code, 'platform.payload_too_large');

    const missingApp = await putFile(admin, '00000000-0000-4000-8000-000000000000', 'test', {
      data: PDF,
      name: 'x.pdf',
    });
    assert.equal(missingApp.statusCode, 404);
    assert.equal(missingApp.json().error.code, 'catalog.application_not_found');

    assert.equal(await count('catalog_application_documents'), rowsBefore);
    assert.equal(await auditCount('catalog.document.delivered'), auditBefore);
  });

  test('documents: who may deliver and who may download', async () => {
    const own = await record(tenant, 'application', mine.id);
    const foreign = await record(tenant, 'application', theirs.id);
    for (const app of [own, foreign]) {
      const r = await putFile(admin, app, 'requirements', { data: PDF, name: 'srs.pdf' });
      assert.equal(r.statusCode, 200, r.body);
    }
    const before = await count('catalog_application_documents');

    // Agency operators deliver their own agency's documents directly, nobody else's.
    assert.equal(
      (await putFile(operator, own, 'test', { data: PDF, name: 't.pdf' })).statusCode,
      200,
    );
    const foreignPut = await putFile(operator, foreign, 'test', { data: PDF, name: 't.pdf' });
    assert.equal(foreignPut.statusCode, 403);
    assert.equal(foreignPut.json().error.code, 'platform.forbidden');
    const foreignDelete = await t.app.inject({
      method: 'DELETE',
      url: `/api/catalog/applications/${foreign}/documents/requirements`,
      headers: operator,
    });
    assert.equal(foreignDelete.statusCode, 403);
    // Readers cannot write; a read-only token cannot either.
    assert.equal(
      (await putFile(auditor, own, 'test', { data: PDF, name: 't.pdf' })).statusCode,
      403,
    );
    assert.equal(
      (await putFile(readOnlyToken, own, 'test', { data: PDF, name: 't.pdf' })).statusCode,
      403,
    );
    assert.equal((await putFile(anon, own, 'test', { data: PDF, name: 't.pdf' })).statusCode, 401);
    assert.equal(await count('catalog_application_documents'), before + 1);

    const file = (app: string, headers: Headers) =>
      t.app.inject({
        url: `/api/catalog/applications/${app}/documents/requirements/file`,
        headers,
      });
    assert.equal((await file(own, operator)).statusCode, 200);
    assert.equal((await file(foreign, operator)).statusCode, 403);
    assert.equal((await file(foreign, auditor)).statusCode, 200);
    assert.equal((await file(foreign, regent)).statusCode, 403, 'the regent reads no files');
    assert.equal((await file(foreign, anon)).statusCode, 401);
    // Everyone reads the checklist itself.
    const list = await t.app.inject({
      url: `/api/catalog/applications/${foreign}/documents`,
      headers: regent,
    });
    assert.equal(list.statusCode, 200);
    // The source code's location is confidential: shown only to those who may open it.
    const link = await t.app.inject({
      method: 'PUT',
      url: `/api/catalog/applications/${foreign}/documents/source_code`,
      headers: admin,
      payload: { url: 'https://git.example.go.id/rahasia/app.git' },
    });
    assert.equal(link.statusCode, 200, link.body);
    const sourceOf = async (headers: Headers) => {
      const res = await t.app.inject({
        url: `/api/catalog/applications/${foreign}/documents`,
        headers,
      });
      return (res.json().items as Array<{ kind: string; present: boolean; url?: string }>).find(
        (d) => d.kind === 'source_code',
      );
    };
    const hidden = await sourceOf(regent);
    assert.equal(hidden?.present, true);
    assert.equal(hidden?.url, undefined, 'the regent does not see where the code lives');
    assert.equal((await sourceOf(operator))?.url, undefined, 'nor does another agency');
    assert.equal((await sourceOf(auditor))?.url, 'https://git.example.go.id/rahasia/app.git');
    assert.equal(
      (await t.app.inject({ url: `/api/catalog/applications/${foreign}/documents`, headers: anon }))
        .statusCode,
      401,
    );
  });

  test('documents of a pending application are kept but announce nothing', async () => {
    const pending = await record(tenant, 'application', mine.id, { reviewState: 'pending' });
    changed.length = 0;
    const r = await putFile(operator, pending, 'metadata', { data: PDF, name: 'meta.pdf' });
    assert.equal(r.statusCode, 200, r.body);
    assert.deepEqual(changed, []);
  });

  test('APIs: register, change, upload an OpenAPI document, read it back, remove', async () => {
    const app = await record(tenant, 'application', mine.id);
    const caller = await record(tenant, 'application', theirs.id);
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/catalog/applications/${app}/apis`,
      headers: operator,
      payload: { name: 'Pegawai', version: 'v1', baseUrl: 'https://simpeg.batangkab.go.id/api' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const api = created.json();
    assert.equal(api.hasOpenapi, false);
    assert.equal(await auditCount('catalog.api.created'), 1);

    const dup = await t.app.inject({
      method: 'POST',
      url: `/api/catalog/applications/${app}/apis`,
      headers: admin,
      payload: { name: 'Pegawai', version: 'v1' },
    });
    assert.equal(dup.statusCode, 409);
    assert.equal(dup.json().error.code, 'catalog.api_name_taken');

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/catalog/apis/${api.id}`,
      headers: operator,
      payload: { description: 'Data kepegawaian' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json().description, 'Data kepegawaian');
    assert.equal(await auditCount('catalog.api.updated'), 1);

    const upload = (body: string, contentType: string, headers: Headers = operator) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/catalog/apis/${api.id}/openapi`,
        headers: { ...headers, 'content-type': contentType },
        payload: body,
      });
    const yaml = await upload(OPENAPI_YAML, 'application/yaml');
    assert.equal(yaml.statusCode, 200, yaml.body);
    assert.equal(yaml.json().hasOpenapi, true);
    assert.equal(
      yaml.json().openapiSha256,
      createHash('sha256').update(OPENAPI_YAML).digest('hex'),
    );
    assert.equal(await auditCount('catalog.api.openapi_uploaded'), 1);
    const back = await t.app.inject({
      url: `/api/catalog/apis/${api.id}/openapi`,
      headers: regent,
    });
    assert.equal(back.statusCode, 200);
    assert.match(String(back.headers['content-type']), /^application\/yaml/);
    assert.equal(back.body, OPENAPI_YAML);

    const json = JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'X', version: '1' },
      paths: {},
    });
    const asJson = await upload(json, 'application/json');
    assert.equal(asJson.statusCode, 200, asJson.body);
    const jsonBack = await t.app.inject({
      url: `/api/catalog/apis/${api.id}/openapi`,
      headers: admin,
    });
    assert.match(String(jsonBack.headers['content-type']), /^application\/json/);
    assert.equal(jsonBack.body, json);

    // Not OpenAPI 3.x: refused, the stored document stays.
    const sha = asJson.json().openapiSha256;
    for (const [body, problem] of [
      ['swagger: "2.0"\ninfo: {title: X, version: "1"}\npaths: {}\n', 'version'],
      ['openapi: 3.0.0\npaths: {}\n', 'info'],
      ['openapi: 3.0.0\ninfo: {title: X, version: "1"}\n', 'paths'],
      ['{"openapi": "3.0.0",', 'unreadable'],
      ['- just\n- a list\n', 'not_an_object'],
    ] as const) {
      const r = await upload(body, 'application/yaml');
      assert.equal(r.statusCode, 400, body);
      assert.equal(r.json().error.code, 'catalog.openapi_invalid');
      assert.equal(r.json().error.details.problem, problem);
    }
    const forbidden = await upload(OPENAPI_YAML, 'application/yaml', auditor);
    assert.equal(forbidden.statusCode, 403);
    const stillThere = await t.app.inject({ url: `/api/catalog/apis/${api.id}`, headers: admin });
    assert.equal(stillThere.json().openapiSha256, sha);
    assert.equal(await auditCount('catalog.api.openapi_uploaded'), 2);

    // Another agency's operator cannot touch it.
    const otherOperator = (
      await makeUserWithToken(t.tdb.database, tenant, [
        { role: 'agency_operator', agencyId: theirs.id },
      ])
    ).headers;
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: `/api/catalog/apis/${api.id}`,
      headers: otherOperator,
      payload: { name: 'Diambil' },
    });
    assert.equal(foreign.statusCode, 403);

    // A call naming the API forgets it when the API goes, and keeps the call.
    const call = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/relations',
      headers: admin,
      payload: {
        type: 'calls',
        fromKind: 'application',
        fromId: caller,
        toKind: 'application',
        toId: app,
        apiId: api.id,
      },
    });
    assert.equal(call.statusCode, 201, call.body);
    assert.equal(call.json().apiName, 'Pegawai v1');
    const listed = await t.app.inject({
      url: `/api/catalog/applications/${app}/apis`,
      headers: regent,
    });
    assert.equal(listed.json().items.length, 1);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/catalog/apis/${api.id}`,
      headers: operator,
    });
    assert.equal(del.statusCode, 204);
    assert.equal(await auditCount('catalog.api.deleted'), 1);
    const [relation] = await q('SELECT api_id FROM catalog_relations WHERE id = $1', [
      call.json().id,
    ]);
    assert.equal(relation.api_id, null);
  });

  test('relations: only the allowed combinations between existing records, by the source agency', async () => {
    const app = await record(tenant, 'application', mine.id, { name: 'SIMPEG' });
    const service = await record(tenant, 'service', theirs.id, { name: 'Layanan Kepegawaian' });
    const foreignApp = await record(tenant, 'application', theirs.id);
    const post = (payload: object, headers: Headers = operator) =>
      t.app.inject({ method: 'POST', url: '/api/catalog/relations', headers, payload });

    const createdBefore = await auditCount('catalog.relation.created');
    changed.length = 0;
    const ok = await post({
      type: 'supports',
      fromKind: 'application',
      fromId: app,
      toKind: 'service',
      toId: service,
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json().fromName, 'SIMPEG');
    assert.equal(ok.json().toName, 'Layanan Kepegawaian');
    assert.equal(await auditCount('catalog.relation.created'), createdBefore + 1);
    assert.deepEqual(changed, [
      { kind: 'application', id: app },
      { kind: 'service', id: service },
    ]);

    const before = await count('catalog_relations');
    const refused: Array<[object, number, string]> = [
      [
        {
          type: 'supports',
          fromKind: 'service',
          fromId: service,
          toKind: 'application',
          toId: app,
        },
        400,
        'catalog.relation_invalid',
      ],
      [
        { type: 'reads', fromKind: 'application', fromId: app, toKind: 'service', toId: service },
        400,
        'catalog.relation_invalid',
      ],
      [
        { type: 'calls', fromKind: 'application', fromId: app, toKind: 'application', toId: app },
        400,
        'catalog.relation_self',
      ],
      [
        // An application's id named as a service: no such service.
        {
          type: 'supports',
          fromKind: 'application',
          fromId: app,
          toKind: 'service',
          toId: foreignApp,
        },
        404,
        'catalog.relation_end_not_found',
      ],
      [
        {
          type: 'supports',
          fromKind: 'application',
          fromId: app,
          toKind: 'service',
          toId: service,
        },
        409,
        'catalog.relation_exists',
      ],
      [
        {
          type: 'calls',
          fromKind: 'application',
          fromId: app,
          toKind: 'application',
          toId: foreignApp,
          apiId: '00000000-0000-4000-8000-000000000000',
        },
        400,
        'catalog.relation_api_invalid',
      ],
      [
        {
          type: 'supports',
          fromKind: 'application',
          fromId: foreignApp,
          toKind: 'service',
          toId: service,
        },
        403,
        'platform.forbidden',
      ],
    ];
    for (const [payload, status, code] of refused) {
      const r = await post(payload);
      assert.equal(r.statusCode, status, `${code}: ${r.body}`);
      assert.equal(r.json().error.code, code);
    }
    const badType = await post({
      type: 'loves',
      fromKind: 'application',
      fromId: app,
      toKind: 'service',
      toId: service,
    });
    assert.equal(badType.json().error.code, 'platform.validation_failed');
    assert.equal(await count('catalog_relations'), before);
    assert.equal(await auditCount('catalog.relation.created'), createdBefore + 1);

    // Listed from either end.
    for (const id of [app, service]) {
      const list = await t.app.inject({
        url: `/api/catalog/relations?recordId=${id}`,
        headers: regent,
      });
      assert.equal(list.statusCode, 200);
      assert.deepEqual(
        list.json().items.map((r: { id: string }) => r.id),
        [ok.json().id],
      );
    }
    assert.equal(
      (await t.app.inject({ url: `/api/catalog/relations?recordId=${app}`, headers: anon }))
        .statusCode,
      401,
    );

    // Removed by the source agency only.
    const otherOperator = (
      await makeUserWithToken(t.tdb.database, tenant, [
        { role: 'agency_operator', agencyId: theirs.id },
      ])
    ).headers;
    const notTheirs = await t.app.inject({
      method: 'DELETE',
      url: `/api/catalog/relations/${ok.json().id}`,
      headers: otherOperator,
    });
    assert.equal(notTheirs.statusCode, 403);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/catalog/relations/${ok.json().id}`,
      headers: operator,
    });
    assert.equal(del.statusCode, 204);
    assert.equal(await auditCount('catalog.relation.deleted'), 1);
  });

  test('graph: the neighbourhood of a record, ring by ring', async () => {
    const app = await record(tenant, 'application', mine.id, { name: 'G-App' });
    const caller = await record(tenant, 'application', theirs.id, { name: 'G-Caller' });
    const service = await record(tenant, 'service', mine.id, { name: 'G-Service' });
    const proc = await record(tenant, 'process', mine.id, { name: 'G-Process' });
    const vm = await record(tenant, 'infrastructure', mine.id, {
      name: 'G-VM',
      fields: { kind: 'virtual_machine' },
    });
    const dc = await record(tenant, 'infrastructure', mine.id, {
      name: 'G-DC',
      fields: { kind: 'data_center' },
    });
    const data = await record(tenant, 'data_asset', mine.id, { name: 'G-Data' });
    const far = await record(tenant, 'application', mine.id, { name: 'G-Far' });
    const rel = async (
      type: string,
      fromKind: string,
      fromId: string,
      toKind: string,
      toId: string,
    ) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/catalog/relations',
        headers: admin,
        payload: { type, fromKind, fromId, toKind, toId },
      });
      assert.equal(r.statusCode, 201, r.body);
    };
    await rel('supports', 'application', app, 'service', service);
    await rel('delivers', 'process', proc, 'service', service);
    await rel('runs_on', 'application', app, 'infrastructure', vm);
    await rel('runs_on', 'infrastructure', vm, 'infrastructure', dc);
    await rel('calls', 'application', caller, 'application', app);
    await rel('writes', 'application', caller, 'data_asset', data);
    await rel('runs_on', 'application', far, 'infrastructure', dc);

    const get = (depth: number) =>
      t.app.inject({
        url: `/api/catalog/graph?kind=application&id=${app}&depth=${depth}`,
        headers: regent,
      });
    const one = await get(1);
    assert.equal(one.statusCode, 200, one.body);
    const names = (g: { nodes: Array<{ name: string }> }) => g.nodes.map((n) => n.name).sort();
    assert.deepEqual(names(one.json()), ['G-App', 'G-Caller', 'G-Service', 'G-VM']);
    assert.equal(one.json().edges.length, 3);
    assert.equal(one.json().root, app);
    assert.equal(one.json().nodes.find((n: { id: string }) => n.id === app).depth, 0);

    const two = (await get(2)).json();
    assert.deepEqual(names(two), [
      'G-App',
      'G-Caller',
      'G-DC',
      'G-Data',
      'G-Process',
      'G-Service',
      'G-VM',
    ]);
    assert.equal(two.edges.length, 6);
    const ids = new Set(two.nodes.map((n: { id: string }) => n.id));
    assert.ok(
      two.edges.every((e: { from: string; to: string }) => ids.has(e.from) && ids.has(e.to)),
    );
    const vmNode = two.nodes.find((n: { id: string }) => n.id === vm);
    assert.deepEqual(
      {
        kind: vmNode.kind,
        agencyId: vmNode.agencyId,
        reviewState: vmNode.reviewState,
        depth: vmNode.depth,
      },
      { kind: 'infrastructure', agencyId: mine.id, reviewState: 'approved', depth: 1 },
    );

    const three = (await get(3)).json();
    assert.ok(three.nodes.some((n: { id: string }) => n.id === far));
    assert.equal(three.edges.length, 7);
    assert.equal(three.truncated, false);

    const tooDeep = await get(4);
    assert.equal(tooDeep.statusCode, 400);
    const missing = await t.app.inject({
      url: `/api/catalog/graph?kind=service&id=${app}`,
      headers: regent,
    });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'catalog.graph_root_not_found');
  });

  test('overview: approved records only, by agency and facet, with the pending changes', async () => {
    const a1 = await makeAgency(t.tdb.database, fresh, { name: 'Dinas A' });
    const a2 = await makeAgency(t.tdb.database, fresh, { name: 'Dinas B' });
    const viewer = (await makeUserWithToken(t.tdb.database, fresh, [{ role: 'regent' }])).headers;
    await record(fresh, 'application', a1.id, { fields: { hosting: 'commercial_cloud' } });
    await record(fresh, 'application', a1.id);
    await record(fresh, 'application', a2.id, { fields: { lifecycle: 'retired', kind: 'shared' } });
    await record(fresh, 'application', a2.id, { reviewState: 'pending' });
    await record(fresh, 'application', a2.id, { reviewState: 'rejected' });
    await record(fresh, 'service', a1.id, { fields: { kind: 'administrative' } });
    await record(fresh, 'data_asset', a2.id, { fields: { classification: 'closed' } });
    await record(fresh, 'infrastructure', a2.id, { fields: { kind: 'data_center' } });
    const pendingApp = await record(fresh, 'application', a1.id, { reviewState: 'pending' });
    await q(
      `INSERT INTO catalog_change_requests (tenant_id, record_kind, record_id, agency_id, action, base_version)
       VALUES ($1, 'application', $2, $3, 'create', 1)`,
      [fresh.id, pendingApp, a1.id],
    );

    const r = await t.app.inject({ url: '/api/catalog/overview', headers: viewer });
    assert.equal(r.statusCode, 200, r.body);
    const o = r.json();
    assert.deepEqual(o.totals, {
      service: 1,
      process: 0,
      application: 3,
      infrastructure: 1,
      data_asset: 1,
    });
    assert.deepEqual(o.byAgency, [
      {
        agencyId: a1.id,
        agencyName: 'Dinas A',
        service: 1,
        process: 0,
        application: 2,
        infrastructure: 0,
        data_asset: 0,
      },
      {
        agencyId: a2.id,
        agencyName: 'Dinas B',
        service: 0,
        process: 0,
        application: 1,
        infrastructure: 1,
        data_asset: 1,
      },
    ]);
    assert.deepEqual(o.applications.byHosting, [
      { value: 'regional_dc', count: 2 },
      { value: 'commercial_cloud', count: 1 },
    ]);
    assert.deepEqual(o.applications.byLifecycle, [
      { value: 'production', count: 2 },
      { value: 'retired', count: 1 },
    ]);
    assert.deepEqual(o.applications.byKind, [
      { value: 'specific', count: 2 },
      { value: 'shared', count: 1 },
    ]);
    assert.deepEqual(o.applications.bySecurityClass, [{ value: 'T', count: 3 }]);
    assert.deepEqual(o.services.byKind, [{ value: 'administrative', count: 1 }]);
    assert.deepEqual(o.services.byStatus, [{ value: 'active', count: 1 }]);
    assert.deepEqual(o.infrastructure.byKind, [{ value: 'data_center', count: 1 }]);
    assert.deepEqual(o.dataAssets.byClassification, [{ value: 'closed', count: 1 }]);
    assert.deepEqual(o.dataAssets.byDatabaseGroup, [{ value: 'population', count: 1 }]);
    assert.equal(o.pendingChanges, 1);
    assert.equal(
      (await t.app.inject({ url: '/api/catalog/overview', headers: { host: viewer.host! } }))
        .statusCode,
      401,
    );
  });

  test("another agency's pending records stay hidden behind their documents, APIs and relations", async () => {
    const approvedApp = await record(tenant, 'application', mine.id, { name: 'V-Approved' });
    const pendingApp = await record(tenant, 'application', theirs.id, {
      name: 'V-Pending',
      reviewState: 'pending',
    });
    const pendingService = await record(tenant, 'service', theirs.id, {
      name: 'V-Pending-Service',
      reviewState: 'pending',
    });
    assert.equal(
      (await putFile(admin, pendingApp, 'test', { data: PDF, name: 't.pdf' })).statusCode,
      200,
    );
    const api = await t.app.inject({
      method: 'POST',
      url: `/api/catalog/applications/${pendingApp}/apis`,
      headers: admin,
      payload: { name: 'Hidden' },
    });
    assert.equal(api.statusCode, 201, api.body);
    const relation = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/relations',
      headers: admin,
      payload: {
        type: 'supports',
        fromKind: 'application',
        fromId: approvedApp,
        toKind: 'service',
        toId: pendingService,
      },
    });
    assert.equal(relation.statusCode, 201, relation.body);

    // The regent (approved records only) and another agency's operator do not see them.
    for (const headers of [regent, operator]) {
      const docs = await t.app.inject({
        url: `/api/catalog/applications/${pendingApp}/documents`,
        headers,
      });
      assert.equal(docs.statusCode, 404);
      assert.equal(docs.json().error.code, 'catalog.application_not_found');
      const apiRead = await t.app.inject({ url: `/api/catalog/apis/${api.json().id}`, headers });
      assert.equal(apiRead.statusCode, 404);
      const list = await t.app.inject({
        url: `/api/catalog/relations?recordId=${approvedApp}`,
        headers,
      });
      assert.deepEqual(list.json().items, []);
      const g = await t.app.inject({
        url: `/api/catalog/graph?kind=application&id=${approvedApp}`,
        headers,
      });
      assert.deepEqual(
        g.json().nodes.map((n: { name: string }) => n.name),
        ['V-Approved'],
      );
      assert.deepEqual(g.json().edges, []);
    }
    const link = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/relations',
      headers: operator,
      payload: {
        type: 'supports',
        fromKind: 'application',
        fromId: approvedApp,
        toKind: 'service',
        toId: pendingService,
      },
    });
    assert.equal(link.statusCode, 404);
    assert.equal(link.json().error.code, 'catalog.relation_end_not_found');

    // Auditors read everything, pending records included.
    const audited = await t.app.inject({
      url: `/api/catalog/relations?recordId=${approvedApp}`,
      headers: auditor,
    });
    assert.deepEqual(
      audited.json().items.map((r: { toName: string }) => r.toName),
      ['V-Pending-Service'],
    );
    const auditorGraph = await t.app.inject({
      url: `/api/catalog/graph?kind=application&id=${approvedApp}`,
      headers: auditor,
    });
    assert.equal(auditorGraph.json().nodes.length, 2);
    assert.equal(
      (
        await t.app.inject({
          url: `/api/catalog/applications/${pendingApp}/documents`,
          headers: auditor,
        })
      ).statusCode,
      200,
    );
  });

  test('every route: 401 without credentials, 403 for a token without catalog scopes, 403 for another agency', async () => {
    const app = await record(tenant, 'application', theirs.id);
    const service = await record(tenant, 'service', theirs.id);
    const ownApp = await record(tenant, 'application', mine.id);
    assert.equal((await putFile(admin, app, 'test', { data: PDF, name: 't.pdf' })).statusCode, 200);
    const api = (
      await t.app.inject({
        method: 'POST',
        url: `/api/catalog/applications/${app}/apis`,
        headers: admin,
        payload: { name: 'Matrix' },
      })
    ).json();
    const relation = (
      await t.app.inject({
        method: 'POST',
        url: '/api/catalog/relations',
        headers: admin,
        payload: {
          type: 'supports',
          fromKind: 'application',
          fromId: app,
          toKind: 'service',
          toId: service,
        },
      })
    ).json();
    const orgOnly = (
      await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }], ['org:*:read'])
    ).headers;
    const json = { 'content-type': 'application/json' };
    const routes: Array<{
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      url: string;
      payload?: string;
      headers?: Record<string, string>;
      /** Whether an operator of another agency is refused (writes and file downloads). */
      agencyBound: boolean;
    }> = [
      { method: 'GET', url: `/api/catalog/applications/${app}/documents`, agencyBound: false },
      {
        method: 'PUT',
        url: `/api/catalog/applications/${app}/documents/test`,
        payload: JSON.stringify({ url: 'https://example.go.id/x' }),
        headers: json,
        agencyBound: true,
      },
      {
        method: 'DELETE',
        url: `/api/catalog/applications/${app}/documents/test`,
        agencyBound: true,
      },
      {
        method: 'GET',
        url: `/api/catalog/applications/${app}/documents/test/file`,
        agencyBound: true,
      },
      { method: 'GET', url: `/api/catalog/applications/${app}/apis`, agencyBound: false },
      {
        method: 'POST',
        url: `/api/catalog/applications/${app}/apis`,
        payload: JSON.stringify({ name: 'Other' }),
        headers: json,
        agencyBound: true,
      },
      { method: 'GET', url: `/api/catalog/apis/${api.id}`, agencyBound: false },
      {
        method: 'PATCH',
        url: `/api/catalog/apis/${api.id}`,
        payload: JSON.stringify({ description: 'x' }),
        headers: json,
        agencyBound: true,
      },
      {
        method: 'PUT',
        url: `/api/catalog/apis/${api.id}/openapi`,
        payload: OPENAPI_YAML,
        headers: { 'content-type': 'application/yaml' },
        agencyBound: true,
      },
      { method: 'DELETE', url: `/api/catalog/apis/${api.id}`, agencyBound: true },
      { method: 'GET', url: `/api/catalog/relations?recordId=${app}`, agencyBound: false },
      {
        method: 'POST',
        url: '/api/catalog/relations',
        payload: JSON.stringify({
          type: 'calls',
          fromKind: 'application',
          fromId: app,
          toKind: 'application',
          toId: ownApp,
        }),
        headers: json,
        agencyBound: true,
      },
      { method: 'DELETE', url: `/api/catalog/relations/${relation.id}`, agencyBound: true },
      {
        method: 'GET',
        url: `/api/catalog/graph?kind=application&id=${app}&depth=2`,
        agencyBound: false,
      },
      { method: 'GET', url: '/api/catalog/overview', agencyBound: false },
    ];
    const before = await q(
      `SELECT (SELECT count(*) FROM catalog_application_documents)::int AS docs,
              (SELECT count(*) FROM catalog_application_apis)::int AS apis,
              (SELECT count(*) FROM catalog_relations)::int AS relations`,
    );
    for (const r of routes) {
      const call = (headers: Headers) =>
        t.app.inject({
          method: r.method,
          url: r.url,
          headers: { ...headers, ...r.headers },
          ...(r.payload !== undefined ? { payload: r.payload } : {}),
        });
      const label = `${r.method} ${r.url}`;
      const noCredentials = await call(anon);
      assert.equal(noCredentials.statusCode, 401, label);
      assert.equal(noCredentials.json().error.code, 'platform.unauthenticated', label);
      const noScope = await call(orgOnly);
      assert.equal(noScope.statusCode, 403, label);
      assert.equal(noScope.json().error.code, 'platform.forbidden', label);
      const otherAgency = await call(operator);
      if (r.agencyBound) {
        assert.equal(otherAgency.statusCode, 403, `${label}: ${otherAgency.body}`);
        assert.equal(otherAgency.json().error.code, 'platform.forbidden', label);
      } else {
        assert.equal(otherAgency.statusCode, 200, `${label}: ${otherAgency.body}`);
      }
    }
    const afterCounts = await q(
      `SELECT (SELECT count(*) FROM catalog_application_documents)::int AS docs,
              (SELECT count(*) FROM catalog_application_apis)::int AS apis,
              (SELECT count(*) FROM catalog_relations)::int AS relations`,
    );
    assert.deepEqual(afterCounts, before);
  });

  test("tenant isolation: another tenant reaches none of this tenant's documents, APIs or relations", async () => {
    const app = await record(tenant, 'application', mine.id);
    const service = await record(tenant, 'service', mine.id);
    assert.equal(
      (await putFile(admin, app, 'admin_manual', { data: PDF, name: 'a.pdf' })).statusCode,
      200,
    );
    const api = (
      await t.app.inject({
        method: 'POST',
        url: `/api/catalog/applications/${app}/apis`,
        headers: admin,
        payload: { name: 'Rahasia' },
      })
    ).json();
    const relation = (
      await t.app.inject({
        method: 'POST',
        url: '/api/catalog/relations',
        headers: admin,
        payload: {
          type: 'supports',
          fromKind: 'application',
          fromId: app,
          toKind: 'service',
          toId: service,
        },
      })
    ).json();
    const docsBefore = await count('catalog_application_documents');
    const apisBefore = await count('catalog_application_apis');
    const relationsBefore = await count('catalog_relations');

    const reads: Array<[string, number, string?]> = [
      [`/api/catalog/applications/${app}/documents`, 404, 'catalog.application_not_found'],
      [
        `/api/catalog/applications/${app}/documents/admin_manual/file`,
        404,
        'catalog.application_not_found',
      ],
      [`/api/catalog/applications/${app}/apis`, 404, 'catalog.application_not_found'],
      [`/api/catalog/apis/${api.id}`, 404, 'catalog.api_not_found'],
      [`/api/catalog/apis/${api.id}/openapi`, 404, 'catalog.api_not_found'],
      [`/api/catalog/graph?kind=application&id=${app}`, 404, 'catalog.graph_root_not_found'],
    ];
    for (const [url, status, code] of reads) {
      const r = await t.app.inject({ url, headers: otherAdmin });
      assert.equal(r.statusCode, status, url);
      if (code) assert.equal(r.json().error.code, code, url);
    }
    const related = await t.app.inject({
      url: `/api/catalog/relations?recordId=${app}`,
      headers: otherAdmin,
    });
    assert.deepEqual(related.json().items, []);

    const writes = [
      await putFile(otherAdmin, app, 'admin_manual', { data: PDF2, name: 'b.pdf' }),
      await t.app.inject({
        method: 'DELETE',
        url: `/api/catalog/applications/${app}/documents/admin_manual`,
        headers: otherAdmin,
      }),
      await t.app.inject({
        method: 'PATCH',
        url: `/api/catalog/apis/${api.id}`,
        headers: otherAdmin,
        payload: { name: 'Dicuri' },
      }),
      await t.app.inject({
        method: 'DELETE',
        url: `/api/catalog/apis/${api.id}`,
        headers: otherAdmin,
      }),
      await t.app.inject({
        method: 'PUT',
        url: `/api/catalog/apis/${api.id}/openapi`,
        headers: { ...otherAdmin, 'content-type': 'application/yaml' },
        payload: OPENAPI_YAML,
      }),
      await t.app.inject({
        method: 'DELETE',
        url: `/api/catalog/relations/${relation.id}`,
        headers: otherAdmin,
      }),
      await t.app.inject({
        method: 'POST',
        url: '/api/catalog/relations',
        headers: otherAdmin,
        payload: {
          type: 'supports',
          fromKind: 'application',
          fromId: app,
          toKind: 'service',
          toId: service,
        },
      }),
    ];
    for (const r of writes) assert.equal(r.statusCode, 404, r.body);
    assert.equal(await count('catalog_application_documents'), docsBefore);
    assert.equal(await count('catalog_application_apis'), apisBefore);
    assert.equal(await count('catalog_relations'), relationsBefore);
    const [apiRow] = await q('SELECT name FROM catalog_application_apis WHERE id = $1', [api.id]);
    assert.equal(apiRow.name, 'Rahasia');

    const overview = (
      await t.app.inject({ url: '/api/catalog/overview', headers: otherAdmin })
    ).json();
    assert.equal(overview.totals.application, 0);
  });
});
