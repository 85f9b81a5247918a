// Property-based fuzzing of every operation in the OpenAPI document: random bodies, query
// strings, path parameters and content types, sent with a valid ict_admin token. The API must
// never answer 5xx, every 4xx must carry a registered error code in the documented shape, and a
// request that is refused (or any GET) must leave the data untouched.
//   SIMPUL_FUZZ_SEED=<n>  replays a failing run (fast-check prints the seed and path on failure);
//   SIMPUL_FUZZ_RUNS=<n>  runs per operation (default 25);  SIMPUL_FUZZ_BUDGET=<n>  cap on all runs (default 1500).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { errorDefinitions } from '../../src/platform/http/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { makeAgency, makeNip, makeTenant, makeUserWithToken } from '../support/factories.js';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}
interface FuzzRequest {
  path: Record<string, string>;
  query: string;
  body: { payload: string; contentType: string | null } | null;
  acceptLanguage: string;
}

const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);
const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
/** Tables that change as a side effect of any request (logs, sessions) are not compared. */
const UNCOMPARED_TABLES = new Set([
  'audit_events',
  'audit_heads',
  'audit_verifications',
  'sessions',
  // Failed sign-ins count against the client address, whatever the request.
  'identity_ip_throttle',
]);
/** Columns that record use, not data (a token's last use, a failed sign-in counter). */
const VOLATILE_COLUMNS = [
  'last_used_at',
  'last_seen_at',
  'last_login_at',
  'failed_logins',
  'locked_until',
  'updated_at',
];

const seed = process.env.SIMPUL_FUZZ_SEED ? Number(process.env.SIMPUL_FUZZ_SEED) : undefined;
const runsPerOperation = Number(process.env.SIMPUL_FUZZ_RUNS ?? 25);
const budget = Number(process.env.SIMPUL_FUZZ_BUDGET ?? 1500);

let t: TestApp;
let headers: Record<string, string>;
let existingIds: string[] = [];
let doc: OpenApiDocument;
let snapshotSql = '';

before(async () => {
  t = await createTestApp();
  const tenant = await makeTenant(t.tdb.owner);
  headers = (await makeUserWithToken(t.tdb.database, tenant, [{ role: 'ict_admin' }])).headers;
  // Real rows, so path and body ids sometimes hit something and the fuzz reaches the services.
  const other = await makeUserWithToken(t.tdb.database, tenant, [{ role: 'auditor' }]);
  const agency = await makeAgency(t.tdb.database, tenant);
  const post = async (url: string, payload: object) => {
    const r = await t.app.inject({ method: 'POST', url, headers, payload });
    assert.equal(r.statusCode, 201, r.body);
    return (r.json() as { id: string }).id;
  };
  const unitId = await post(`/api/org/agencies/${agency.id}/units`, {
    code: 'U1',
    name: 'Unit Uji',
  });
  const positionId = await post(`/api/org/agencies/${agency.id}/positions`, {
    name: 'Analis',
    kind: 'functional',
  });
  const employeeId = await post('/api/org/employees', {
    nip: makeNip(7),
    name: 'Pegawai Uji',
    agencyId: agency.id,
  });
  existingIds = [agency.id, unitId, positionId, employeeId, other.userId];

  // The tenant's SSO provider creates its signing keys on first use; do that before comparing.
  const discovery = await t.app.inject({
    url: '/oidc/.well-known/openid-configuration',
    headers: { host: headers.host! },
  });
  assert.equal(discovery.statusCode, 200, discovery.body);

  // So are the reference-architecture code sets (loaded once, audited); load them too.
  const codeSets = await t.app.inject({ url: '/api/catalog/code-sets', headers });
  assert.equal(codeSets.statusCode, 200, codeSets.body);

  const r = await t.app.inject({ url: '/api/openapi.json' });
  assert.equal(r.statusCode, 200);
  doc = r.json() as OpenApiDocument;

  const tables = await t.tdb.ownerPool.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const strip = VOLATILE_COLUMNS.map((c) => ` - '${c}'`).join('');
  snapshotSql =
    'SELECT ' +
    tables.rows
      .filter((row) => !UNCOMPARED_TABLES.has(row.name))
      .map(
        (row) =>
          `(SELECT md5(coalesce(string_agg((to_jsonb(x)${strip})::text, '|' ORDER BY (to_jsonb(x)${strip})::text), '')) FROM "${row.name}" x) AS "${row.name}"`,
      )
      .join(', ');
});
after(() => t?.close());

async function snapshot(): Promise<Record<string, string>> {
  return (await t.tdb.ownerPool.query<Record<string, string>>(snapshotSql)).rows[0] ?? {};
}

// ---- generators -------------------------------------------------------------------------------

