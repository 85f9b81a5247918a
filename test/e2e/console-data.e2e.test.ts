/**
 * Browser test for the console's data pages: organisation (agencies, units, employees, import),
 * users and roles, SSO clients. Signs in as an ICT administrator through the real sign-in page
 * and drives the pages with the keyboard and mouse; axe-core (serious/critical) on every page in
 * Indonesian and English, and a 375 px wide screen.
 *
 *   npx vite build --config web/vite.config.ts
 *   node --import tsx --test test/e2e/console-data.e2e.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { asSystem } from '../../src/modules/tenancy/tenancy.service.js';
import { updateSettings } from '../../src/modules/tenancy/tenancy.service.js';
import {
  createTestUser,
  launchBrowser,
  newPage,
  runAxe,
  startBrowserTestServer,
  type BrowserTestServer,
  type TestUser,
} from '../support/browser.js';
import { makeNip } from '../support/factories.js';

const TIMEOUT = 90_000;

let server: BrowserTestServer;
let browser: Browser;
let admin: TestUser;
let page: Page;
/** One line per axe violation: rule, impact and the offending elements. */
function summarise(violations: Awaited<ReturnType<typeof runAxe>>): string[] {
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`,
  );
}

/** Pages visited, for the accessibility sweep at the end. */
const visited = new Set<string>();

async function waitForPage(p: Page, heading: string | RegExp): Promise<void> {
  await p.getByRole('heading', { level: 1, name: heading }).waitFor({ state: 'visible' });
  await p.getByTestId('page-loader').first().waitFor({ state: 'detached' });
}

async function go(p: Page, path: string, heading: string | RegExp): Promise<void> {
  await p.goto(path, { waitUntil: 'load' });
  await waitForPage(p, heading).catch(async (e) => {
    await p.screenshot({ path: '/tmp/fail.png' });
    console.log(
      'DBG',
      p.url(),
      await p.locator('h1').allInnerTexts(),
      await p.locator('body').innerText(),
    );
    throw e;
  });
  visited.add(path);
}

/** Matches a field label exactly, with or without the required marker (` *`). */
function lbl(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
}

/** Picks `option` in the Mantine Select labelled `label`. */
async function choose(scope: Locator, label: string, option: string | RegExp): Promise<void> {
  await scope.getByLabel(lbl(label)).click();
  await page.getByRole('option', { name: option }).click();
}

async function signIn(p: Page, user: TestUser, next: string): Promise<void> {
  await p.goto(`/login?next=${encodeURIComponent(next)}`, { waitUntil: 'load' });
  await p.getByLabel('Nama pengguna, NIP, atau surel').fill(user.username);
  await p.getByLabel(lbl('Kata sandi')).fill(user.password);
  await p.getByRole('button', { name: 'Masuk', exact: true }).click();
  await p.waitForURL((url) => url.pathname === next);
}

before(async () => {
  server = await startBrowserTestServer();
  // The browser signs in with a password only; MFA for ICT admins is covered elsewhere.
  await asSystem(server.database, server.tenant, (ctx) =>
    updateSettings(ctx, { mfaPolicy: { requiredRoles: [] } }),
  );
  admin = await createTestUser(server, ['ict_admin'], { displayName: 'Admin TIK Uji' });
  browser = await launchBrowser();
  page = await newPage(browser, { language: 'id', baseURL: server.url });
});

after(async () => {
  await page?.context().close();
  await browser?.close();
  await server?.close();
});

describe('console data pages', { concurrency: false }, () => {
  let agencyUrl = '';
  let userUrl = '';
  let clientUrl = '';

  test('an ICT admin signs in and creates an agency and a unit', { timeout: TIMEOUT }, async () => {
    await signIn(page, admin, '/console/org/agencies');
    await waitForPage(page, 'Perangkat Daerah');
    visited.add('/console/org/agencies');
    assert.ok(await page.getByText('Belum ada Perangkat Daerah').isVisible(), 'empty state');

    await page.getByRole('button', { name: 'Tambah Perangkat Daerah' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Perangkat Daerah baru', exact: true });
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    assert.ok((await dialog.getByText('Wajib diisi.').count()) >= 3, 'required fields are marked');
    await dialog.getByLabel(lbl('Kode')).fill('DISKOMINFO');
    await dialog.getByLabel(lbl('Nama')).fill('Dinas Komunikasi dan Informatika');
    await dialog.getByLabel('Nama singkat').fill('Diskominfo');
    await dialog.getByLabel('Dinas pengelola TIK').check();
    await dialog.getByRole('button', { name: 'Simpan' }).click();
    await dialog.waitFor({ state: 'detached' });

    const link = page.getByRole('link', { name: 'Dinas Komunikasi dan Informatika' });
    await link.click();
    await waitForPage(page, 'Dinas Komunikasi dan Informatika');
    agencyUrl = new URL(page.url()).pathname;
    visited.add(agencyUrl);

    await page.getByRole('button', { name: 'Tambah unit' }).click();
    const unit = page.getByRole('dialog', { name: 'Unit kerja baru', exact: true });
    await unit.getByLabel('Kode unit').fill('SEKRE');
    await unit.getByLabel('Nama unit').fill('Sekretariat');
    await unit.getByRole('button', { name: 'Simpan' }).click();
    await unit.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Tambah sub-unit di bawah Sekretariat' }).click();
    const child = page.getByRole('dialog', { name: 'Unit kerja baru', exact: true });
    await child.getByLabel('Kode unit').fill('APTIKA');
    await child.getByLabel('Nama unit').fill('Bidang Aplikasi Informatika');
    await child.getByRole('button', { name: 'Simpan' }).click();
    await child.waitFor({ state: 'detached' });
    const tree = page.getByRole('region', { name: 'Susunan unit kerja' });
    await tree.getByText('Bidang Aplikasi Informatika').waitFor();

    // Move the child to the top level; the tree follows.
    await page.getByRole('button', { name: 'Pindahkan Bidang Aplikasi Informatika' }).click();
    const move = page.getByRole('dialog', { name: /Pindahkan/ });
    await choose(move, 'Unit induk', '(tingkat teratas)');
    await move.getByRole('button', { name: 'Simpan' }).click();
    await move.waitFor({ state: 'detached' });
    assert.equal(await tree.locator(':scope > ul > li').count(), 2, 'two top-level units');
  });

  test(
    'an employee with an invalid NIP gets the error on the NIP field',
    { timeout: TIMEOUT },
    async () => {
      await go(page, '/console/org/employees', 'Pegawai');
      await page.getByRole('button', { name: 'Tambah pegawai' }).click();
      const dialog = page.getByRole('dialog', { name: 'Pegawai baru', exact: true });
      await dialog.getByLabel(lbl('NIP')).fill('19990231');
      await dialog.getByLabel(lbl('Nama')).fill('Budi Santoso');
      await choose(dialog, 'Perangkat Daerah', /Diskominfo/);
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      const nip = dialog.getByLabel(lbl('NIP'));
      await dialog.locator('input[aria-invalid="true"]').first().waitFor();
      assert.equal(await nip.getAttribute('aria-invalid'), 'true');
      const described = (await nip.getAttribute('aria-describedby')) ?? '';
      const errorText = await page
        .locator(
          described
            .split(' ')
            .map((id) => `[id="${id}"]`)
            .join(','),
        )
        .allInnerTexts();
      assert.ok(
        errorText.some((t) => /NIP/.test(t)),
        `NIP error shown: ${errorText.join(' | ')}`,
      );

      await nip.fill(makeNip(7));
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('cell', { name: 'Budi Santoso', exact: true }).waitFor();
    },
  );

  test(
    'a CSV import shows progress, the per-row error and the summary',
    { timeout: TIMEOUT },
    async () => {
      await go(page, '/console/org/import', 'Impor pegawai');
      const csv = [
        'nip,nama,kode_pd,status',
        `${makeNip(11)},Siti Aminah,DISKOMINFO,aktif`,
        '12345,Baris Salah,DISKOMINFO,aktif',
        `${makeNip(12)},Agus Wibowo,DISKOMINFO,aktif`,
      ].join('\r\n');
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: 'pegawai.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByRole('radio', { name: 'Simpan baris yang valid saja' }).check();

      // Hold the upload at the server door so the progress state can be seen without timing.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let seenUrl = '';
      await page.route('**/api/org/employees/import**', async (route) => {
        seenUrl = route.request().url();
        await held;
        await route.continue();
      });
      await page.getByRole('button', { name: 'Impor', exact: true }).click();
      const progress = page.getByTestId('import-progress');
      await progress.waitFor({ state: 'visible' });
      const bar = page.getByRole('progressbar', { name: /Mengunggah|Memeriksa/ });
      assert.equal(await bar.count(), 1, 'a named progress bar while uploading or processing');
      assert.match(
        await page
          .getByRole('status')
          .filter({ hasText: /Mengunggah|Memeriksa/ })
          .innerText(),
        /Mengunggah… \d+%|Memeriksa/,
      );
      release();
      await page.getByRole('heading', { name: 'Hasil impor' }).waitFor();
      await page.unroute('**/api/org/employees/import**');
      assert.match(seenUrl, /mode=valid_only/);
      assert.match(seenUrl, /filename=pegawai\.csv/);
      assert.equal(await progress.count(), 0, 'the progress bar is gone');

      assert.equal(await page.getByTestId('import-totalRows').innerText(), '3');
      assert.equal(await page.getByTestId('import-created').innerText(), '2');
      assert.equal(await page.getByTestId('import-invalidRows').innerText(), '1');
      const errors = page.getByRole('region', { name: 'Baris bermasalah' });
      const row = errors.getByRole('row').filter({ hasText: 'nip' });
      assert.equal(await row.count(), 1);
      assert.equal(await row.getByRole('cell').first().innerText(), '3', 'row 3 of the file');
      assert.match(await row.getByRole('cell').nth(2).innerText(), /NIP/);

      await go(page, '/console/org/employees', 'Pegawai');
      await page.getByRole('cell', { name: 'Siti Aminah', exact: true }).waitFor();
      assert.equal(await page.getByRole('cell', { name: 'Baris Salah', exact: true }).count(), 0);
      const csvLink = page.getByRole('link', { name: 'Unduh CSV' });
      assert.match(
        (await csvLink.getAttribute('href')) ?? '',
        /^\/api\/org\/employees\/export\?format=csv/,
      );
    },
  );

  test(
    'a user is created and given a role limited to one agency',
    { timeout: TIMEOUT },
    async () => {
      await go(page, '/console/users', 'Pengguna');
      await page.getByRole('button', { name: 'Tambah pengguna' }).click();
      const dialog = page.getByRole('dialog', { name: 'Pengguna baru', exact: true });
      await dialog.getByLabel('Nama pengguna').fill('operator.kominfo');
      await dialog.getByLabel('Nama tampilan').fill('Operator Diskominfo');
      await choose(dialog, 'Pegawai terkait', /Siti Aminah/);
      await dialog.getByRole('button', { name: 'Buat' }).click();
      await waitForPage(page, 'Operator Diskominfo');
      userUrl = new URL(page.url()).pathname;
      visited.add(userUrl);

      // Tenant-wide roles cannot be limited to an agency: the option is disabled.
      const assignForm = page.getByRole('region', { name: 'Berikan peran' });
      await choose(assignForm, 'Peran', 'Auditor');
      assert.ok(await page.getByRole('radio', { name: 'Satu Perangkat Daerah' }).isDisabled());
      await choose(assignForm, 'Peran', 'Operator Perangkat Daerah');
      await page.getByRole('radio', { name: 'Satu Perangkat Daerah' }).check();
      await choose(assignForm, 'Perangkat Daerah', /Diskominfo/);
      await page.getByRole('button', { name: 'Berikan peran' }).click();
      const roles = page.getByRole('region', { name: 'Peran' });
      const granted = roles.getByRole('row').filter({ hasText: 'Operator Perangkat Daerah' });
      await granted.waitFor();
      assert.match(await granted.innerText(), /Dinas Komunikasi dan Informatika/);
    },
  );

  test('an SSO client shows its secret once and rotates it', { timeout: TIMEOUT }, async () => {
    await go(page, '/console/clients', 'Klien SSO');
    await page.getByRole('button', { name: 'Daftarkan klien' }).click();
    const dialog = page.getByRole('dialog', { name: 'Klien SSO baru', exact: true });
    await dialog.getByLabel('Nama aplikasi').fill('SIMPEG Batang');
    await dialog
      .getByLabel(lbl('URI pengalihan'))
      .fill('https://simpeg.batangkab.go.id/callback\nhttps://simpeg.batangkab.go.id/cb2');
    await dialog.getByRole('checkbox', { name: 'offline_access' }).check();
    await dialog.getByRole('button', { name: 'Buat' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Rahasia klien', exact: true });
    await secretDialog.waitFor();
    assert.ok(await secretDialog.getByText('Rahasia ini hanya ditampilkan sekali').isVisible());
    const first = await secretDialog.getByTestId('client-secret').inputValue();
    assert.ok(first.length >= 32, 'a long secret');
    const close = secretDialog.getByRole('button', { name: 'Tutup' });
    assert.ok(await close.isDisabled(), 'closing needs the confirmation');
    await page.keyboard.press('Escape');
    assert.ok(await secretDialog.isVisible(), 'Escape does not lose the secret');
    await secretDialog.getByLabel('Saya sudah menyimpan rahasia ini di tempat yang aman').check();
    await close.click();
    await waitForPage(page, 'SIMPEG Batang');
    clientUrl = new URL(page.url()).pathname;
    visited.add(clientUrl);
    assert.equal(await page.getByText(first).count(), 0, 'the secret is not shown again');

    await page.getByRole('button', { name: 'Ganti rahasia' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ganti rahasia klien?', exact: true });
    await confirm.getByRole('button', { name: 'Ganti rahasia' }).click();
    const again = page.getByRole('dialog', { name: 'Rahasia klien', exact: true });
    await again.waitFor();
    const second = await again.getByTestId('client-secret').inputValue();
    assert.ok(second.length >= 32);
    assert.notEqual(second, first, 'a new secret');
    await again.getByLabel('Saya sudah menyimpan rahasia ini di tempat yang aman').check();
    await again.getByRole('button', { name: 'Tutup' }).click();
    await again.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Nonaktifkan' }).click();
    const disable = page.getByRole('dialog', { name: 'Nonaktifkan klien?', exact: true });
    await disable.getByRole('button', { name: 'Nonaktifkan' }).click();
    await disable.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Aktifkan', exact: true }).waitFor();
  });

  test(
    'every data page passes axe in both languages and fits a phone screen',
    { timeout: TIMEOUT * 2 },
    async () => {
      assert.ok(agencyUrl && userUrl && clientUrl, 'the earlier tests created the records');
      const headings: Record<string, { id: string | RegExp; en: string | RegExp }> = {
        '/console/org/agencies': { id: 'Perangkat Daerah', en: 'Agencies' },
        [agencyUrl]: {
          id: 'Dinas Komunikasi dan Informatika',
          en: 'Dinas Komunikasi dan Informatika',
        },
        '/console/org/employees': { id: 'Pegawai', en: 'Employees' },
        '/console/org/import': { id: 'Impor pegawai', en: 'Import employees' },
        '/console/users': { id: 'Pengguna', en: 'Users' },
        [userUrl]: { id: 'Operator Diskominfo', en: 'Operator Diskominfo' },
        '/console/clients': { id: 'Klien SSO', en: 'SSO clients' },
        [clientUrl]: { id: 'SIMPEG Batang', en: 'SIMPEG Batang' },
      };
      const problems: string[] = [];
      for (const language of ['id', 'en'] as const) {
        await page.evaluate(`localStorage.setItem('simpul.language', '${language}')`);
        for (const [path, heading] of Object.entries(headings)) {
          await go(page, path, heading[language]);
          assert.equal(await page.locator('html').getAttribute('lang'), language);
          const violations = await runAxe(page);
          for (const line of summarise(violations)) problems.push(`${language} ${path}: ${line}`);
        }
      }
      // A modal form too (labels, focus trap).
      await go(page, '/console/users', 'Users');
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByRole('dialog', { name: 'New user', exact: true }).waitFor();
      const modal = await runAxe(page);
      for (const line of summarise(modal)) problems.push(`en user form: ${line}`);
      await page.keyboard.press('Escape');
      assert.deepEqual(problems, [], problems.join('\n'));

      // 375 px: the page itself never scrolls sideways; wide tables scroll inside their region.
      await page.setViewportSize({ width: 375, height: 800 });
      await page.evaluate("localStorage.setItem('simpul.language', 'id')");
      for (const [path, heading] of Object.entries(headings)) {
        await go(page, path, heading.id);
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a 375px screen`);
      }
      const phone = await runAxe(page);
      assert.deepEqual(summarise(phone), []);
    },
  );
});
