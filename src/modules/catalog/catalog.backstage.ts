import { stringify } from 'yaml';
import { authorize } from '../../platform/auth/permissions.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Storage } from '../../platform/files/storage.js';
import * as org from '../org/org.service.js';
import { ensureReferenceCodes } from './catalog.reference.js';
import { safeFilename } from './catalog.exchange.js';
import * as repo from './db/exchange.repository.js';
import type {
  ApplicationApiRow,
  ApplicationRow,
  DataAssetRow,
  InfrastructureRow,
  ServiceRow,
} from './db/schema.js';

/*
 * The registry as a Backstage software catalog (catalog-info.yaml, apiVersion
 * backstage.io/v1alpha1), so the regency's architecture opens in the tool most engineering
 * organisations use for theirs:
 *
 *   Group      one per agency (Perangkat Daerah): type `agency`, or `department` under a parent
 *   User       the agencies' ICT managers and the data stewards (Walidata) named in the registry
 *   Domain     the two RAL level-1 service domains: Layanan Publik (RAL.01) and Layanan
 *              Administrasi Pemerintahan (RAL.02); a service's domain follows its kind
 *   System     one per service (Layanan SPBE)
 *   Component  one per application; it belongs to the first service it supports
 *   API        one per application API (OpenAPI; the stored document as the definition)
 *   Resource   infrastructure items and data assets
 *
 * Only approved records are exported. Names are slugs of the record names, made unique per kind
 * in a stable order; annotations under simpul.go.id/ carry the registry ids and reference codes.
 */

export const ANNOTATION_PREFIX = 'simpul.go.id';
const API_VERSION = 'backstage.io/v1alpha1';
/** Backstage's object-name rule: 1-63 characters, letters/digits at both ends. */
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const MAX_NAME = 63;

export interface BackstageEntity {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    title?: string;
    description?: string;
    annotations?: Record<string, string>;
    links?: Array<{ url: string; title?: string }>;
    tags?: string[];
  };
  spec: Record<string, unknown>;
}

/**
 * A Backstage name from free text: ASCII letters and digits, words joined by single dashes,
 * at most 63 characters; `fallback` when nothing is left.
 */
export function slugify(value: string, fallback: string): string {
  const ascii = value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = ascii.slice(0, MAX_NAME).replace(/-+$/, '');
  return cut || fallback;
}

/** Hands out unique names per entity kind, deterministically (first come, first served). */
export class NameRegistry {
  private readonly taken = new Map<string, Set<string>>();

