import { Type } from '@sinclair/typebox';
import { Id, Nullable, StrEnum, Timestamp } from '../../../platform/http/schema.js';
export { IdParams } from '../../../platform/http/schema.js';
import { ROLES } from '../../../platform/auth/permissions.js';
import { USER_KINDS, USER_STATUSES } from '../db/schema.js';

export const RoleParams = Type.Object({ id: Id, assignmentId: Id });

export const RoleGrant = Type.Object({
  id: Type.Optional(Id),
  role: Type.String(),
  agencyId: Nullable(Id),
});

export const User = Type.Object({
  id: Id,
  username: Type.String(),
  email: Nullable(Type.String()),
  displayName: Type.String(),
  kind: StrEnum(USER_KINDS),
  employeeId: Nullable(Id),
  status: StrEnum(USER_STATUSES),
  lastLoginAt: Nullable(Timestamp),
  createdAt: Timestamp,
  roles: Type.Array(RoleGrant),
});

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'Username, NIP or e-mail' }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export const LoginResponse = Type.Object({ user: User, expiresAt: Timestamp });

export const UserCreate = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9._-]{3,64}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 254 }))),
    kind: StrEnum(USER_KINDS),
    employeeId: Type.Optional(Nullable(Id)),
    password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  },
  { additionalProperties: false },
);
export const UserStatusBody = Type.Object(
  { status: StrEnum(USER_STATUSES) },
  { additionalProperties: false },
);
export const PasswordReset = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1024 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export const UserListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
);
export const RoleAssign = Type.Object(
  { role: StrEnum(ROLES), agencyId: Type.Optional(Nullable(Id)) },
  { additionalProperties: false },
);

export const Token = Type.Object({
  id: Id,
  name: Type.String(),
  kind: Type.String(),
  prefix: Type.String(),
  scopes: Type.Array(Type.String()),
  userId: Id,
  expiresAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  createdAt: Timestamp,
});
export const TokenCreated = Type.Intersect([
  Token,
  Type.Object({ token: Type.String({ description: 'Shown once' }) }),
]);
export const TokenCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(Type.String({ pattern: '^(\\*|[a-z*]+:[a-z_*]+:[a-z_*]+)$' }), {
      minItems: 1,
      maxItems: 50,
    }),
    expiresInDays: Type.Integer({ minimum: 1, maximum: 366 }),
    userId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export const TokenListQuery = Type.Object(
  { all: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
