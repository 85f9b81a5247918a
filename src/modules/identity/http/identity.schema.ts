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

/** The signed-in user: the account, its second factors, how it signed in, what it may do. */
export const Me = Type.Object({
  ...User.properties,
  mfa: Type.Object({
    totp: Type.Boolean(),
    passkeys: Type.Integer(),
    recoveryCodesLeft: Type.Integer(),
    required: Type.Boolean({
      description: "Tenant policy requires MFA for one of the user's roles",
    }),
    enrolmentRequired: Type.Boolean({
      description: 'This session may only enrol a second factor (policy requires one)',
    }),
  }),
  amr: Type.Array(Type.String(), { description: 'How the user signed in (RFC 8176)' }),
  permissions: Type.Array(Type.String(), {
    description: 'Every permission the user holds in some scope',
  }),
});

export const LoginBody = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'Username, NIP or e-mail' }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export const SignedIn = Type.Object({
  status: Type.Literal('signed_in'),
  user: Me,
  expiresAt: Timestamp,
});
export const MfaRequired = Type.Object({
  status: Type.Literal('mfa_required'),
  flow: Type.String({ description: 'Handle of the second step (5 minutes, single use)' }),
  methods: Type.Array(StrEnum(['totp', 'webauthn', 'recovery'] as const)),
  expiresAt: Timestamp,
});
export const LoginResponse = Type.Union([SignedIn, MfaRequired]);

const FlowHandle = Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' });
export const MfaCodeBody = Type.Object(
  { flow: FlowHandle, code: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);

const B64 = (max: number) => Type.String({ maxLength: max, pattern: '^[A-Za-z0-9_=+/-]*$' });
/** What navigator.credentials.get() returns, as JSON (@simplewebauthn/browser). */
export const AuthenticationResponse = Type.Object({
  id: B64(1024),
  rawId: B64(1024),
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: B64(16_384),
    authenticatorData: B64(16_384),
    signature: B64(2048),
    userHandle: Type.Optional(B64(1024)),
  }),
  clientExtensionResults: Type.Object({}),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
});
/** What navigator.credentials.create() returns, as JSON (@simplewebauthn/browser). */
export const RegistrationResponse = Type.Object({
  id: B64(1024),
  rawId: B64(1024),
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: B64(16_384),
    attestationObject: B64(65_536),
    authenticatorData: Type.Optional(B64(16_384)),
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 10 })),
    publicKeyAlgorithm: Type.Optional(Type.Integer()),
    publicKey: Type.Optional(B64(16_384)),
  }),
  clientExtensionResults: Type.Object({}),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
});
export const WebauthnOptionsBody = Type.Object(
  { flow: Type.Optional(FlowHandle) },
  { additionalProperties: false },
);
export const WebauthnOptions = Type.Object({
  flow: Type.String(),
  options: Type.Unknown({
    description:
      'PublicKeyCredentialRequestOptionsJSON or PublicKeyCredentialCreationOptionsJSON for the browser',
  }),
});
export const WebauthnVerifyBody = Type.Object(
  { flow: FlowHandle, response: AuthenticationResponse },
  { additionalProperties: false },
);

export const PasswordResetRequest = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 254, description: 'Username, NIP or e-mail' }),
  },
  { additionalProperties: false },
);
export const PasswordResetConfirm = Type.Object(
  {
    token: Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);

export const TotpSetup = Type.Object({
  secret: Type.String({ description: 'Base32 secret, for typing in by hand' }),
  otpauthUri: Type.String({ description: 'otpauth:// URI for a QR code' }),
});
export const TotpConfirmBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 16 }) },
  { additionalProperties: false },
);
export const RecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), { description: 'Shown once' }),
});
export const CurrentPassword = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export const Passkey = Type.Object({
  id: Id,
  name: Type.String(),
  createdAt: Timestamp,
  lastUsedAt: Nullable(Timestamp),
  backedUp: Type.Boolean(),
});
export const PasskeyCreate = Type.Object(
  {
    flow: FlowHandle,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    response: RegistrationResponse,
  },
  { additionalProperties: false },
);
export const PasskeyList = Type.Object({ items: Type.Array(Passkey) });
export const SessionList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Id,
      createdAt: Timestamp,
      lastSeenAt: Timestamp,
      expiresAt: Timestamp,
      ip: Nullable(Type.String()),
      userAgent: Nullable(Type.String()),
      amr: Type.Array(Type.String()),
      current: Type.Boolean(),
    }),
  ),
});
export const RevokedAccess = Type.Object({
  sessions: Type.Integer({ description: 'Sessions ended' }),
  tokens: Type.Integer({ description: 'API tokens revoked' }),
});

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