  claim(kind: string, wanted: string, fallback: string): string {
    const used = this.taken.get(kind) ?? new Set<string>();
    this.taken.set(kind, used);
    const base = slugify(wanted, fallback);
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `-${n}`;
      name = `${base.slice(0, MAX_NAME - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    if (!NAME.test(name)) throw new Error(`not a valid Backstage name: ${name}`);
    used.add(name.toLowerCase());
    return name;
  }
}

const LIFECYCLE: Record<ApplicationRow['lifecycle'], string> = {
  production: 'production',
  development: 'experimental',
  planned: 'experimental',
  retired: 'deprecated',
};

const INFRA_TYPE: Record<InfrastructureRow['kind'], string> = {
  data_center: 'data-center',
  recovery_center: 'recovery-center',
  room: 'room',
  rack: 'rack',
  server: 'server',
  virtual_machine: 'vm',
  network_device: 'network-device',
  cloud_service: 'cloud-service',
};

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

async function readText(storage: Storage, key: string): Promise<string | null> {
  try {
    if (!(await storage.has(key))) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.get(key)) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  } catch {
    return null;
  }
}

function annotations(values: Record<string, string | null | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v !== null && v !== undefined && v !== '') out[`${ANNOTATION_PREFIX}/${k}`] = v;
  }
  return out;
}

function byNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function describe(text: string | null | undefined): { description?: string } {
  return text ? { description: text } : {};
}

/** Builds every entity of the tenant's approved registry. */
export async function backstageEntities(ctx: Ctx, storage: Storage): Promise<BackstageEntity[]> {
  await ensureReferenceCodes(ctx);
  const names = new NameRegistry();
  const entities: BackstageEntity[] = [];

  // Groups: the agencies, parents before children so names are stable.
  const agencyList = await org.agencyDirectory(ctx); // ordered by code
  const groupName = new Map<string, string>();
  for (const a of agencyList) groupName.set(a.id, names.claim('group', a.code, `agency-${a.id}`));
  for (const a of agencyList) {
    const parent = a.parentId ? groupName.get(a.parentId) : undefined;
    const children = agencyList.filter((c) => c.parentId === a.id).map((c) => groupName.get(c.id)!);
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Group',
      metadata: {
        name: groupName.get(a.id)!,
        title: a.name,
        annotations: annotations({ 'agency-id': a.id, 'agency-code': a.code }),
      },
      spec: {
        type: parent ? 'department' : 'agency',
        profile: { displayName: a.name },
        ...(parent ? { parent: `group:${parent}` } : {}),
        children: children.map((c) => `group:${c}`),
      },
    });
  }
  const owner = (agencyId: string) => {
    const g = groupName.get(agencyId);
    return g ? `group:${g}` : 'group:unknown';
  };

  const services = (await repo.recordsOfKind(ctx.tx, 'service', {
    approvedOnly: true,
  })) as ServiceRow[];
  const applications = (await repo.recordsOfKind(ctx.tx, 'application', {
    approvedOnly: true,
  })) as ApplicationRow[];
  const infra = (await repo.recordsOfKind(ctx.tx, 'infrastructure', {
    approvedOnly: true,
  })) as InfrastructureRow[];
  const dataAssets = (await repo.recordsOfKind(ctx.tx, 'data_asset', {
    approvedOnly: true,
  })) as DataAssetRow[];
  // Names are handed out in code-point order of the record names (then ids): independent of
  // the database collation, so the same registry always exports the same names.
  for (const list of [services, applications, infra, dataAssets] as Array<
    Array<{ name: string; id: string }>
  >)
    list.sort(byNameThenId);
  const apis = (await repo.allApis(ctx.tx)) as ApplicationApiRow[];
  const relations = await repo.allRelations(ctx.tx);

  // Users: the ICT managers in office and the data stewards.
  const people = new Map<string, { name: string; agencyId: string; roles: Set<string> }>();
  for (const m of await org.activeIctManagers(ctx)) {
    const p = people.get(m.employeeId) ?? {
      name: m.employeeName ?? 'ICT manager',
      agencyId: m.agencyId,
      roles: new Set<string>(),
    };
    p.roles.add('ict-manager');
    people.set(m.employeeId, p);
  }
  for (const d of dataAssets) {
    if (!d.stewardEmployeeId) continue;
    let p = people.get(d.stewardEmployeeId);
    if (!p) {
      const e = await org.findEmployee(ctx, d.stewardEmployeeId);
      if (!e) continue;
      p = { name: e.name, agencyId: e.agencyId, roles: new Set<string>() };
      people.set(d.stewardEmployeeId, p);
    }
    p.roles.add('data-steward');
  }
  const userName = new Map<string, string>();
  const peopleSorted = [...people.entries()].sort(
    (a, b) =>
      (a[1].name < b[1].name ? -1 : a[1].name > b[1].name ? 1 : 0) || (a[0] < b[0] ? -1 : 1),
  );
  for (const [employeeId, p] of peopleSorted) {
    const name = names.claim('user', p.name, `employee-${employeeId}`);
    userName.set(employeeId, name);
    entities.push({
      apiVersion: API_VERSION,
      kind: 'User',
      metadata: {
        name,
        title: p.name,
        annotations: annotations({
          'employee-id': employeeId,
          roles: [...p.roles].sort().join(','),
        }),
      },
      spec: {
        profile: { displayName: p.name },
        memberOf: groupName.has(p.agencyId) ? [owner(p.agencyId)] : [],
      },
    });
  }

  // Domains: RAL level 1, named from the tenant's current RAL code set.
  const ralSet = await repo.currentCodeSet(ctx.tx, 'RAL');
  const ralNames = new Map(
    ralSet
      ? (await repo.codesIn(ctx.tx, ralSet.id, ['RAL.01', 'RAL.02'])).map((c) => [c.code, c.name])
      : [],
  );
  // The ICT office owns the domains (any agency when none is marked; no domains without agencies).
  const domainOwner = agencyList.find((a) => a.isIctOffice) ?? agencyList[0];
  const domainOf: Record<ServiceRow['kind'], { code: string; name: string; fallback: string }> = {
    public: { code: 'RAL.01', name: '', fallback: 'Layanan Publik' },
    administrative: { code: 'RAL.02', name: '', fallback: 'Layanan Administrasi Pemerintahan' },
  };
  for (const d of domainOwner ? Object.values(domainOf) : []) {
    const title = ralNames.get(d.code) ?? d.fallback;
    d.name = names.claim('domain', title, d.code.toLowerCase());
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Domain',
      metadata: {
        name: d.name,
        title,
        annotations: annotations({ 'ref-code': d.code }),
      },
      spec: { owner: owner(domainOwner!.id) },
    });
  }

  // Systems: services.
  const systemName = new Map<string, string>();
  for (const s of services) {
    const name = names.claim('system', s.name, `service-${s.id}`);
    systemName.set(s.id, name);
    entities.push({
      apiVersion: API_VERSION,
      kind: 'System',
      metadata: {
        name,
        title: s.name,
        ...describe(s.description),
        annotations: annotations({
          'record-id': s.id,
          'record-kind': 'service',
          'ref-code': s.refCode,
          'ref-code-set-id': s.refCodeSetId,
        }),
        tags: [s.kind, s.status],
      },
      spec: {
        owner: owner(s.agencyId),
        domain: `domain:${domainOf[s.kind].name}`,
      },
    });
  }

  // Resources: infrastructure, then data assets (one name space: kind Resource).
  const resourceName = new Map<string, string>();
  for (const i of infra) resourceName.set(i.id, names.claim('resource', i.name, `infra-${i.id}`));
  for (const d of dataAssets)
    resourceName.set(d.id, names.claim('resource', d.name, `data-${d.id}`));
  const componentName = new Map<string, string>();
  for (const a of applications)
    componentName.set(a.id, names.claim('component', a.name, `application-${a.id}`));
  const apiName = new Map<string, string>();
  const appById = new Map(applications.map((a) => [a.id, a]));
  const exportedApis = apis.filter((api) => appById.has(api.applicationId));
  for (const api of exportedApis) {
    const app = appById.get(api.applicationId)!;
    apiName.set(
      api.id,
      names.claim('api', `${app.name} ${api.name} ${api.version}`, `api-${api.id}`),
    );
  }

  // Relations between exported records only.
  const dependsOn = new Map<string, Set<string>>();
  const dependencyOf = new Map<string, Set<string>>();
  const consumes = new Map<string, Set<string>>();
  const systemOf = new Map<string, string>();
  const push = (m: Map<string, Set<string>>, k: string, v: string) => {
    const set = m.get(k) ?? new Set<string>();
    set.add(v);
    m.set(k, set);
  };
  for (const r of relations) {
    const fromApp = componentName.get(r.fromId);
    if (r.type === 'supports' && fromApp && systemName.has(r.toId) && !systemOf.has(r.fromId))
      systemOf.set(r.fromId, systemName.get(r.toId)!);
    if (
      (r.type === 'runs_on' || r.type === 'reads' || r.type === 'writes') &&
      resourceName.has(r.toId)
    ) {
      const target = `resource:${resourceName.get(r.toId)}`;
      if (fromApp) {
        push(dependsOn, r.fromId, target);
        push(dependencyOf, r.toId, `component:${fromApp}`);
      } else if (resourceName.has(r.fromId)) {
        push(dependsOn, r.fromId, target);
        push(dependencyOf, r.toId, `resource:${resourceName.get(r.fromId)}`);
      }
    }
    if (r.type === 'calls' && fromApp && componentName.has(r.toId)) {
      if (r.apiId && apiName.has(r.apiId)) push(consumes, r.fromId, `api:${apiName.get(r.apiId)}`);
      else push(dependsOn, r.fromId, `component:${componentName.get(r.toId)}`);
    }
  }
  // A virtual machine depends on its server, a server on its rack, and so on.
  for (const i of infra) {
    if (i.parentId && resourceName.has(i.parentId)) {
      push(dependsOn, i.id, `resource:${resourceName.get(i.parentId)}`);
      push(dependencyOf, i.parentId, `resource:${resourceName.get(i.id)}`);
    }
  }
  const list = (m: Map<string, Set<string>>, k: string) => {
    const v = m.get(k);
    return v && v.size > 0 ? [...v].sort() : undefined;
  };

  for (const a of applications) {
    const provides = exportedApis.filter((api) => api.applicationId === a.id);
    const links = a.urls.filter(isHttpUrl).map((url) => ({ url, title: url }));
    if (a.repositoryUrl && isHttpUrl(a.repositoryUrl))
      links.push({ url: a.repositoryUrl, title: 'Repository' });
    const spec: Record<string, unknown> = {
      type: a.urls.length > 0 ? 'website' : 'service',
      lifecycle: LIFECYCLE[a.lifecycle],
      owner: owner(a.agencyId),
    };
    const system = systemOf.get(a.id);
    if (system) spec.system = `system:${system}`;
    const deps = list(dependsOn, a.id);
    if (deps) spec.dependsOn = deps;
    if (provides.length > 0)
      spec.providesApis = provides.map((api) => `api:${apiName.get(api.id)}`);
    const consumed = list(consumes, a.id);
    if (consumed) spec.consumesApis = consumed;
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Component',
      metadata: {
        name: componentName.get(a.id)!,
        title: a.name,
        ...describe(a.description),
        annotations: annotations({
          'record-id': a.id,
          'record-kind': 'application',
          'ref-code': a.refCode,
          'ref-code-set-id': a.refCodeSetId,
          'application-kind': a.kind,
          'security-class': a.securityClass,
          hosting: a.hosting,
          lifecycle: a.lifecycle,
        }),
        ...(links.length > 0 ? { links } : {}),
        tags: [a.kind, a.hosting.replace(/_/g, '-')],
      },
      spec,
    });
  }

  for (const api of exportedApis) {
    const app = appById.get(api.applicationId)!;
    const stored = api.openapiSha256 ? await readText(storage, api.openapiSha256) : null;
    const definition =
      stored ??
      (api.openapiUrl
        ? `# The OpenAPI document of ${api.name} ${api.version} is published at ${api.openapiUrl}\n`
        : `# No OpenAPI document has been registered for ${api.name} ${api.version} yet.\n`);
    const system = systemOf.get(app.id);
    entities.push({
      apiVersion: API_VERSION,
      kind: 'API',
      metadata: {
        name: apiName.get(api.id)!,
        title: `${app.name}: ${api.name} ${api.version}`,
        ...describe(api.description),
        annotations: annotations({
          'api-id': api.id,
          'record-id': app.id,
          'base-url': api.baseUrl,
          'openapi-url': api.openapiUrl,
        }),
      },
      spec: {
        type: 'openapi',
        lifecycle: LIFECYCLE[app.lifecycle],
        owner: owner(app.agencyId),
        ...(system ? { system: `system:${system}` } : {}),
        definition,
      },
    });
  }

  for (const i of infra) {
    const deps = list(dependsOn, i.id);
    const of = list(dependencyOf, i.id);
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Resource',
      metadata: {
        name: resourceName.get(i.id)!,
        title: i.name,
        ...describe(i.description),
        annotations: annotations({
          'record-id': i.id,
          'record-kind': 'infrastructure',
          'ref-code': i.refCode,
          'ref-code-set-id': i.refCodeSetId,
          location: i.location,
          country: i.country,
          'managing-agency-id': i.managingAgencyId,
        }),
      },
      spec: {
        type: INFRA_TYPE[i.kind],
        owner: owner(i.agencyId),
        ...(deps ? { dependsOn: deps } : {}),
        ...(of ? { dependencyOf: of } : {}),
      },
    });
  }

  for (const d of dataAssets) {
    const of = list(dependencyOf, d.id);
    const steward = d.stewardEmployeeId ? userName.get(d.stewardEmployeeId) : undefined;
    entities.push({
      apiVersion: API_VERSION,
      kind: 'Resource',
      metadata: {
        name: resourceName.get(d.id)!,
        title: d.name,
        ...describe(d.description),
        annotations: annotations({
          'record-id': d.id,
          'record-kind': 'data_asset',
          'ref-code': d.refCode,
          'ref-code-set-id': d.refCodeSetId,
          'database-group': d.databaseGroup,
          classification: d.classification,
          ...(steward ? { steward: `user:${steward}` } : {}),
        }),
        tags: [d.classification],
      },
      spec: {
        type: 'database',
        owner: owner(d.agencyId),
        ...(of ? { dependencyOf: of } : {}),
      },
    });
  }
  return entities;
}

/** The whole catalog as one multi-document YAML file. */
export async function exportBackstage(
  ctx: Ctx,
  storage: Storage,
): Promise<{ filename: string; body: Buffer; entities: number }> {
  authorize(ctx, 'catalog:export:read');
  const entities = await backstageEntities(ctx, storage);
  const header = `# Backstage catalog of ${ctx.tenant.name}, exported by Simpul.\n`;
  const yaml = entities.map((e) => stringify(e, { lineWidth: 0 })).join('---\n');
  await writeAudit(ctx.tx, ctx, {
    action: 'catalog.records.exported',
    data: { format: 'backstage', entities: entities.length },
  });
  return {
    filename: `${safeFilename(`catalog-info-${ctx.tenant.code}`)}.yaml`,
    body: Buffer.from(header + yaml, 'utf8'),
    entities: entities.length,
  };
}
