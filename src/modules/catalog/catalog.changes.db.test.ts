import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../../test/support/app.js';
import { makeAgency, makeTenant, makeUserWithToken } from '../../../test/support/factories.js';
import { on } from '../../platform/events/events.js';
import type { TenantRow } from '../tenancy/tenancy.service.js';

type Headers = Record<string, string>;

const events: Array<{ name: string; kind: string; id: string }> = [];
on('catalog.record.changed', async (_ctx, p) => {
  events.push({ name: 'changed', ...p });
});
on('catalog.record.removed', async (_ctx, p) => {
  events.push({ name: 'removed', ...p });
});

describe('catalog review workflow', () => {
  let t: TestApp;
  let tenant: TenantRow;
  /** An ICT admin of a second tenant (made before the first request: tenants are cached). */
  let otherIct: Headers;
  let ict: Headers;
  let opA: Headers;
  let opA2: Headers;
  let opB: Headers;
  let auditor: Headers;
  let sekda: Headers;
  let regent: Headers;
  let agencyA: { id: string };
  let agencyB: { id: string };

  const inject = (method: string, url: string, headers: Headers, payload?: object) =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: { ...headers, 'accept-language': 'en' },
      ...(payload ? { payload } : {}),
    });
  const count = async (sql: string, params: unknown[] = []) =>
    (await t.tdb.ownerPool.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0]
      .n as number;
  const auditCount = (action: string) => count('audit_events WHERE action = $1', [action]);
  const eventsFor = (id: string) => events.filter((e) => e.id === id).map((e) => e.name);

  const service = (agencyId: string, name: string) => ({
    agencyId,
    name,
    kind: 'public',
    targetUsers: 'Masyarakat',
    channels: ['web'],
  });
  const create = async (h: Headers, body: object) => {
    const r = await inject('POST', '/api/catalog/services', h, body);
    assert.equal(r.statusCode, 201, r.body);
    return r.json();
  };
  const get = (h: Headers, id: string) => inject('GET', `/api/catalog/services/${id}`, h);
  const listNames = async (h: Headers, qs = '') =>
    (await inject('GET', `/api/catalog/services?pageSize=100${qs}`, h))
      .json()
      .items.map((i: { name: string }) => i.name) as string[];
  const changes = async (h: Headers, qs = '') => {
    const r = await inject('GET', `/api/catalog/changes?pageSize=100${qs}`, h);
    assert.equal(r.statusCode, 200, r.body);
    return r.json();
  };
  const decide = (h: Headers, id: string, verb: string, payload?: object) =>
    inject('POST', `/api/catalog/changes/${id}/${verb}`, h, payload);

  before(async () => {
    t = await createTestApp();
    tenant = await makeTenant(t.tdb.owner);
    const other = await makeTenant(t.tdb.owner);
    otherIct = (await makeUserWithToken(t.tdb.database, other, [{ role: 'ict_admin' }])).headers;
    agencyA = await makeAgency(t.tdb.database, tenant);
    agencyB = await makeAgency(t.tdb.database, tenant);
    const user = async (roles: Array<{ role: string; agencyId?: string }>) =>
      (await makeUserWithToken(t.tdb.database, tenant, roles)).headers;
    ict = await user([{ role: 'ict_operator' }]);
    opA = await user([{ role: 'agency_operator', agencyId: agencyA.id }]);
    opA2 = await user([{ role: 'agency_admin', agencyId: agencyA.id }]);
    opB = await user([{ role: 'agency_operator', agencyId: agencyB.id }]);
    auditor = await user([{ role: 'auditor' }]);
    sekda = await user([{ role: 'regional_secretary' }]);
    regent = await user([{ role: 'regent' }]);
  });
  after(() => t.close());

  test('an agency proposes a record; it stays out of the registry until the ICT office approves', async () => {
    const rec = await create(opA, service(agencyA.id, 'Izin Usaha Mikro'));
    assert.equal(rec.reviewState, 'pending');
    assert.equal(rec.applied, false);
    assert.equal(rec.pendingChange.action, 'create');
    assert.equal(rec.pendingChange.state, 'pending');
    assert.match(rec.pendingChange.submittedByName, /^User \d+$/);
    assert.equal(await auditCount('catalog.change.submitted'), 1);
    assert.deepEqual(eventsFor(rec.id), [], 'a proposal does not change the registry');

    // Its agency, the ICT office, auditors and the regional secretary see it; nobody else.
    for (const h of [opA, opA2, ict, auditor, sekda]) {
      assert.equal((await get(h, rec.id)).statusCode, 200);
      assert.ok((await listNames(h)).includes('Izin Usaha Mikro'));
    }
    for (const h of [opB, regent]) {
      assert.equal((await get(h, rec.id)).statusCode, 404);
      assert.ok(!(await listNames(h)).includes('Izin Usaha Mikro'));
    }
    const pendingOnly = await inject('GET', '/api/catalog/services?reviewState=pending', opA);
    assert.equal(pendingOnly.json().total, 1);
    assert.deepEqual(pendingOnly.json().facets.reviewState, [{ value: 'pending', count: 1 }]);

    const queue = await changes(ict, '&state=pending');
    const item = queue.items.find((c: { recordId: string }) => c.recordId === rec.id);
    assert.equal(item.recordName, 'Izin Usaha Mikro');
    assert.equal(item.agencyId, agencyA.id);
    assert.ok(item.agencyName);
    assert.equal((await changes(opB)).total, 0, "another agency's queue is not theirs to read");
    assert.equal((await changes(regent)).total, 0);
    assert.ok((await changes(auditor)).total >= 1);

    const approved = await decide(ict, item.id, 'approve', { comment: 'Sesuai' });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().state, 'approved');
    assert.equal(approved.json().comment, 'Sesuai');
    assert.ok(approved.json().reviewedByName);
    assert.equal(await auditCount('catalog.change.approved'), 1);
    assert.deepEqual(eventsFor(rec.id), ['changed']);
    for (const h of [opB, regent]) {
      const r = await get(h, rec.id);
      assert.equal(r.json().reviewState, 'approved');
      assert.equal(r.json().pendingChange, null);
    }
    const again = await decide(ict, item.id, 'approve');
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().error.code, 'catalog.change_decided');
  });

  test("an agency's change of an approved record waits; the record is unchanged until approved", async () => {
    const rec = await create(ict, service(agencyA.id, 'Pengaduan Masyarakat'));
    const before = events.length;
    const proposed = await inject('PATCH', `/api/catalog/services/${rec.id}`, opA, {
      version: rec.version,
      name: 'Pengaduan Masyarakat (SP4N-LAPOR!)',
    });
    assert.equal(proposed.statusCode, 202, proposed.body);
    assert.equal(proposed.json().applied, false);
    assert.equal(proposed.json().name, 'Pengaduan Masyarakat', 'the record itself is unchanged');
    assert.equal(proposed.json().version, rec.version);
    assert.deepEqual(proposed.json().pendingChange.changes, {
      name: 'Pengaduan Masyarakat (SP4N-LAPOR!)',
    });
    // A second edit by the same submitter extends the same proposal.
    const more = await inject('PATCH', `/api/catalog/services/${rec.id}`, opA, {
      version: rec.version,
      channels: ['web', 'mobile'],
    });
    assert.equal(more.statusCode, 202, more.body);
    assert.equal(more.json().pendingChange.id, proposed.json().pendingChange.id);
    assert.deepEqual(more.json().pendingChange.changes, {
      name: 'Pengaduan Masyarakat (SP4N-LAPOR!)',
      channels: ['web', 'mobile'],
    });
    assert.equal(events.length, before, 'no registry event for a proposal');
    // Someone else of the agency cannot pile a second proposal on it.
    const other = await inject('DELETE', `/api/catalog/services/${rec.id}`, opA2);
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().error.code, 'catalog.change_pending');

    const unchanged = (await get(opB, rec.id)).json();
    assert.equal(unchanged.name, 'Pengaduan Masyarakat');
    assert.equal(unchanged.pendingChange, null, 'other agencies do not see the proposal');

    const ok = await decide(ict, proposed.json().pendingChange.id, 'approve', {});
    assert.equal(ok.statusCode, 200, ok.body);
    const applied = (await get(opB, rec.id)).json();
    assert.equal(applied.name, 'Pengaduan Masyarakat (SP4N-LAPOR!)');
    assert.deepEqual(applied.channels, ['web', 'mobile']);
    assert.equal(applied.version, rec.version + 1);
    assert.deepEqual(eventsFor(rec.id), ['changed', 'changed']);
  });

  test('a rejection needs a comment; a rejected proposal can be revised and resubmitted', async () => {
    const rec = await create(opA, service(agencyA.id, 'Layanan Tanpa Dasar'));
    const changeId = rec.pendingChange.id;
    for (const payload of [undefined, {}, { comment: '   ' }]) {
      const r = await decide(ict, changeId, 'reject', payload);
      assert.equal(r.statusCode, 400, r.body);
    }
    assert.equal((await changes(ict, `&recordId=${rec.id}`)).items[0].state, 'pending');
    const rejected = await decide(ict, changeId, 'reject', {
      comment: 'Belum ada standar layanan',
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(rejected.json().state, 'rejected');
    assert.equal(rejected.json().comment, 'Belum ada standar layanan');
    assert.equal(await auditCount('catalog.change.rejected'), 1);
    assert.deepEqual(eventsFor(rec.id), []);

    const mine = (await get(opA, rec.id)).json();
    assert.equal(mine.reviewState, 'rejected');
    assert.equal((await get(opB, rec.id)).statusCode, 404);

    const revised = await inject('PATCH', `/api/catalog/services/${rec.id}`, opA, {
      version: mine.version,
      serviceStandard: 'Perbup 12/2024',
    });
    assert.equal(revised.statusCode, 200, revised.body);
    assert.equal(revised.json().reviewState, 'pending');
    assert.equal(revised.json().pendingChange.action, 'create');
    assert.notEqual(revised.json().pendingChange.id, changeId, 'a new proposal');
  });

  test('a stale proposal is refused; the ICT office can still reject it', async () => {
    const rec = await create(ict, service(agencyA.id, 'Layanan Perpustakaan'));
    const proposal = (
      await inject('PATCH', `/api/catalog/services/${rec.id}`, opA, {
        version: rec.version,
        targetUsers: 'Pelajar',
      })
    ).json().pendingChange;
    const direct = await inject('PATCH', `/api/catalog/services/${rec.id}`, ict, {
      version: rec.version,
      description: 'Diubah langsung oleh Diskominfo',
    });
    assert.equal(direct.statusCode, 200, direct.body);
    assert.equal(direct.json().version, rec.version + 1);

    const listed = (await changes(ict, `&recordId=${rec.id}`)).items[0];
    assert.equal(listed.stale, true);
    const r = await decide(ict, proposal.id, 'approve');
    assert.equal(r.statusCode, 409);
    assert.equal(r.json().error.code, 'catalog.change_stale');
    const current = (await get(ict, rec.id)).json();
    assert.equal(current.targetUsers, 'Masyarakat', 'nothing of the stale proposal applied');
    assert.equal(current.pendingChange.state, 'pending');
    const rejected = await decide(ict, proposal.id, 'reject', { comment: 'Usulan usang' });
    assert.equal(rejected.json().state, 'rejected');
  });

  test('removal: proposed by the agency, withdrawn by its submitter only, or approved', async () => {
    const rec = await create(ict, service(agencyA.id, 'Layanan Lama'));
    const proposed = await inject('DELETE', `/api/catalog/services/${rec.id}`, opA);
    assert.equal(proposed.statusCode, 202, proposed.body);
    assert.equal(proposed.json().action, 'delete');
    assert.equal((await get(opA, rec.id)).statusCode, 200, 'still there');

    const notTheirs = await decide(opA2, proposed.json().id, 'withdraw');
    assert.equal(notTheirs.statusCode, 403);
    const withdrawn = await decide(opA, proposed.json().id, 'withdraw');
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    assert.equal(withdrawn.json().state, 'withdrawn');
    assert.equal(await auditCount('catalog.change.withdrawn'), 1);
    const twice = await decide(opA, proposed.json().id, 'withdraw');
    assert.equal(twice.json().error.code, 'catalog.change_decided');

    const again = (await inject('DELETE', `/api/catalog/services/${rec.id}`, opA)).json();
    const approved = await decide(ict, again.id, 'approve');
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal((await get(ict, rec.id)).statusCode, 404);
    assert.deepEqual(eventsFor(rec.id), ['changed', 'removed']);
    assert.equal(approved.json().recordName, null);

    // Withdrawing a proposed new record takes the record away; deleting one's own pending
    // record does the same at once.
    const fresh = await create(opA, service(agencyA.id, 'Usulan Ditarik'));
    await decide(opA, fresh.pendingChange.id, 'withdraw');
    assert.equal((await get(opA, fresh.id)).statusCode, 404);
    const fresh2 = await create(opA, service(agencyA.id, 'Usulan Dihapus'));
    assert.equal(
      (await inject('DELETE', `/api/catalog/services/${fresh2.id}`, opA)).statusCode,
      204,
    );
    assert.equal((await get(opA, fresh2.id)).statusCode, 404);
    const closed = (await changes(opA, `&recordId=${fresh2.id}`)).items[0];
    assert.equal(closed.state, 'withdrawn');
    assert.deepEqual(eventsFor(fresh.id), []);
    assert.deepEqual(eventsFor(fresh2.id), []);
  });

  test('only the ICT office decides; agency staff write only for their own agency', async () => {
    const rec = await create(opA, service(agencyA.id, 'Layanan Uji Izin'));
    const id = rec.pendingChange.id;
    const bogus = { host: ict.host!, authorization: 'Bearer spl_not-a-real-token' };
    for (const [h, status] of [
      [bogus, 401],
      [opA, 403],
      [opA2, 403],
      [auditor, 403],
      [regent, 403],
    ] as const) {
      for (const verb of ['approve', 'reject']) {
        const r = await decide(h, id, verb, { comment: 'x' });
        assert.equal(r.statusCode, status, `${verb}: ${r.body}`);
      }
    }
    for (const [h, status] of [
      [auditor, 403],
      [regent, 403],
    ] as const) {
      assert.equal((await decide(h, id, 'withdraw')).statusCode, status);
    }
    assert.equal((await inject('GET', '/api/catalog/changes', bogus)).statusCode, 401);
    assert.equal(
      (await t.app.inject({ url: '/api/catalog/changes', headers: { host: ict.host! } }))
        .statusCode,
      401,
    );
    assert.equal((await changes(ict, `&recordId=${rec.id}`)).items[0].state, 'pending');

    const records = await count('catalog_services');
    const proposals = await count('catalog_change_requests');
    const invalid = await inject('POST', '/api/catalog/services', opA, {
      ...service(agencyA.id, 'Tanpa Jenis'),
      kind: 'internal',
    });
    assert.equal(invalid.statusCode, 400);
    const badCode = await inject('POST', '/api/catalog/services', opA, {
      ...service(agencyA.id, 'Kode Salah'),
      refCode: 'RAL.99.99',
    });
    assert.equal(badCode.json().error.code, 'catalog.code_unknown');
    const wrong = await inject(
      'POST',
      '/api/catalog/services',
      opA,
      service(agencyB.id, 'Bukan Milik'),
    );
    assert.equal(wrong.statusCode, 403);
    const theirs = await create(ict, service(agencyB.id, 'Milik B'));
    const patch = await inject('PATCH', `/api/catalog/services/${theirs.id}`, opA, {
      version: theirs.version,
      name: 'Diambil A',
    });
    assert.equal(patch.statusCode, 403);
    const move = await inject('PATCH', `/api/catalog/services/${rec.id}`, opA, {
      version: rec.version,
      agencyId: agencyB.id,
    });
    assert.equal(move.statusCode, 403, 'nor hand a record to another agency');
    assert.equal(await count('catalog_services'), records + 1);
    assert.equal(await count('catalog_change_requests'), proposals);
  });

  test('a revision that sets a field back to the record value takes it out of the proposal', async () => {
    const rec = await create(ict, service(agencyA.id, 'Layanan Arsip'));
    const first = await inject('PATCH', `/api/catalog/services/${rec.id}`, opA, {
      version: rec.version,
      name: 'Layanan Arsip Daerah',
      channels: ['web', 'counter'],
    });
    assert.equal(first.statusCode, 202, first.body);
    const changeId = first.json().pendingChange.id;
    // The submitter changes their mind about the name.
    const second = await inject('PATCH', `/api/catalog/services/${rec.id}`, opA, {
      version: rec.version,
      name: 'Layanan Arsip',
      channels: ['web', 'counter'],
    });
    assert.equal(second.statusCode, 202, second.body);
    assert.equal(second.json().pendingChange.id, changeId);
    assert.deepEqual(second.json().pendingChange.changes, { channels: ['web', 'counter'] });
    // And about everything: the proposal goes.
    const third = await inject('PATCH', `/api/catalog/services/${rec.id}`, opA, {
      version: rec.version,
      channels: ['web'],
    });
    assert.equal(third.statusCode, 200, third.body);
    assert.equal(third.json().pendingChange, null);
    const closed = (await inject('GET', `/api/catalog/changes/${changeId}`, ict)).json();
    assert.equal(closed.state, 'withdrawn');
    assert.equal((await get(ict, rec.id)).json().name, 'Layanan Arsip');
  });

  test('an approval names the revision read: a proposal revised since is refused', async () => {
    const rec = await create(opA, service(agencyA.id, 'Layanan Ditinjau'));
    const read = (await inject('GET', `/api/catalog/changes/${rec.pendingChange.id}`, ict)).json();
    // The submitter revises the proposal after the reviewer read it.
    const revised = await inject('PATCH', `/api/catalog/services/${rec.id}`, opA, {
      version: rec.version,
      targetUsers: 'Semua orang, termasuk data pribadi',
    });
    assert.equal(revised.statusCode, 200, revised.body);
    const stale = await decide(ict, read.id, 'approve', { baseVersion: read.baseVersion });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(stale.json().error.code, 'catalog.change_stale');
    assert.equal((await get(ict, rec.id)).json().reviewState, 'pending', 'nothing approved');
    assert.deepEqual(eventsFor(rec.id), []);
    const current = (await inject('GET', `/api/catalog/changes/${read.id}`, ict)).json();
    assert.equal(current.baseVersion, revised.json().version);
    const ok = await decide(ict, read.id, 'approve', { baseVersion: current.baseVersion });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await get(ict, rec.id)).json().reviewState, 'approved');
  });

  test('a proposal moved to another agency follows it: the old agency cannot withdraw it', async () => {
    const rec = await create(opA, service(agencyA.id, 'Layanan Dipindah'));
    const moved = await inject('PATCH', `/api/catalog/services/${rec.id}`, ict, {
      version: rec.version,
      agencyId: agencyB.id,
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().reviewState, 'pending');
    assert.equal(moved.json().pendingChange.agencyId, agencyB.id);
    const w = await decide(opA, rec.pendingChange.id, 'withdraw');
    assert.ok([403, 404].includes(w.statusCode), w.body);
    assert.equal((await get(ict, rec.id)).statusCode, 200, "agency B's record is still there");
    assert.equal((await changes(opA, `&recordId=${rec.id}`)).total, 0);
    assert.equal((await changes(opB, `&recordId=${rec.id}`)).total, 1);
  });

  test("a record cannot point at another agency's unapproved record", async () => {
    const app = (agencyId: string, name: string, extra: object = {}) => ({
      agencyId,
      name,
      kind: 'shared',
      developer: 'in_house',
      licence: 'open',
      licenceName: 'MIT',
      hosting: 'regional_dc',
      lifecycle: 'production',
      ...extra,
    });
    const hidden = await inject(
      'POST',
      '/api/catalog/applications',
      opB,
      app(agencyB.id, 'Bersama B'),
    );
    assert.equal(hidden.statusCode, 201, hidden.body);
    assert.equal(hidden.json().reviewState, 'pending');
    const r = await inject(
      'POST',
      '/api/catalog/applications',
      opA,
      app(agencyA.id, 'Khusus A', { kind: 'specific', duplicatesId: hidden.json().id }),
    );
    assert.equal(r.json().error?.code, 'catalog.duplicate_target_invalid', r.body);
    const rack = await inject('POST', '/api/catalog/infrastructure', opB, {
      agencyId: agencyB.id,
      name: 'Rak B',
      kind: 'rack',
    });
    assert.equal(rack.statusCode, 201, rack.body);
    const server = await inject('POST', '/api/catalog/infrastructure', opA, {
      agencyId: agencyA.id,
      name: 'Server A',
      kind: 'server',
      parentId: rack.json().id,
    });
    assert.equal(server.json().error?.code, 'catalog.parent_invalid', server.body);
    assert.equal(server.json().error?.details?.reason, 'not_found');
  });

  test("tenant isolation: another tenant cannot see or decide this tenant's change requests", async () => {
    const rec = await create(opA, service(agencyA.id, 'Layanan Tenant A'));
    assert.equal((await changes(otherIct)).total, 0);
    const id = rec.pendingChange.id;
    assert.equal((await inject('GET', `/api/catalog/changes/${id}`, otherIct)).statusCode, 404);
    for (const verb of ['approve', 'reject', 'withdraw']) {
      const r = await decide(otherIct, id, verb, { comment: 'x' });
      assert.equal(r.statusCode, 404, r.body);
      assert.equal(r.json().error.code, 'catalog.change_not_found');
    }
    const mine = (await inject('GET', `/api/catalog/changes/${id}`, ict)).json();
    assert.equal(mine.state, 'pending');
  });
});
