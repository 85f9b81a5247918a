import { Type } from '@sinclair/typebox';
import { Id, Nullable, StrEnum, Text, Timestamp } from '../../../platform/http/schema.js';
import { CLIENT_KINDS, CLIENT_STATUSES, KEY_ALGS } from '../db/schema.js';
import { OIDC_SCOPES } from '../oidc/provider.js';

const Uri = Type.String({ minLength: 8, maxLength: 2000 });
const Scope = StrEnum(OIDC_SCOPES);

export const Client = Type.Object({
  id: Id,
  clientId: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  kind: StrEnum(CLIENT_KINDS),
  applicationId: Nullable(Id),
  redirectUris: Type.Array(Type.String()),
  postLogoutRedirectUris: Type.Array(Type.String()),
  backchannelLogoutUri: Nullable(Type.String()),
  scopes: Type.Array(Type.String()),
  trusted: Type.Boolean(),
  idTokenAlg: StrEnum(KEY_ALGS),
  status: StrEnum(CLIENT_STATUSES),
  hasSecret: Type.Boolean(),
  secretRotatedAt: Nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const ClientList = Type.Object({ items: Type.Array(Client) });

export const ClientWithSecret = Type.Object({
  client: Client,
  secret: Nullable(Type.String({ description: 'Shown once; store it in the application now' })),
});

const editable = {
  name: Text(200),
  description: Type.Optional(Nullable(Text(2000, 0))),
  applicationId: Type.Optional(Nullable(Id)),
  redirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
  postLogoutRedirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })),
  backchannelLogoutUri: Type.Optional(Nullable(Uri)),
  scopes: Type.Array(Scope, { minItems: 1, maxItems: OIDC_SCOPES.length }),
  trusted: Type.Optional(Type.Boolean()),
  idTokenAlg: Type.Optional(StrEnum(KEY_ALGS)),
};

export const ClientCreate = Type.Object(
  {
    ...editable,
    clientId: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,63}$' })),
    kind: StrEnum(CLIENT_KINDS),
  },
  { additionalProperties: false },
);

export const ClientPatch = Type.Partial(Type.Object(editable), { additionalProperties: false });

export const ClientStatusBody = Type.Object(
  { status: StrEnum(CLIENT_STATUSES) },
  { additionalProperties: false },
);

export const UidParams = Type.Object({ uid: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });

export const InteractionDetails = Type.Object({
  uid: Type.String(),
  prompt: Type.String(),
  reasons: Type.Array(Type.String()),
  client: Type.Object({ clientId: Type.String(), name: Type.String() }),
  scopes: Type.Array(Type.String()),
  claims: Type.Array(Type.String()),
  signedIn: Type.Boolean(),
  user: Nullable(Type.Object({ username: Type.String() })),
});

export const Redirect = Type.Object({ redirectTo: Type.String() });

export const ConsentBody = Type.Object(
  { approve: Type.Boolean() },
  { additionalProperties: false },
);
