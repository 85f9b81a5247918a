/**
 * Browser test for the public landing page (web/): rendering in both languages, keyboard
 * language switching, the error state, and an axe-core accessibility scan.
 *
 * Runs against the real server (which serves dist/web and /api/public/site):
 *   node --import tsx --test test/e2e/landing.e2e.test.ts
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import { startTestServer } from '../support/server.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_INDEX = join(REPO_ROOT, 'dist', 'web', 'index.html');
const AXE_PATH = join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const TEST_TIMEOUT = 60_000;

/** Expected UI strings (kept literal on purpose: the test should notice a wrong translation). */
const STRINGS = {
  id: {
    languageLabel: 'Bahasa',
    linksHeading: 'Layanan dan informasi',
    errorTitle: 'Informasi situs tidak dapat dimuat',
    retry: 'Coba lagi',
  },
  en: {
    languageLabel: 'Language',
    linksHeading: 'Services and information',
  },
  languageOption: { id: 'Bahasa Indonesia', en: 'English' },
} as const;

interface AxeViolationSummary {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown; html: string; failureSummary: string | undefined }[];
}

let srv: { url: string; close(): Promise<void> } | undefined;
let browser: Browser | undefined;
let tenantName = '';

before(async () => {
  if (!existsSync(WEB_INDEX)) {
    // The server serves the built app; build it once if nobody has yet.
    const { build } = await import('vite');
    await build({ configFile: join(REPO_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' });
  }

  srv = await startTestServer();

  // Learn the seeded tenant from the real API, so the test does not hard-code fixture data.
  const res = await fetch(new URL('/api/public/site', srv.url), {
    headers: { Accept: 'application/json', 'Accept-Language': 'id' },
  });
  assert.equal(res.status, 200, 'GET /api/public/site should answer 200');
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  const body = (await res.json()) as { tenant?: { name?: unknown }; links?: unknown };
  const name = body.tenant?.name;
  assert.ok(typeof name === 'string' && name !== '', 'site.tenant.name must be a non-empty string');
  assert.ok(Array.isArray(body.links), 'site.links must be an array');
  tenantName = name;

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
});

after(async () => {
  await browser?.close();
  await srv?.close();
});

/**
 * A fresh context (empty localStorage) per test. axe is injected as an inline script, which a
 * strict Content-Security-Policy would block, so contexts that run axe bypass CSP.
 */
async function openContext(options: { bypassCSP: boolean }): Promise<BrowserContext> {
  assert.ok(browser, 'browser not started');
  return browser.newContext({
    bypassCSP: options.bypassCSP,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    viewport: { width: 1280, height: 900 },
  });
}

function baseUrl(): string {
  assert.ok(srv, 'server not started');
  return srv.url;
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

async function waitForHtmlLang(page: Page, lang: string): Promise<void> {
  await page.waitForFunction(`document.documentElement.lang === ${JSON.stringify(lang)}`);
}

async function waitForLanding(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: tenantName }).waitFor({ state: 'visible' });
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const node = el as unknown as { ownerDocument: { activeElement: unknown } };
    return node.ownerDocument.activeElement === node;
  });
}

/** Presses Tab until `target` has focus (fails after `maxTabs`). */
async function tabUntilFocused(page: Page, target: Locator, maxTabs = 25): Promise<void> {
  for (let i = 0; i < maxTabs; i += 1) {
    await page.keyboard.press('Tab');
    if (await isFocused(target)) return;
  }
  assert.fail(`could not reach the element with ${maxTabs} Tab presses`);
}

async function assertNoSeriousAxeViolations(page: Page, label: string): Promise<void> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    type AxeNode = { target: unknown; html: string; failureSummary?: string };
    type AxeViolation = {
      id: string;
      impact?: string | null;
      help: string;
      helpUrl: string;
      nodes: AxeNode[];
    };
    const axe = (
      globalThis as unknown as {
        axe: { run: () => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const results = await axe.run();
    return results.violations.map((v): AxeViolationSummary => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    }));
  });
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    serious,
    [],
    `axe found serious/critical violations (${label}):\n${JSON.stringify(serious, null, 2)}`,
  );
}

async function assertLandmarks(page: Page): Promise<void> {
  assert.equal(await page.getByRole('banner').count(), 1, 'one <header> landmark');
  assert.equal(await page.getByRole('main').count(), 1, 'one <main> landmark');
  assert.equal(await page.getByRole('contentinfo').count(), 1, 'one <footer> landmark');
  assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');
}

test(
  'boots under the server Content-Security-Policy without script errors',
  { timeout: TEST_TIMEOUT },
  async () => {
    const context = await openContext({ bypassCSP: false });
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('console', (msg) => {
        if (
          msg.type() === 'error' &&
          /Content[- ]Security[- ]Policy|Refused to/i.test(msg.text())
        ) {
          problems.push(`console: ${msg.text()}`);
        }
      });
      const response = await page.goto(baseUrl(), { waitUntil: 'load' });
      assert.equal(response?.status(), 200, 'GET / should serve the web app');
      await waitForLanding(page);
      assert.deepEqual(problems, [], `browser reported problems:\n${problems.join('\n')}`);
    } finally {
      await context.close();
    }
  },
);

