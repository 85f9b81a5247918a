import { Type } from '@sinclair/typebox';
import { ROLES } from '../../../platform/auth/permissions.js';
import { Nullable, StrEnum, Text } from '../../../platform/http/schema.js';
import { REGULATION_CODES } from '../regulations.js';

const MfaPolicy = Type.Object(
  {
    requiredRoles: Type.Array(Type.String({ maxLength: 50 }), {
      maxItems: ROLES.length,
      description: `Roles whose holders must use a second factor. Known roles: ${ROLES.join(', ')}`,
    }),
  },
  { additionalProperties: false },
);

export const TenantSettings = Type.Object({
  code: Type.String({ description: 'Kemendagri region code' }),
  name: Type.String(),
  kind: StrEnum(['kabupaten', 'kota', 'provinsi'] as const),
  officialDomain: Nullable(Type.String()),
  logoUrl: Nullable(Type.String()),
  timeZone: Type.String({ description: 'IANA time zone, e.g. Asia/Jakarta' }),
  regulationProfile: Type.Array(Type.String()),
  mfaPolicy: Type.Object({ requiredRoles: Type.Array(Type.String()) }),
});

export const TenantSettingsPatch = Type.Object(
  {
    name: Type.Optional(Text(200)),
    logoUrl: Type.Optional(
      Nullable(Type.String({ maxLength: 500, description: 'https:// URL or a path starting /' })),
    ),
    officialDomain: Type.Optional(
      Nullable(Type.String({ maxLength: 253, description: 'Bare domain, e.g. batangkab.go.id' })),
    ),
    timeZone: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone' }),
    ),
    regulationProfile: Type.Optional(
      Type.Array(Type.String({ maxLength: 100 }), {
        maxItems: 50,
        description: `Regulation codes (GET /api/tenancy/regulation-profiles): ${REGULATION_CODES.join(', ')}`,
      }),
    ),
    mfaPolicy: Type.Optional(MfaPolicy),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const RegulationProfileList = Type.Object({
  items: Type.Array(Type.Object({ code: Type.String(), title: Type.String() })),
});
