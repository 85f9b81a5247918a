/**
 * Browser test of the console's administration pages: tenant settings (edit and save, read-only
 * for an auditor) and the audit trail (filters, CSV link, chain verification badge, English).
 *
 *   npx vite build --config web/vite.config.ts
 *   node --import tsx --test test/e2e/console-admin.e2e.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { asSystem, updateSettings } from '../../src/modules/tenancy/tenancy.service.js';
import { verifyAndRecord } from '../../src/platform/audit/module.js';
import {
  createTestUser,
  launchBrowser,
  newPage,
  startBrowserTestServer,
  type BrowserTestServer,
  type TestUser,
} from '../support/browser.js';

const TIMEOUT = 90_000;

let server: BrowserTestServer;
let browser: Browser;
let admin: TestUser;
let auditor: TestUser;

before(async () => {
  server = await startBrowserTestServer();
  // Password-only sign-in here; the MFA policy itself is covered by console-auth.
  await asSystem(server.database, server.tenant, (ctx) =>
    updateSettings(ctx, { mfaPolicy: { requiredRoles: [] } }),
  );
  admin = await createTestUser(server, ['ict_admin'], { displayName: 'Admin Pengaturan' });
  auditor = await createTestUser(server, ['auditor'], { displayName: 'Auditor Pembaca' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, user: TestUser, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel(/^Nama pengguna/).fill(user.username);
  await page.getByLabel(/^Kata sandi( \*)?$/).fill(user.password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.waitForURL((url) => url.pathname === next);
}

async function ready(page: Page, heading: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
  await page.getByTestId('page-loader').first().waitFor({ state: 'detached' });
}

describe('administration pages', { concurrency: false }, () => {
  test(
    'an ICT admin changes the name, time zone, regulations and MFA policy',
    { timeout: TIMEOUT },
    async () => {
      const page = await newPage(browser, { language: 'id', baseURL: server.url });
      try {
        await signIn(page, admin, '/console/settings');
        await ready(page, 'Pengaturan instansi');
        const name = page.getByLabel(/^Nama pemerintah daerah/);
        assert.equal(await name.inputValue(), 'Pemerintah Kabupaten Batang');
        const save = page.getByRole('button', { name: 'Simpan', exact: true });
        assert.ok(await save.isDisabled(), 'nothing to save before a change');

        await name.fill('Pemerintah Kabupaten Batang (uji)');
        await page.getByRole('textbox', { name: 'Zona waktu' }).click();
        await page.getByRole('option', { name: /^WITA/ }).click();
        await page.getByRole('textbox', { name: 'Profil regulasi' }).click();
        await page.getByRole('option', { name: /Nomor 50 Tahun 2019/ }).click();
        await page.keyboard.press('Escape');
        await page.getByRole('checkbox', { name: 'Kepala Daerah' }).check();

        const patch = page.waitForRequest(
          (r) => r.url().endsWith('/api/tenancy/settings') && r.method() === 'PATCH',
        );
        await save.click();
        const body = (await patch).postDataJSON() as Record<string, unknown>;
        assert.deepEqual(Object.keys(body).sort(), [
          'mfaPolicy',
          'name',
          'regulationProfile',
          'timeZone',
        ]);
        assert.equal(body.timeZone, 'Asia/Makassar');
        await page.getByRole('status').filter({ hasText: 'Pengaturan tersimpan' }).waitFor();

        // The new name reaches the console header (the public site is refetched).
        await page
          .getByRole('banner')
          .getByText('Pemerintah Kabupaten Batang (uji)', { exact: true })
          .waitFor();

        // Saved on the server: a reload shows the stored values.
        await page.reload();
        await ready(page, 'Pengaturan instansi');
        assert.equal(
          await page.getByLabel(/^Nama pemerintah daerah/).inputValue(),
          'Pemerintah Kabupaten Batang (uji)',
        );
        assert.ok(await page.getByRole('checkbox', { name: 'Kepala Daerah' }).isChecked());
      } finally {
        await page.context().close();
      }
    },
  );

  test('an auditor may read the settings but not change them', { timeout: TIMEOUT }, async () => {
    const page = await newPage(browser, { language: 'id', baseURL: server.url });
    try {
      await signIn(page, auditor, '/console/settings');
      await ready(page, 'Pengaturan instansi');
      await page.getByText('Hanya baca', { exact: true }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Simpan', exact: true }).count(), 0);
      assert.ok(await page.getByRole('checkbox', { name: 'Auditor' }).isDisabled());
    } finally {
      await page.context().close();
    }
  });

  test(
    'the audit trail filters, exports and shows the chain verification',
    { timeout: TIMEOUT },
    async () => {
      await verifyAndRecord({ database: server.database }, server.tenant.id);
      const page = await newPage(browser, { language: 'en', baseURL: server.url });
      try {
        await page.goto('/login?next=%2Fconsole%2Faudit');
        await page.getByLabel(/^Username/).fill(auditor.username);
        await page.getByLabel(/^Password( \*)?$/).fill(auditor.password);
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await ready(page, 'Audit trail');

        const badge = page.getByTestId('audit-verification');
        await badge.waitFor();
        assert.equal((await badge.textContent())?.trim(), 'Chain intact');

        await page.getByLabel(/^Action/).fill('tenancy.*');
        const request = page.waitForRequest((r) => r.url().includes('/api/audit/events?'));
        await page.getByRole('button', { name: 'Apply', exact: true }).click();
        const url = new URL((await request).url());
        assert.equal(url.searchParams.get('action'), 'tenancy.*');
        await page.getByRole('cell', { name: 'tenancy.settings.updated' }).first().waitFor();
        assert.equal(
          await page.getByRole('cell', { name: /^identity\./ }).count(),
          0,
          'only tenancy events remain',
        );

        const csv = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
        assert.equal(csv, '/api/audit/events.csv?action=tenancy.*');
        const download = await page.request.get(csv!);
        assert.equal(download.status(), 200);
        assert.match(download.headers()['content-type'] ?? '', /text\/csv/);
        assert.match(await download.text(), /tenancy\.settings\.updated/);
      } finally {
        await page.context().close();
      }
    },
  );
});
