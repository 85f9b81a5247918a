import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The one validated configuration object. Nothing else in Simpul reads process.env:
 * the composition root calls loadConfig() once and passes the result down.
 */
export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Public base URL, used in links and to decide whether cookies must be Secure. */
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Optional separate URL for the non-owner application role. */
  databaseAppUrl: string | null;
  databaseReplicaUrl: string | null;
  dbPoolSize: number;
  embeddedPgPort: number;
  sessionSecret: string | null;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  rateLimitPerMinute: number;
  /** Sign-in requests (password, second factor, reset) per client address per minute. */
  loginRateLimitPerMinute: number;
  filesDir: string;
  maxUploadBytes: number;
  smtpUrl: string | null;
  mailFrom: string;
  defaultTenantCode: string | null;
  jobsEnabled: boolean;
  /**
   * Whether the SSO provider may call applications on private and loopback addresses
   * (back-channel logout). Agency applications usually live on the regency's private network.
   */
  ssoAllowPrivateNetworks: boolean;
  serveWeb: boolean;
  /** Bearer token that may read /metrics from outside the machine; loopback may always. */
  metricsToken: string | null;
  /** The tenant a fresh install creates at its first start, when configured. */
  firstTenant: {
    code: string;
    name: string;
    kind: 'kabupaten' | 'kota' | 'provinsi';
    domain: string | null;
    adminUsername: string;
    /** Null: generate one and print it once. */
    adminPassword: string | null;
  } | null;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Source = Record<string, string | undefined>;

/** Reads an optional JSON config file (SIMPUL_CONFIG_FILE); environment variables win over it. */
function readConfigFile(file: string | undefined, problems: string[]): Source {
  if (!file) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      problems.push(`SIMPUL_CONFIG_FILE ${file}: must contain a JSON object of VARIABLE: value`);
      return {};
    }
    const out: Source = {};
    for (const [k, v] of Object.entries(parsed)) {
      out[k] = v === null || v === undefined ? undefined : String(v);
    }
    return out;
  } catch (err) {
    problems.push(`SIMPUL_CONFIG_FILE ${file}: ${(err as Error).message}`);
    return {};
  }
}

export function loadConfig(env: Source = process.env): Config {
  const problems: string[] = [];
  const src: Source = { ...readConfigFile(env.SIMPUL_CONFIG_FILE, problems), ...definedOnly(env) };

  const str = (name: string, def: string | null): string | null => {
    const v = src[name];
    return v === undefined || v === '' ? def : v;
  };
  const int = (name: string, def: number, min: number, max: number): number => {
    const raw = src[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}: must be an integer between ${min} and ${max} (got "${raw}")`);
      return def;
    }
    return n;
  };
  const bool = (name: string, def: boolean): boolean => {
    const raw = src[name];
    if (raw === undefined || raw === '') return def;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    problems.push(`${name}: must be true or false (got "${raw}")`);
    return def;
  };
  const oneOf = <T extends string>(name: string, def: T, allowed: readonly T[]): T => {
    const raw = src[name];
    if (raw === undefined || raw === '') return def;
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name}: must be one of ${allowed.join(', ')} (got "${raw}")`);
      return def;
    }
    return raw as T;
  };
  const url = (name: string, def: string | null, protocols: string[]): string | null => {
    const raw = str(name, def);
    if (raw === null) return null;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) {
        problems.push(`${name}: protocol must be one of ${protocols.join(', ')}`);
      }
    } catch {
      problems.push(`${name}: not a valid URL`);
    }
    return raw;
  };

  const nodeEnv = oneOf('NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  const port = int('PORT', 3000, 0, 65535);
  const host = str('HOST', '0.0.0.0') ?? '0.0.0.0';
  const publicUrl =
    url('PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:']) ??
    `http://localhost:${port}`;
  const dataDir = path.resolve(str('SIMPUL_DATA_DIR', './data') ?? './data');
  const secureDefault = publicUrl.startsWith('https:');
  const sessionSecret = str('SESSION_SECRET', null);

  const config: Config = {
    env: nodeEnv,
    host,
    port,
    publicUrl: publicUrl.replace(/\/+$/, ''),
    dataDir,
    databaseUrl: url('DATABASE_URL', null, ['postgres:', 'postgresql:']),
    databaseAppUrl: url('DATABASE_APP_URL', null, ['postgres:', 'postgresql:']),
    databaseReplicaUrl: url('DATABASE_REPLICA_URL', null, ['postgres:', 'postgresql:']),
    dbPoolSize: int('DB_POOL_SIZE', 10, 1, 500),
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    sessionSecret,
    cookieSecure: bool('COOKIE_SECURE', secureDefault),
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int('SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 30),
    trustProxy: bool('TRUST_PROXY', false),
    logLevel: oneOf('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ] as const),
    rateLimitPerMinute: int('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    loginRateLimitPerMinute: int('LOGIN_RATE_LIMIT_PER_MINUTE', 30, 1, 1_000_000),
    filesDir: path.resolve(str('FILES_DIR', path.join(dataDir, 'files')) ?? ''),
    maxUploadBytes: int('MAX_UPLOAD_BYTES', 25 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    smtpUrl: url('SMTP_URL', null, ['smtp:', 'smtps:']),
    mailFrom: str('MAIL_FROM', 'Simpul <no-reply@simpul.example>') ?? '',
    defaultTenantCode: str('DEFAULT_TENANT', null),
    jobsEnabled: bool('JOBS_ENABLED', true),
    ssoAllowPrivateNetworks: bool('SSO_ALLOW_PRIVATE_NETWORKS', true),
    serveWeb: bool('SERVE_WEB', true),
    metricsToken: str('METRICS_TOKEN', null),
    firstTenant: null,
  };

  const tenantCode = str('SIMPUL_TENANT_CODE', null);
  if (tenantCode !== null) {
    if (!/^\d{2}(\.\d{2}){0,2}$/.test(tenantCode)) {
      problems.push('SIMPUL_TENANT_CODE: must be a Kemendagri region code such as 33.25');
    }
    const tenantName = str('SIMPUL_TENANT_NAME', null);
    if (!tenantName) problems.push('SIMPUL_TENANT_NAME: required with SIMPUL_TENANT_CODE');
    config.firstTenant = {
      code: tenantCode,
      name: tenantName ?? '',
      kind: oneOf('SIMPUL_TENANT_KIND', 'kabupaten', ['kabupaten', 'kota', 'provinsi'] as const),
      domain: str('SIMPUL_TENANT_DOMAIN', null),
      adminUsername: str('SIMPUL_ADMIN_USERNAME', 'admin') ?? 'admin',
      adminPassword: str('SIMPUL_ADMIN_PASSWORD', null),
    };
  }

  if (sessionSecret !== null && sessionSecret.length < 32) {
    problems.push('SESSION_SECRET: must be at least 32 characters');
  }
  if (config.metricsToken !== null && config.metricsToken.length < 16) {
    problems.push('METRICS_TOKEN: must be at least 16 characters');
  }
  if (config.env === 'production') {
    if (!sessionSecret) problems.push('SESSION_SECRET: required in production');
    if (!config.publicUrl.startsWith('https:')) {
      problems.push('PUBLIC_URL: must be https:// in production (TLS in front of Simpul)');
    }
    if (!config.cookieSecure) {
      problems.push('COOKIE_SECURE: must not be false in production (cookies over plain HTTP)');
    }
    if (config.logLevel === 'trace' || config.logLevel === 'debug') {
      problems.push(
        'LOG_LEVEL: debug and trace may log personal data; use info or higher in production',
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function definedOnly(env: Source): Source {
  const out: Source = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
