/**
 * Shared helpers for browser tests: Chromium (the system one, never a downloaded build), a page
 * in a chosen UI language, an axe-core scan, and a test server whose database the test can use
 * to create users.
 *
 *   const browser = await launchBrowser();
 *   const page = await newPage(browser, { language: 'en', baseURL: server.url });
 *   assert.deepEqual(await runAxe(page), []);
 *   await page.context().close();
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path, { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLogger } from '../../src/platform/logger.js';
import { loadConfig } from '../../src/platform/config/config.js';
import { buildApp } from '../../src/platform/http/app.js';
import { FsStorage } from '../../src/platform/files/storage.js';
import { WEB_DIST_DIR } from '../../src/platform/paths.js';
import type { Database } from '../../src/platform/db/database.js';
import { MODULES } from '../../src/modules/index.js';
import { asSystem, createTenant } from '../../src/modules/tenancy/tenancy.service.js';
import type { TenantRow } from '../../src/modules/tenancy/db/schema.js';
import * as identity from '../../src/modules/identity/identity.service.js';
import { createTestDatabase } from './db.js';
import { TEST_SESSION_SECRET } from './secret.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const AXE_PATH = join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds dist/web once when nobody has yet (the server serves the built app). */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(join(REPO_ROOT, 'dist', 'web', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(REPO_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

/** Headless system Chromium (/usr/bin/chromium). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

export interface NewPageOptions {
  /** UI language stored before the app boots (default `id`). */
  language?: 'id' | 'en';
  /** Relative `page.goto('/login')` resolves against this. */
  baseURL?: string;
  viewport?: { width: number; height: number };
  /** axe is injected as a script, which the server's CSP would block (default true). */
  bypassCSP?: boolean;
}

/** A page in a fresh context (own cookies and storage); close it with `page.context().close()`. */
export async function newPage(browser: Browser, options: NewPageOptions = {}): Promise<Page> {
  const language = options.language ?? 'id';
  const context = await browser.newContext({
    bypassCSP: options.bypassCSP ?? true,
    locale: language === 'id' ? 'id-ID' : 'en-GB',
    timezoneId: 'Asia/Jakarta',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    // No fade-ins: axe measures colours as they are on screen, mid-transition included.
    reducedMotion: 'reduce',
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
  });
  await context.addInitScript(`try {
    if (!localStorage.getItem('simpul.language')) localStorage.setItem('simpul.language', ${JSON.stringify(language)});
  } catch {}`);
  return context.newPage();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; html: string; failureSummary: string | undefined }[];
}

/** Runs axe-core on the page; returns only serious and critical violations. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    type Node = { target: unknown; html: string; failureSummary?: string };
    type Violation = { id: string; impact?: string | null; help: string; nodes: Node[] };
    const axe = (
      globalThis as unknown as { axe: { run: () => Promise<{ violations: Violation[] }> } }
    ).axe;
    const results = await axe.run();
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface BrowserTestServer {
  /** `http://localhost:<port>`: a host name, because WebAuthn refuses IP addresses. */
  url: string;
  database: Database;
  tenant: TenantRow;
  close(): Promise<void>;
}

/**
 * A real Simpul server on a random port over a fresh database, with the default tenant
 * (Kabupaten Batang) answering on 127.0.0.1 and localhost.
 */
export async function startBrowserTestServer(): Promise<BrowserTestServer> {
  await ensureWebBuild();
  const tdb = await createTestDatabase();
  const tenant = await createTenant(tdb.owner, {
    code: '33.25',
    name: 'Pemerintah Kabupaten Batang',
    kind: 'kabupaten',
    officialDomain: 'batangkab.go.id',
    hostnames: ['127.0.0.1', 'localhost'],
    isDefault: true,
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: tdb.ownerUrl,
    SESSION_SECRET: TEST_SESSION_SECRET,
    PORT: '0',
    HOST: '127.0.0.1',
    // A browser fetches every script and style through the same limiter; tests load many pages.
    RATE_LIMIT_PER_MINUTE: '100000',
  });
  const files = mkdtempSync(path.join(tmpdir(), 'simpul-files-'));
  const app = await buildApp({
    config,
    database: tdb.database,
    storage: new FsStorage(files),
    log: createLogger(config),
    modules: MODULES,
    webDir: WEB_DIST_DIR,
  });
  const listening = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
  return {
    url: `http://localhost:${listening.port}`,
    database: tdb.database,
    tenant,
    close: async () => {
      await app.close();
      await tdb.drop();
    },
  };
}

let userCounter = 0;

export interface TestUser {
  id: string;
  username: string;
  password: string;
  displayName: string;
}

/** A staff account with a known password and the given tenant-wide roles. */
export async function createTestUser(
  server: Pick<BrowserTestServer, 'database' | 'tenant'>,
  roles: string[],
  overrides: { username?: string; displayName?: string; email?: string } = {},
): Promise<TestUser> {
  userCounter += 1;
  const username = overrides.username ?? `staf${userCounter}${Date.now().toString(36)}`;
  const password = `Sandi-uji-yang-panjang-${userCounter}`;
  const displayName = overrides.displayName ?? `Staf Uji ${userCounter}`;
  return asSystem(server.database, server.tenant, async (ctx) => {
    const user = await identity.createUserUnchecked(ctx, {
      username,
      displayName,
      kind: 'external',
      password,
      ...(overrides.email ? { email: overrides.email } : {}),
    });
    for (const role of roles) await identity.assignRole(ctx, user.id, role, null);
    return { id: user.id, username, password, displayName };
  });
}
