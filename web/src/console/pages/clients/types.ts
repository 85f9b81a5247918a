export const CLIENT_KINDS = ['confidential', 'public', 'service'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];
export const CLIENT_SCOPES = [
  'openid',
  'profile',
  'email',
  'offline_access',
  'simpul:org',
  'simpul:roles',
] as const;
export const ID_TOKEN_ALGS = ['ES256', 'RS256'] as const;
export type IdTokenAlg = (typeof ID_TOKEN_ALGS)[number];

export interface Client {
  id: string;
  clientId: string;
  name: string;
  description: string | null;
  kind: ClientKind;
  applicationId: string | null;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  backchannelLogoutUri: string | null;
  scopes: string[];
  trusted: boolean;
  idTokenAlg: IdTokenAlg;
  status: 'active' | 'disabled';
  secretRotatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ClientWithSecret {
  client: Client;
  secret: string | null;
}
