/**
 * Accessibility sweep (axe-core: serious and critical violations fail) of the identity pages and
 * the console pages of the shell, account, settings and audit areas, in Indonesian and English,
 * signed in as an ICT administrator (who first has to enrol a second factor, as the default
 * tenant MFA policy demands; those screens are checked too).
 *
 *   npx vite build --config web/vite.config.ts
 *   node --import tsx --test test/e2e/console-a11y.e2e.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  createTestUser,
  launchBrowser,
  newPage,
  runAxe,
  startBrowserTestServer,
  type BrowserTestServer,
  type TestUser,
} from '../support/browser.js';
import { totpCode } from '../support/totp.js';

const TIMEOUT = 180_000;
type Lang = 'id' | 'en';

let server: BrowserTestServer;
let browser: Browser;
let admin: TestUser;

before(async () => {
  server = await startBrowserTestServer();
  browser = await launchBrowser();
  admin = await createTestUser(server, ['ict_admin'], { displayName: 'Admin TIK Aksesibel' });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Headings of each page, literal on purpose: a missing translation should fail the test. */
const HEADINGS: Record<string, Record<Lang, string>> = {
  '/login': { id: 'Masuk petugas', en: 'Staff sign-in' },
  '/forgot-password': { id: 'Lupa kata sandi', en: 'Forgot your password' },
  '/reset-password?token=abc': { id: 'Buat kata sandi baru', en: 'Choose a new password' },
  '/reset-password': { id: 'Buat kata sandi baru', en: 'Choose a new password' },
  '/interaction/unknown-uid': { id: 'Masuk ke aplikasi', en: 'Sign in to an application' },
  '/no-such-page': { id: 'Halaman tidak ditemukan', en: 'Page not found' },
  '/console': {
    id: `Selamat datang, ${'Admin TIK Aksesibel'}`,
    en: `Welcome, ${'Admin TIK Aksesibel'}`,
  },
  '/console/account': { id: 'Profil saya', en: 'My profile' },
  '/console/account/password': { id: 'Ganti kata sandi', en: 'Change password' },
  '/console/account/security': { id: 'Verifikasi dua langkah', en: 'Two-step verification' },
  '/console/account/sessions': { id: 'Sesi masuk', en: 'Signed-in sessions' },
  '/console/settings': { id: 'Pengaturan instansi', en: 'Organisation settings' },
  '/console/audit': { id: 'Jejak audit', en: 'Audit trail' },
  '/console/no-such-page': { id: 'Halaman tidak ditemukan', en: 'Page not found' },
};

const INTERACTION_STATES = [
  { prompt: 'login', signedIn: false, button: { id: 'Masuk', en: 'Sign in' } },
  { prompt: 'login', signedIn: true, button: { id: 'Lanjutkan', en: 'Continue' } },
  { prompt: 'consent', signedIn: true, button: { id: 'Izinkan', en: 'Allow' } },
] as const;

const PUBLIC_PAGES = [
  '/login',
  '/forgot-password',
  '/reset-password?token=abc',
  '/reset-password',
  '/interaction/unknown-uid',
  '/no-such-page',
];
const CONSOLE_PAGES = [
  '/console',
  '/console/account',
  '/console/account/password',
  '/console/account/security',
  '/console/account/sessions',
  '/console/settings',
  '/console/audit',
  '/console/no-such-page',
];

async function ready(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  await page.getByTestId('page-loader').first().waitFor({ state: 'detached' });
}

/** Waits until a popover or dialog has finished fading in (axe measures colours as shown). */
async function settled(page: Page, selector: string): Promise<void> {
  // The overlay and the dropdown fade in with CSS transitions; wait for every one to end.
  await page.waitForFunction(`(() => {
    const el = document.querySelector(${JSON.stringify(selector)});
    if (el === null || getComputedStyle(el).opacity !== '1') return false;
    return document.getAnimations().every((a) => a.playState !== 'running');
  })()`);
}

async function assertAccessible(page: Page, label: string, lang: Lang): Promise<void> {
  assert.equal(await page.locator('html').getAttribute('lang'), lang, `${label}: html lang`);
  assert.equal(await page.locator('h1').count(), 1, `${label}: exactly one h1`);
  assert.equal(await page.getByRole('main').count(), 1, `${label}: one main landmark`);
  const violations = await runAxe(page);
  assert.deepEqual(
    violations,
    [],
    `${label}: serious/critical axe violations\n${JSON.stringify(violations, null, 2)}`,
  );
}

async function visit(page: Page, path: string, lang: Lang): Promise<void> {
  await page.goto(path);
  const heading = HEADINGS[path]?.[lang];
  assert.ok(heading, `no heading listed for ${path}`);
  await ready(page, heading);
  await assertAccessible(page, `${path} (${lang})`, lang);
}

async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.evaluate(`localStorage.setItem('simpul.language', ${JSON.stringify(lang)})`);
}

