/**
 * Browser test of the staff console's identity flows against the real server: password sign-in
 * (with `next`, a refused foreign `next`, wrong password, throttling), the navigation that only
 * lists what the user may open, TOTP enrolment forced by the tenant's MFA policy and sign-in
 * with a code computed here, a recovery code, passkeys with Chromium's virtual authenticator,
 * sign-out, and navigation on a phone-sized screen.
 *
 *   npx vite build --config web/vite.config.ts
 *   node --import tsx --test test/e2e/console-auth.e2e.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import {
  createTestUser,
  launchBrowser,
  newPage,
  startBrowserTestServer,
  type BrowserTestServer,
  type TestUser,
} from '../support/browser.js';
import { totpCode } from '../support/totp.js';

const TIMEOUT = 90_000;

/** Expected UI strings, literal on purpose: a wrong translation should fail the test. */
const S = {
  login: 'Nama pengguna, NIP, atau surel',
  password: 'Kata sandi',
  signIn: 'Masuk',
  withPasskey: 'Masuk dengan passkey',
  wrongPassword: 'Nama pengguna atau kata sandi salah.',
  mfaHeading: 'Verifikasi dua langkah',
  totpLabel: 'Kode dari aplikasi autentikator',
  verify: 'Verifikasi',
  useRecovery: 'Gunakan kode pemulihan',
  recoveryLabel: 'Kode pemulihan',
  usePasskey: 'Gunakan passkey',
  setUpTotp: 'Siapkan aplikasi autentikator',
  enrolCode: 'Kode dari aplikasi',
  turnOn: 'Aktifkan',
  savedCodes: 'Sudah saya simpan',
  toConsole: 'Lanjutkan',
  passkeyName: 'Nama passkey baru',
  addPasskey: 'Tambah passkey',
  signOut: 'Keluar',
  openMenu: 'Buka menu navigasi',
  nav: {
    audit: 'Jejak audit',
    settings: 'Pengaturan instansi',
    security: 'Verifikasi dua langkah',
  },
  sessionsHeading: 'Sesi masuk',
  currentSession: 'Sesi ini',
} as const;

let server: BrowserTestServer;
let browser: Browser;