const weird = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  'null',
  'true',
  '[]',
  '{}',
  "' OR 1=1 --",
  '../../etc/passwd',
  '\u0000',
  '\uFFFF',
  '𝔰𝔦𝔪𝔭𝔲𝔩',
  'x'.repeat(5000),
  '99999999999999999999999',
  '1e309',
);
const anyString = fc.oneof(fc.string({ maxLength: 80 }), weird);
const anyUuid = () =>
  existingIds.length > 0 ? fc.oneof(fc.uuid(), fc.constantFrom(...existingIds)) : fc.uuid();

/** Mostly values of the right shape (to get past validation), sometimes anything at all. */
function valueFor(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: wellTyped(schema, depth) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
    { weight: 1, arbitrary: weird },
  );
}

function wellTyped(schema: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return fc.jsonValue({ maxDepth: 2 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives && alternatives.length > 0)
    return fc.oneof(...alternatives.map((s) => wellTyped(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return anyUuid();
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'date')
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (schema.format === 'date-time')
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      if (schema.pattern) {
        return fc.oneof(
          fc
            .stringMatching(new RegExp(schema.pattern))
            .filter((s) => s.length <= (schema.maxLength ?? 10_000)),
          anyString,
        );
      }
      return fc.oneof(
        fc.string({
          minLength: schema.minLength ?? 0,
          maxLength: Math.min(schema.maxLength ?? 100, 300),
        }),
        fc.nat(99_999_999).map((n) => makeNip(n)),
        anyString,
      );
    case 'integer':
      return fc.oneof(
        fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1_000_000 }),
        fc.integer(),
        fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31) - 1),
      );
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueFor(schema.items, depth + 1), {
        maxLength: Math.min(schema.maxItems ?? 5, 60),
      });
    case 'object':
      return objectFor(schema, depth + 1);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectFor(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, sub] of Object.entries(props)) shape[key] = valueFor(sub, depth);
  return fc.record(shape, { requiredKeys: [] });
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/octet-stream',
  'application/merge-patch+json',
  'json',
];

function bodyFor(op: Operation): fc.Arbitrary<FuzzRequest['body']> {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const json = (value: fc.Arbitrary<unknown>) =>
    value.map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' }));
  const keys = Object.keys(schema?.properties ?? {});
  return fc.oneof(
    { weight: schema ? 6 : 1, arbitrary: json(schema ? objectFor(schema, 0) : fc.jsonValue()) },
    { weight: 2, arbitrary: json(fc.jsonValue({ maxDepth: 3 })) },
    {
      // The right keys with values of any type.
      weight: 2,
      arbitrary: json(
        keys.length > 0
          ? fc.record(Object.fromEntries(keys.map((k) => [k, fc.jsonValue({ maxDepth: 2 })])), {
              requiredKeys: [],
            })
          : fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 1 })),
      ),
    },
    {
      // Broken JSON, or any text under any content type, or a JSON body with no content type.
      weight: 2,
      arbitrary: fc.record({
        payload: fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.constantFrom('{', '{"a":', '[1,2', '{"__proto__":{"x":1}}', 'a=1&b=2'),
        ),
        contentType: fc.oneof(fc.constantFrom(...CONTENT_TYPES), fc.constant(null)),
      }),
    },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function queryFor(op: Operation): fc.Arbitrary<string> {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query');
  const known = fc.record(Object.fromEntries(params.map((p) => [p.name, valueFor(p.schema)])), {
    requiredKeys: [],
  });
  const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), anyString, { maxKeys: 3 });
  const encoded = fc.tuple(known, extra).map(([k, e]) => {
    const q = new URLSearchParams();
    for (const [name, v] of Object.entries({ ...e, ...k })) {
      if (Array.isArray(v))
        for (const item of v)
          q.append(name, typeof item === 'string' ? item : JSON.stringify(item));
      else q.append(name, typeof v === 'string' ? v : JSON.stringify(v));
    }
    const s = q.toString();
    return s ? `?${s}` : '';
  });
  // Raw query strings that no URLSearchParams would produce.
  const raw = fc.constantFrom(
    '?',
    '?&&=',
    '?limit=1&limit=2',
    '?limit[]=1',
    '?%ZZ=%',
    '?q=%00',
    '?offset=-0',
    '?limit=1e2',
  );
  return fc.oneof({ weight: 5, arbitrary: encoded }, { weight: 1, arbitrary: raw });
}

function pathParamsFor(op: Operation, template: string): fc.Arbitrary<Record<string, string>> {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
  const declared = new Map(
    (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => [p.name, p]),
  );
  const segment = (name: string) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: wellTyped(declared.get(name)?.schema, 0).map((v) =>
          encodeURIComponent(String(v)),
        ),
      },
      { weight: 2, arbitrary: anyUuid() },
      {
        weight: 2,
        arbitrary: anyString.filter((s) => s.length > 0).map((s) => encodeURIComponent(s)),
      },
      // Left raw on purpose: bad percent-encoding and dot segments.
      {
        weight: 1,
        arbitrary: fc.constantFrom('%', '%E0%A4%A', '%zz', '.', 'a;b', 'A'.repeat(2000)),
      },
    );
  return fc.record(Object.fromEntries(names.map((n) => [n, segment(n)])));
}