test(
  'landing page defaults to Indonesian and is accessible',
  { timeout: TEST_TIMEOUT },
  async () => {
    const context = await openContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      const siteRequest = page.waitForRequest((req) => req.url().endsWith('/api/public/site'));
      await page.goto(baseUrl(), { waitUntil: 'load' });
      assert.equal((await siteRequest).headers()['accept-language'], 'id');
      await waitForLanding(page);

      assert.equal(await htmlLang(page), 'id');
      assert.ok(await page.getByRole('heading', { level: 1, name: tenantName }).isVisible());
      assert.ok(
        await page.getByRole('heading', { level: 2, name: STRINGS.id.linksHeading }).isVisible(),
        `Indonesian heading "${STRINGS.id.linksHeading}" should be visible`,
      );
      const switcher = page.getByRole('radiogroup', { name: STRINGS.id.languageLabel });
      assert.ok(await switcher.isVisible(), 'language switch labelled "Bahasa" should be visible');
      assert.ok(
        await switcher.getByRole('radio', { name: STRINGS.languageOption.id }).isChecked(),
        'Bahasa Indonesia should be selected by default',
      );
      await assertLandmarks(page);
      await assertNoSeriousAxeViolations(page, 'Indonesian landing page');
    } finally {
      await context.close();
    }
  },
);

test(
  'language switches to English with the keyboard and is remembered',
  { timeout: TEST_TIMEOUT },
  async () => {
    const context = await openContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto(baseUrl(), { waitUntil: 'load' });
      await waitForLanding(page);
      assert.equal(await htmlLang(page), 'id');

      const idOption = page.getByRole('radio', { name: STRINGS.languageOption.id });
      await tabUntilFocused(page, idOption);

      const refetch = page.waitForRequest((req) => req.url().endsWith('/api/public/site'));
      await page.keyboard.press('ArrowRight');
      await waitForHtmlLang(page, 'en');
      assert.equal(
        (await refetch).headers()['accept-language'],
        'en',
        'the API should be asked for English after switching',
      );

      await page
        .getByRole('heading', { level: 2, name: STRINGS.en.linksHeading })
        .waitFor({ state: 'visible' });
      assert.equal(await htmlLang(page), 'en');
      const switcher = page.getByRole('radiogroup', { name: STRINGS.en.languageLabel });
      assert.ok(
        await switcher.isVisible(),
        'language switch labelled "Language" should be visible',
      );
      assert.ok(await switcher.getByRole('radio', { name: STRINGS.languageOption.en }).isChecked());
      assert.ok(await page.getByRole('heading', { level: 1, name: tenantName }).isVisible());
      assert.equal(
        await page.getByText(STRINGS.id.linksHeading, { exact: true }).count(),
        0,
        'Indonesian heading should be gone',
      );
      await assertLandmarks(page);
      await assertNoSeriousAxeViolations(page, 'English landing page');

      // The choice survives a reload (localStorage) and is applied before the first paint of content.
      await page.reload({ waitUntil: 'load' });
      await waitForLanding(page);
      assert.equal(await htmlLang(page), 'en');
      assert.ok(
        await page.getByRole('heading', { level: 2, name: STRINGS.en.linksHeading }).isVisible(),
      );
    } finally {
      await context.close();
    }
  },
);

test(
  'shows an error alert with a working retry button when the API fails',
  { timeout: TEST_TIMEOUT },
  async () => {
    const context = await openContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      let failures = 0;
      await page.route('**/api/public/site', (route) => {
        failures += 1;
        return route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ error: 'Internal Server Error' }),
        });
      });
      await page.goto(baseUrl(), { waitUntil: 'load' });

      const alert = page.getByRole('alert').filter({ hasText: STRINGS.id.errorTitle });
      await alert.waitFor({ state: 'visible' });
      const retry = page.getByRole('button', { name: STRINGS.id.retry });
      assert.ok(await retry.isVisible(), 'retry button should be visible');
      assert.ok(failures >= 1);
      assert.equal(await page.locator('h1').count(), 1, 'exactly one h1 in the error state');
      await assertNoSeriousAxeViolations(page, 'error state');

      // Once the API recovers, Retry brings the landing page back.
      await page.unroute('**/api/public/site');
      await retry.click();
      await waitForLanding(page);
      assert.equal(
        await page.getByRole('alert').filter({ hasText: STRINGS.id.errorTitle }).count(),
        0,
      );
    } finally {
      await context.close();
    }
  },
);

test(
  'a fresh install without a regional government says how to set it up',
  { timeout: TEST_TIMEOUT },
  async () => {
    const context = await openContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.route('**/api/public/site', (route) =>
        route.fulfill({
          status: 404,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'platform.tenant_unknown', message: 'x', requestId: 'r' },
          }),
        }),
      );
      await page.goto(baseUrl(), { waitUntil: 'load' });
      const alert = page.getByRole('alert').filter({ hasText: 'Simpul belum disiapkan' });
      await alert.waitFor({ state: 'visible' });
      assert.ok(await page.getByText('npm run simpul -- setup').isVisible());
      await assertNoSeriousAxeViolations(page, 'not-set-up state');
    } finally {
      await context.close();
    }
  },
);