before(async () => {
  server = await startBrowserTestServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function openPage(options: { phone?: boolean } = {}): Promise<Page> {
  return newPage(browser, {
    language: 'id',
    baseURL: server.url,
    ...(options.phone ? { viewport: { width: 375, height: 740 } } : {}),
  });
}

function welcome(user: TestUser): string {
  return `Selamat datang, ${user.displayName}`;
}

/** The form control labelled exactly `text` (Mantine appends " *" to required labels). */
function field(page: Page, text: string) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\*)?$`));
}

async function waitForHeading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ state: 'visible' });
}

async function fillPassword(page: Page, user: TestUser): Promise<void> {
  await field(page, S.login).fill(user.username);
  await field(page, S.password).fill(user.password);
  await page.getByRole('button', { name: S.signIn, exact: true }).click();
}

/** Signs in with the password on /login (optionally with ?next=) and waits for `landing`. */
async function signIn(page: Page, user: TestUser, landing = '/console', next?: string) {
  await page.goto(next === undefined ? '/login' : `/login?next=${encodeURIComponent(next)}`);
  await fillPassword(page, user);
  await page.waitForURL((url) => url.pathname === landing);
}

async function signOut(page: Page, user: TestUser): Promise<void> {
  await page.getByRole('button', { name: `Menu akun ${user.displayName}` }).click();
  await page.getByRole('menuitem', { name: S.signOut }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await field(page, S.login).waitFor({ state: 'visible' });
}

function navLink(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Navigasi konsol' }).getByRole('link', {
    name,
    exact: true,
  });
}

describe('console sign-in', { concurrency: false }, () => {
  test(
    'password sign-in honours a relative next, refuses a foreign one, and signs out',
    { timeout: TIMEOUT },
    async () => {
      const user = await createTestUser(server, ['auditor'], { displayName: 'Rina Auditor' });
      const page = await openPage();
      try {
        // Unauthenticated: the console sends the browser to sign-in with the way back.
        await page.goto('/console/account/sessions');
        await page.waitForURL(
          (url) =>
            url.pathname === '/login' &&
            url.searchParams.get('next') === '/console/account/sessions',
        );

        // A wrong password is explained in Indonesian, from the server's error code.
        await field(page, S.login).fill(user.username);
        await field(page, S.password).fill('bukan kata sandinya');
        await page.getByRole('button', { name: S.signIn, exact: true }).click();
        await page.getByRole('alert').filter({ hasText: S.wrongPassword }).waitFor();

        await field(page, S.password).fill(user.password);
        await page.getByRole('button', { name: S.signIn, exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/console/account/sessions');
        await waitForHeading(page, S.sessionsHeading);
        await page.getByText(S.currentSession, { exact: true }).waitFor();

        // The navbar lists what an auditor may open (audit trail, settings to read), nothing more.
        assert.equal(await navLink(page, S.nav.audit).count(), 1);
        assert.equal(await navLink(page, S.nav.settings).count(), 1);

        await signOut(page, user);
        // The session is gone on the server too: the console asks to sign in again.
        await page.goto('/console');
        await page.waitForURL((url) => url.pathname === '/login');

        // next=//host is another site: ignored, the console home is used instead.
        await signIn(page, user, '/console', '//evil.example/phish');
        await waitForHeading(page, welcome(user));
        await signOut(page, user);
      } finally {
        await page.context().close();
      }
    },
  );

  test('a user without roles sees no administration links', { timeout: TIMEOUT }, async () => {
    const user = await createTestUser(server, [], { displayName: 'Tamu Tanpa Peran' });
    const page = await openPage();
    try {
      await signIn(page, user);
      await waitForHeading(page, welcome(user));
      assert.equal(await navLink(page, S.nav.audit).count(), 0);
      assert.equal(await navLink(page, S.nav.settings).count(), 0);
      // Opening the page directly says access is denied instead of failing.
      await page.goto('/console/audit');
      await waitForHeading(page, 'Akses ditolak');
    } finally {
      await page.context().close();
    }
  });

  test('throttling shows the wait the server asks for', { timeout: TIMEOUT }, async () => {
    const page = await openPage();
    try {
      await page.route('**/api/auth/login', (route) =>
        route.fulfill({
          status: 429,
          contentType: 'application/json',
          headers: { 'retry-after': '42' },
          body: JSON.stringify({
            error: { code: 'identity.login_throttled', message: 'x', requestId: 'r' },
          }),
        }),
      );
      await page.goto('/login');
      await field(page, S.login).fill('siapa');
      await field(page, S.password).fill('apa saja');
      await page.getByRole('button', { name: S.signIn, exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Coba lagi dalam 42 detik' }).waitFor();
    } finally {
      await page.context().close();
    }
  });
});

describe('two-step verification', { concurrency: false }, () => {
  test(
    'the MFA policy forces TOTP enrolment; then a computed code and a recovery code sign in',
    { timeout: TIMEOUT },
    async () => {
      // The default policy requires a second factor for ICT administrators.
      const admin = await createTestUser(server, ['ict_admin'], { displayName: 'Admin TIK Uji' });
      const page = await openPage();
      try {
        await page.goto('/login');
        await fillPassword(page, admin);
        await page.waitForURL((url) => url.pathname === '/console/account/security');
        await waitForHeading(page, S.mfaHeading);
        // Until enrolled, the console offers nothing else and sends every page back here.
        assert.equal(await navLink(page, S.nav.audit).count(), 0);
        assert.equal(await navLink(page, S.nav.security).count(), 1);
        await page.goto('/console/audit');
        await page.waitForURL((url) => url.pathname === '/console/account/security');

        await page.getByRole('button', { name: S.setUpTotp }).click();
        const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
        assert.match(secret, /^[A-Z2-7]{16,}$/);
        await field(page, S.enrolCode).fill(totpCode(secret));
        await page.getByRole('button', { name: S.turnOn, exact: true }).click();

        const list = page.getByRole('list', { name: 'Kode pemulihan' });
        await list.waitFor();
        const codes = (await list.getByRole('listitem').allInnerTexts()).map((c) => c.trim());
        assert.equal(codes.length, 10);
        await page.getByRole('button', { name: S.savedCodes }).click();
        // Back to where the user was going before being sent to enrol.
        await page.getByRole('link', { name: S.toConsole, exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/console/audit');
        await page.goto('/console');
        await waitForHeading(page, welcome(admin));
        assert.equal(await navLink(page, S.nav.audit).count(), 1);
        await signOut(page, admin);

        // Password, then the code of the next 30-second step (the current one was just used).
        await fillPassword(page, admin);
        await page.getByRole('heading', { level: 2, name: S.mfaHeading }).waitFor();
        await field(page, S.totpLabel).fill(totpCode(secret, Date.now() + 30_000));
        await page.getByRole('button', { name: S.verify, exact: true }).click();
        await page.waitForURL((url) => url.pathname === '/console');
        await waitForHeading(page, welcome(admin));
        await signOut(page, admin);

        // A recovery code instead of the app.
        await fillPassword(page, admin);
        await page.getByRole('button', { name: S.useRecovery }).click();
        await field(page, S.recoveryLabel).fill(codes[0]!);
        await page.getByRole('button', { name: S.verify, exact: true }).click();
        await waitForHeading(page, welcome(admin));
        await signOut(page, admin);
      } finally {
        await page.context().close();
      }
    },
  );

  test(
    'a passkey is enrolled, then signs in alone and as a second step',
    { timeout: TIMEOUT },
    async () => {
      const user = await createTestUser(server, ['auditor'], { displayName: 'Budi Passkey' });
      const page = await openPage();
      try {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('WebAuthn.enable');
        await cdp.send('WebAuthn.addVirtualAuthenticator', {
          options: {
            protocol: 'ctap2',
            transport: 'internal',
            hasResidentKey: true,
            hasUserVerification: true,
            isUserVerified: true,
          },
        });

        await signIn(page, user, '/console/account/security', '/console/account/security');
        await waitForHeading(page, S.mfaHeading);
        await field(page, S.passkeyName).fill('Laptop uji');
        await page.getByRole('button', { name: S.addPasskey }).click();
        await page.getByRole('cell', { name: 'Laptop uji', exact: true }).waitFor();
        await signOut(page, user);

        // Discoverable credential: no username, no password.
        await page.getByRole('button', { name: S.withPasskey }).click();
        await page.waitForURL((url) => url.pathname === '/console');
        await waitForHeading(page, welcome(user));
        await signOut(page, user);

        // With the password, the passkey is now asked for as the second step.
        await fillPassword(page, user);
        await page.getByRole('heading', { level: 2, name: S.mfaHeading }).waitFor();
        await page.getByRole('button', { name: S.usePasskey, exact: true }).click();
        await waitForHeading(page, welcome(user));

        await page.goto('/console/account/sessions');
        await waitForHeading(page, S.sessionsHeading);
        await page.getByText(S.currentSession, { exact: true }).waitFor();
        await signOut(page, user);
      } finally {
        await page.context().close();
      }
    },
  );
});

describe('phone-sized screen', () => {
  test(
    'the navigation lives behind the burger and closes after choosing a page',
    { timeout: TIMEOUT },
    async () => {
      const user = await createTestUser(server, ['auditor'], { displayName: 'Sari Ponsel' });
      const page = await openPage({ phone: true });
      try {
        await signIn(page, user);
        await waitForHeading(page, welcome(user));
        const burger = page.getByRole('button', { name: S.openMenu });
        assert.ok(await burger.isVisible(), 'burger visible at 375 px');
        assert.equal(await burger.getAttribute('aria-expanded'), 'false');
        assert.ok(!(await navLink(page, S.nav.audit).isVisible()), 'drawer starts closed');

        await burger.click();
        await navLink(page, S.nav.audit).waitFor({ state: 'visible' });
        await navLink(page, S.nav.audit).click();
        await page.waitForURL((url) => url.pathname === '/console/audit');
        await waitForHeading(page, 'Jejak audit');
        await navLink(page, S.nav.audit).waitFor({ state: 'hidden' });
        assert.equal(
          await page.getByRole('button', { name: S.openMenu }).getAttribute('aria-expanded'),
          'false',
        );

        // The keyboard can open it too, and Escape closes it again.
        await page.getByRole('button', { name: S.openMenu }).focus();
        await page.keyboard.press('Enter');
        await navLink(page, S.nav.settings).waitFor({ state: 'visible' });
        await navLink(page, S.nav.settings).focus();
        await page.keyboard.press('Escape');
        await navLink(page, S.nav.settings).waitFor({ state: 'hidden' });

        await signOut(page, user);
      } finally {
        await page.context().close();
      }
    },
  );
});