function requestFor(op: Operation, method: string, template: string): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    path: pathParamsFor(op, template),
    query: queryFor(op),
    body: BODY_METHODS.has(method) ? bodyFor(op) : fc.constant(null),
    acceptLanguage: fc.constantFrom(
      'id',
      'en',
      'en-US,en;q=0.9',
      'id;q=0.1, en;q=0.5',
      '*',
      'xx',
      '',
    ),
  });
}

// ---- the property -----------------------------------------------------------------------------

test('every API operation survives random input: no 5xx, documented 4xx, refused writes change nothing', async (ctx) => {
  const registry = errorDefinitions();
  const operations = Object.entries(doc.paths).flatMap(([template, ops]) =>
    Object.entries(ops)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, op]) => ({ template, method, op })),
  );
  assert.ok(
    operations.length >= 20,
    `expected the whole API in the OpenAPI document, got ${operations.length} operations`,
  );
  const numRuns = Math.max(5, Math.min(runsPerOperation, Math.floor(budget / operations.length)));
  let requests = 0;
  let accepted = 0;

  for (const { template, method, op } of operations) {
    await ctx.test(`${method.toUpperCase()} ${template}`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(op, method, template), async (req) => {
          const url =
            template.replace(/\{([^}]+)\}/g, (_m, name: string) => req.path[name] ?? '') +
            req.query;
          const reqHeaders: Record<string, string> = { ...headers };
          if (req.acceptLanguage) reqHeaders['accept-language'] = req.acceptLanguage;
          if (req.body?.contentType) reqHeaders['content-type'] = req.body.contentType;
          const guarded = method === 'get' || method === 'head';
          const before = await snapshot();
          const res = await t.app.inject({
            method: method.toUpperCase() as 'GET',
            url,
            headers: reqHeaders,
            ...(req.body ? { payload: req.body.payload } : {}),
          });
          requests++;
          const where = `${method.toUpperCase()} ${url} -> ${res.statusCode} ${res.body.slice(0, 500)}`;
          assert.ok(res.statusCode < 500, `server error: ${where}`);
          if (res.statusCode >= 400) {
            let body: { error?: { code?: unknown; message?: unknown; requestId?: unknown } } = {};
            try {
              body = res.json();
            } catch {
              assert.fail(`4xx body is not JSON: ${where}`);
            }
            const code = body.error?.code;
            assert.ok(
              typeof code === 'string' && code.length > 0,
              `4xx without an error code: ${where}`,
            );
            const def = registry.get(code);
            assert.ok(def, `error code not in the registry: ${where}`);
            assert.equal(res.statusCode, def.status, `status differs from the registry: ${where}`);
            assert.ok(
              typeof body.error?.message === 'string' && body.error.message.length > 0,
              `no message: ${where}`,
            );
            assert.equal(
              body.error?.requestId,
              res.headers['x-request-id'],
              `requestId mismatch: ${where}`,
            );
          } else if (!guarded) {
            accepted++;
          }
          if (guarded || res.statusCode >= 400) {
            assert.deepEqual(
              await snapshot(),
              before,
              `data changed by a read or a refused request: ${where}`,
            );
          }
        }),
        { numRuns, ...(seed !== undefined ? { seed } : {}) },
      );
    });
  }
  ctx.diagnostic(
    `${operations.length} operations, ${numRuns} runs each, ${requests} requests, ${accepted} writes accepted`,
  );
});

// Fixed regressions of what the fuzzing found.
test('a NUL byte that reaches PostgreSQL is a 400, not a 500', async () => {
  const res = await t.app.inject({ url: '/api/org/agencies?q=%00', headers });
  assert.equal(res.statusCode, 400, res.body);
  assert.equal(res.json().error.code, 'platform.validation_failed');
});

test('router errors (bad percent-encoding, over-long parameters) use the error body', async () => {
  const bad = await t.app.inject({ url: '/api/org/agencies/%E0%A4%A', headers });
  assert.equal(bad.statusCode, 400, bad.body);
  assert.equal(bad.json().error.code, 'platform.validation_failed');
  assert.equal(bad.json().error.requestId, bad.headers['x-request-id']);
  const long = await t.app.inject({ url: `/api/org/agencies/${'a'.repeat(2000)}`, headers });
  assert.equal(long.statusCode, 404, long.body);
  assert.equal(long.json().error.code, 'platform.not_found');
});