describe('console accessibility', { concurrency: false }, () => {
  for (const lang of ['id', 'en'] as const) {
    test(`identity pages, signed out (${lang})`, { timeout: TIMEOUT }, async () => {
      const page = await newPage(browser, { language: lang, baseURL: server.url });
      try {
        for (const path of PUBLIC_PAGES) await visit(page, path, lang);

        // The sign-in error state.
        await page.goto('/login');
        await ready(page, HEADINGS['/login']![lang]);
        const login = page.getByLabel(lang === 'id' ? /^Nama pengguna/ : /^Username/);
        await login.fill('tidak-ada');
        await page
          .getByLabel(lang === 'id' ? /^Kata sandi( \*)?$/ : /^Password( \*)?$/)
          .fill('salah sekali');
        await page
          .getByRole('button', { name: lang === 'id' ? 'Masuk' : 'Sign in', exact: true })
          .click();
        await page.getByRole('alert').waitFor();
        await assertAccessible(page, `/login error (${lang})`, lang);

        // The second step, as the server asks for it (answer stubbed: no account needed).
        await page.route('**/api/auth/login', (route) =>
          route.fulfill({
            status: 200,
            contentType: 'application/json',
            body: JSON.stringify({
              status: 'mfa_required',
              flow: 'stub-flow',
              methods: ['totp', 'webauthn', 'recovery'],
              expiresAt: new Date(Date.now() + 300_000).toISOString(),
            }),
          }),
        );
        await page
          .getByRole('button', { name: lang === 'id' ? 'Masuk' : 'Sign in', exact: true })
          .click();
        await page
          .getByRole('heading', {
            level: 2,
            name: lang === 'id' ? 'Verifikasi dua langkah' : 'Two-step verification',
          })
          .waitFor();
        await assertAccessible(page, `/login second step (${lang})`, lang);
        await page.unroute('**/api/auth/login');

        // The OIDC interaction page in its three states (details stubbed).
        for (const state of INTERACTION_STATES) {
          await page.route('**/interaction/stub-uid/details', (route) =>
            route.fulfill({
              status: 200,
              contentType: 'application/json',
              body: JSON.stringify({
                uid: 'stub-uid',
                client: { clientId: 'simpeg', name: 'SIMPEG Kabupaten' },
                scopes: ['openid', 'profile', 'email', 'simpul:org'],
                claims: ['sub', 'name', 'preferred_username', 'email', 'nip', 'agency'],
                user: state.signedIn ? { username: 'dewi' } : null,
                ...state,
              }),
            }),
          );
          await page.goto('/interaction/stub-uid');
          await ready(
            page,
            lang === 'id' ? 'Masuk ke SIMPEG Kabupaten' : 'Sign in to SIMPEG Kabupaten',
          );
          await page.getByRole('button', { name: state.button[lang], exact: true }).waitFor();
          await assertAccessible(
            page,
            `interaction ${state.prompt}/${state.signedIn} (${lang})`,
            lang,
          );
          await page.unroute('**/interaction/stub-uid/details');
        }
      } finally {
        await page.context().close();
      }
    });
  }

  test(
    'MFA enrolment and every console page, in both languages',
    { timeout: TIMEOUT },
    async () => {
      const page = await newPage(browser, { language: 'id', baseURL: server.url });
      try {
        await page.goto('/login');
        await page.getByLabel(/^Nama pengguna/).fill(admin.username);
        await page.getByLabel(/^Kata sandi( \*)?$/).fill(admin.password);
        await page.getByRole('button', { name: 'Masuk', exact: true }).click();

        // Forced enrolment (the default policy requires MFA for ICT administrators).
        await page.waitForURL((url) => url.pathname === '/console/account/security');
        await ready(page, 'Verifikasi dua langkah');
        await assertAccessible(page, 'forced enrolment (id)', 'id');

        await page.getByRole('button', { name: 'Siapkan aplikasi autentikator' }).click();
        const secretBox = page.getByTestId('totp-secret');
        await secretBox.waitFor();
        await assertAccessible(page, 'TOTP setup (id)', 'id');
        const secret = (await secretBox.innerText()).replace(/\s+/g, '');
        await page.getByLabel(/^Kode dari aplikasi( \*)?$/).fill(totpCode(secret));
        await page.getByRole('button', { name: 'Aktifkan', exact: true }).click();
        await page.getByTestId('recovery-codes').waitFor();
        await assertAccessible(page, 'recovery codes (id)', 'id');
        await page.getByRole('button', { name: 'Sudah saya simpan' }).click();

        for (const lang of ['id', 'en'] as const) {
          await setLanguage(page, lang);
          for (const path of CONSOLE_PAGES) await visit(page, path, lang);

          // The audit record dialog and the user menu.
          await page.goto('/console/audit');
          await ready(page, HEADINGS['/console/audit']![lang]);
          await page
            .getByRole('button', {
              name: lang === 'id' ? /^Rincian catatan/ : /^Details of record/,
            })
            .first()
            .click();
          await page.getByRole('dialog').waitFor();
          await settled(page, '[role="dialog"]');
          await assertAccessible(page, `audit record dialog (${lang})`, lang);
          await page.keyboard.press('Escape');
          await page.getByRole('dialog').waitFor({ state: 'detached' });

          await page
            .getByRole('button', { name: lang === 'id' ? /^Menu akun/ : /^Account menu/ })
            .click();
          await page.getByRole('menu').waitFor();
          await settled(page, '[role="menu"]');
          await assertAccessible(page, `user menu (${lang})`, lang);
          await page.keyboard.press('Escape');
        }

        // Phone size, drawer open.
        await page.setViewportSize({ width: 375, height: 740 });
        await page.goto('/console');
        await ready(page, HEADINGS['/console']!.en);
        await page.getByRole('button', { name: 'Open navigation menu' }).click();
        await page
          .getByRole('navigation', { name: 'Console navigation' })
          .getByRole('link', { name: 'Audit trail' })
          .waitFor({ state: 'visible' });
        await assertAccessible(page, 'phone drawer (en)', 'en');
      } finally {
        await page.context().close();
      }
    },
  );
});
