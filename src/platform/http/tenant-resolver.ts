import type { Database } from '../db/database.js';
import type { TenantInfo } from '../context.js';

interface TenantRecord extends TenantInfo {
  officialDomain: string | null;
  logoUrl: string | null;
  hostnames: string[];
  isDefault: boolean;
}

const TTL_MS = 30_000;
const MISS_RELOAD_MS = 1_000;

/**
 * Resolves the tenant from the request's host name: an exact match in a tenant's host names or
 * official domain, else the default tenant of a single-tenant install. A short cache keeps this
 * off the hot path; it holds nothing another node needs (every node reads the same table).
 */
export class TenantResolver {
  private cache: { at: number; list: TenantRecord[] } | null = null;
  private loading: Promise<TenantRecord[]> | null = null;

  constructor(
    private readonly database: Database,
    private readonly defaultCode: string | null,
  ) {}

  private async load(maxAgeMs = TTL_MS): Promise<TenantRecord[]> {
    if (this.cache && Date.now() - this.cache.at < maxAgeMs) return this.cache.list;
    this.loading ??= this.database.pool
      .query(
        `SELECT id, code, name, kind, time_zone, official_domain, logo_url, hostnames, is_default
           FROM tenants ORDER BY code`,
      )
      .then((r) => {
        const list = r.rows.map((row) => ({
          id: row.id as string,
          code: row.code as string,
          name: row.name as string,
          kind: row.kind as string,
          timeZone: row.time_zone as string,
          officialDomain: (row.official_domain as string | null)?.toLowerCase() ?? null,
          logoUrl: row.logo_url as string | null,
          hostnames: (row.hostnames as string[]).map((h) => h.toLowerCase()),
          isDefault: row.is_default as boolean,
        }));
        this.cache = { at: Date.now(), list };
        return list;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  async resolveFull(hostname: string): Promise<TenantRecord | null> {
    const host = hostname.toLowerCase().replace(/:\d+$/, '');
    const byHost = (list: TenantRecord[]) =>
      list.find((t) => t.hostnames.includes(host) || t.officialDomain === host);
    let list = await this.load();
    let found = byHost(list);
    if (!found) {
      // A host no cached tenant claims may belong to a tenant created a moment ago: look again,
      // at most once a second.
      list = await this.load(MISS_RELOAD_MS);
      found = byHost(list);
    }
    return (
      found ??
      list.find((t) => (this.defaultCode ? t.code === this.defaultCode : t.isDefault)) ??
      (list.length === 1 ? list[0]! : null)
    );
  }

  async resolve(hostname: string): Promise<TenantInfo | null> {
    const t = await this.resolveFull(hostname);
    return t ? { id: t.id, code: t.code, name: t.name, kind: t.kind, timeZone: t.timeZone } : null;
  }

  clear(): void {
    this.cache = null;
  }
}
