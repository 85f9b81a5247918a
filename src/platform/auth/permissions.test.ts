import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Principal } from '../context.js';
import { agencyScope, can, registerPermissions, scopeAllows, scopeCovers } from './permissions.js';

registerPermissions({
  'demo:thing:read': { description: 'read', roles: ['ict_admin', 'agency_operator', 'auditor'] },
  'demo:thing:write': { description: 'write', roles: ['ict_admin', 'agency_operator'] },
});

const who = (roles: Principal['roles'], tokenScopes: string[] | null = null): Principal => ({
  userId: 'u',
  username: 'u',
  via: tokenScopes ? 'token' : 'session',
  roles,
  tokenScopes,
  sessionId: null,
  tokenId: null,
  employeeId: null,
  amr: [],
  mfaEnrolmentRequired: false,
});

test('deny by default: no principal, unknown permission, or no role', () => {
  assert.equal(can(null, 'demo:thing:read'), false);
  assert.equal(can(who([{ role: 'ict_admin', agencyId: null }]), 'demo:thing:delete'), false);
  assert.equal(can(who([{ role: 'regent', agencyId: null }]), 'demo:thing:read'), false);
});

test('an agency-scoped grant holds only for its agency', () => {
  const p = who([{ role: 'agency_operator', agencyId: 'A' }]);
  assert.equal(can(p, 'demo:thing:write', 'A'), true);
  assert.equal(can(p, 'demo:thing:write', 'B'), false);
  assert.equal(can(p, 'demo:thing:write'), true);
  assert.deepEqual(agencyScope(p, 'demo:thing:read'), ['A']);
  assert.equal(agencyScope(who([{ role: 'auditor', agencyId: null }]), 'demo:thing:read'), null);
});

test('a tenant-level action (agencyId null) needs a tenant-wide grant', () => {
  const scoped = who([{ role: 'ict_admin', agencyId: 'A' }]);
  assert.equal(can(scoped, 'demo:thing:write', null), false);
  assert.equal(can(scoped, 'demo:thing:write', 'A'), true);
  assert.equal(can(scoped, 'demo:thing:write'), true);
  assert.equal(can(who([{ role: 'ict_admin', agencyId: null }]), 'demo:thing:write', null), true);
});

test('token scopes narrow the roles, never widen them', () => {
  assert.equal(
    can(who([{ role: 'ict_admin', agencyId: null }], ['demo:*:read']), 'demo:thing:read'),
    true,
  );
  assert.equal(
    can(who([{ role: 'ict_admin', agencyId: null }], ['demo:*:read']), 'demo:thing:write'),
    false,
  );
  assert.equal(can(who([{ role: 'auditor', agencyId: null }], ['*']), 'demo:thing:write'), false);
  assert.equal(scopeAllows('org:*:read', 'org:agency:read'), true);
  assert.equal(scopeAllows('org:*', 'org:agency:read'), false);
  assert.equal(scopeCovers('org:*:read', 'org:agency:read'), true);
  assert.equal(scopeCovers('org:*:read', 'org:*:read'), true);
  assert.equal(scopeCovers('org:agency:read', 'org:*:read'), false);
  assert.equal(scopeCovers('org:*:read', '*'), false);
  assert.equal(scopeCovers('*', 'identity:token:own'), true);
});
