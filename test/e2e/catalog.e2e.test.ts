/**
 * Browser test of the architecture registry and the compliance dashboard (issue 4): an agency
 * operator registers a specific application for their agency, the ICT office approves it in the
 * review queue, the finding about the missing hand-over documents appears on the application's
 * page and on the dashboard, and clears when the last deliverable is uploaded through the page.
 * Then: a relation drawn in the diagram (a keyboard-followed link), a rejection that needs a
 * comment, and in English the overview and dashboard charts, "evaluate now", an exception with
 * its justification and expiry, the rules, and a phone-sized screen. axe-core (serious and
 * critical) on every screen and dialog visited.
 *
 *   npx vite build --config web/vite.config.ts
 *   node --import tsx --test test/e2e/catalog.e2e.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { APIResponse, Browser, Locator, Page } from 'playwright-core';
import { createAgency } from '../../src/modules/org/org.service.js';
import { assignRole } from '../../src/modules/identity/identity.service.js';
import { asSystem, updateSettings } from '../../src/modules/tenancy/tenancy.service.js';
import {
  createTestUser,
  launchBrowser,
  newPage,
  runAxe,
  startBrowserTestServer,
  type BrowserTestServer,
  type TestUser,
} from '../support/browser.js';

const TIMEOUT = 120_000;
const APP_NAME = 'SIMPUS Puskesmas Batang';
const DELIVERABLES_RULE = 'app.deliverables.complete';
/** The deliverables of BHR17 art.13(3) and friends; the last one is uploaded through the page. */
const DELIVERED_BY_API = [
  'source_code',
  'requirements',
  'application_design',
  'database_design',
  'test',
  'installation_manual',
  'user_manual',
  'admin_manual',
  'metadata',
];

let server: BrowserTestServer;
let browser: Browser;
let operator: TestUser;
let admin: TestUser;
let operatorPage: Page;
let adminPage: Page;
let appPath = '';
let appId = '';
let dinkesId = '';

/** Serious and critical axe violations, one line each. */
async function axe(page: Page, where: string): Promise<string[]> {
  const violations = await runAxe(page);
  return violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`,
  );
}

/** Matches a field label exactly, with or without the required marker (` *`). */
function lbl(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
}

async function choose(page: Page, scope: Page | Locator, label: string, option: string) {
  await scope.getByRole('textbox', { name: lbl(label) }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  await page.getByTestId('page-loader').first().waitFor({ state: 'detached' });
}

async function signIn(page: Page, user: TestUser, next: string): Promise<void> {
  await page.goto(`/login?next=${encodeURIComponent(next)}`, { waitUntil: 'load' });
  await page.getByLabel(/^(Nama pengguna|Username)/).fill(user.username);
  await page.getByLabel(/^(Kata sandi|Password)( \*)?$/).fill(user.password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
  await page.waitForURL((url) => url.pathname === next);
}

/** The finding of `rule` on the application's page, or in the dashboard's list. */
function finding(page: Page, rule: string): Locator {
  return page.locator(`[data-testid="finding"][data-rule="${rule}"]`);
}

before(async () => {
  server = await startBrowserTestServer();
  const { dinkes } = await asSystem(server.database, server.tenant, async (ctx) => {
    // Password-only sign-in here; the MFA policy is covered by console-auth.
    // The regency's own regulation plus Batang Hari's, whose art. 13(3) lists the deliverables.
    await updateSettings(ctx, {
      mfaPolicy: { requiredRoles: [] },
      regulationProfile: ['perbup-batang-50-2019', 'perbup-batang-hari-19-2017'],
    });
    await createAgency(ctx, {
      code: 'DISKOMINFO',
      name: 'Dinas Komunikasi dan Informatika',
      shortName: 'Diskominfo',
      kind: 'dinas',
      isIctOffice: true,
    });
    return {
      dinkes: await createAgency(ctx, {
        code: 'DINKES',
        name: 'Dinas Kesehatan',
        shortName: 'Dinkes',
        kind: 'dinas',
      }),
    };
  });
  dinkesId = dinkes.id;
  operator = await createTestUser(server, [], { displayName: 'Operator Dinkes' });
  await asSystem(server.database, server.tenant, (ctx) =>
    assignRole(ctx, operator.id, 'agency_operator', dinkes.id),
  );
  admin = await createTestUser(server, ['ict_admin'], { displayName: 'Admin TIK' });
  browser = await launchBrowser();
  operatorPage = await newPage(browser, { language: 'id', baseURL: server.url });
  adminPage = await newPage(browser, { language: 'id', baseURL: server.url });
});

after(async () => {
  await operatorPage?.context().close();
  await adminPage?.context().close();
  await browser?.close();
  await server?.close();
});

describe('registry and compliance in the browser', { concurrency: false }, () => {
  const problems: string[] = [];

  test(
    'an agency operator registers a specific application; it awaits the ICT office',
    { timeout: TIMEOUT },
    async () => {
      const page = operatorPage;
      await signIn(page, operator, '/console/catalog/applications');
      await heading(page, 'Aplikasi');
      await page.getByText('Belum ada aplikasi terdaftar').waitFor();
      problems.push(...(await axe(page, 'applications list')));

      await page.getByRole('link', { name: 'Daftarkan aplikasi' }).first().click();
      await heading(page, 'Aplikasi baru');
      // The operator's only agency is chosen already.
      const agency = page.getByRole('textbox', { name: lbl('Perangkat Daerah pemilik') });
      await agency.waitFor();
      assert.match(await agency.inputValue(), /Dinkes/);
      await page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
      await page.getByText('Wajib diisi.').first().waitFor();

      await page.getByLabel(lbl('Nama')).fill(APP_NAME);
      await page.getByLabel(lbl('Uraian')).fill('Sistem informasi manajemen puskesmas.');
      await page.getByRole('textbox', { name: lbl('Kode referensi') }).fill('RAA.02.01');
      await page.keyboard.press('Escape');
      assert.equal(await page.getByRole('textbox', { name: lbl('Jenis') }).inputValue(), 'Khusus');
      await choose(page, page, 'Tahap', 'Beroperasi');
      await page.getByRole('textbox', { name: lbl('Nama lisensi') }).fill('GPL-3.0');
      problems.push(...(await axe(page, 'application form')));

      await page.getByRole('button', { name: 'Ajukan untuk ditinjau' }).click();
      await page.waitForURL(/\/console\/catalog\/applications\/[0-9a-f-]{36}$/);
      await heading(page, APP_NAME);
      appPath = new URL(page.url()).pathname;
      appId = appPath.split('/').pop()!;
      await page.getByText('Menunggu tinjauan Dinas Kominfo').waitFor();
      await page.getByTestId('pending-change').waitFor();
      assert.match(await page.getByTestId('pending-change').innerText(), /Operator Dinkes/);
      // An operator cannot decide their own proposal.
      assert.equal(await page.getByRole('button', { name: /^Setujui/ }).count(), 0);
      problems.push(...(await axe(page, 'application (pending)')));
    },
  );

  test(
    'the ICT office approves it; the missing-deliverables finding appears',
    { timeout: TIMEOUT },
    async () => {
      assert.ok(appId, 'the application was registered');
      const page = adminPage;
      await signIn(page, admin, '/console/catalog/changes');
      await heading(page, 'Antrean tinjauan');
      const proposal = page.getByTestId('change-request').filter({ hasText: APP_NAME });
      await proposal.waitFor();
      assert.match(await proposal.innerText(), /Pendaftaran/i);
      assert.match(await proposal.innerText(), /Operator Dinkes/);
      assert.match(await proposal.innerText(), /Beroperasi/, 'the diff shows the proposed values');
      problems.push(...(await axe(page, 'review queue')));

      await proposal.getByRole('button', { name: `Setujui ${APP_NAME}` }).click();
      await page.getByText('Tidak ada yang menunggu tinjauan').waitFor();

      await page.goto(appPath, { waitUntil: 'load' });
      await heading(page, APP_NAME);
      const found = finding(page, DELIVERABLES_RULE);
      await found.waitFor();
      const text = await found.innerText();
      assert.match(text, /BHR17/, 'the finding cites its regulation');
      assert.match(text, /Panduan pemecahan masalah/, 'the missing documents are named');
      // The article text is one click away, and it is the regulation's own words.
      const article = found.getByTestId('article-text').first();
      await article.locator('summary').click();
      const words = await article.locator('blockquote').innerText();
      assert.ok(words.trim().length > 40, `article text shown: ${words}`);
      await page.getByRole('heading', { name: 'Relasi' }).waitFor();
      problems.push(...(await axe(page, 'application (approved, finding)')));

      await page.goto('/console/compliance', { waitUntil: 'load' });
      await heading(page, 'Kepatuhan');
      const listed = finding(page, DELIVERABLES_RULE).filter({ hasText: APP_NAME });
      await listed.waitFor();
      assert.equal(
        await listed.getByRole('link', { name: APP_NAME }).getAttribute('href'),
        appPath,
        'the finding links to the record',
      );
      problems.push(...(await axe(page, 'compliance dashboard')));
    },
  );

  test(
    'the operator uploads the last deliverable and the finding clears',
    { timeout: TIMEOUT },
    async () => {
      assert.ok(appId, 'the application was registered and approved');
      const page = operatorPage;
      // Nine of the ten deliverables as links through the API, for speed.
      const csrf = (await page.context().cookies()).find((c) => c.name === 'simpul_csrf')?.value;
      assert.ok(csrf, 'a CSRF cookie after sign-in');
      for (const kind of DELIVERED_BY_API) {
        const res: APIResponse = await page.request.put(
          `/api/catalog/applications/${appId}/documents/${kind}`,
          {
            headers: { 'X-CSRF-Token': csrf },
            data: { url: `https://git.batangkab.go.id/simpus/dokumen/${kind}` },
          },
        );
        assert.equal(res.status(), 200, `${kind}: ${await res.text()}`);
      }

      await page.goto(appPath, { waitUntil: 'load' });
      await heading(page, APP_NAME);
      const found = finding(page, DELIVERABLES_RULE);
      await found.waitFor();
      assert.match(await found.innerText(), /Panduan pemecahan masalah/);
      assert.doesNotMatch(await found.innerText(), /Kode sumber/, 'only the last one is missing');
      const row = page.getByTestId('document-troubleshooting');
      assert.match(await row.innerText(), /Belum ada/i);

      await page.getByRole('button', { name: 'Unggah Panduan pemecahan masalah' }).click();
      const dialog = page.getByRole('dialog', { name: 'Panduan pemecahan masalah' });
      await dialog.waitFor();
      problems.push(...(await axe(page, 'document upload dialog')));
      await dialog.locator('input[type="file"]').setInputFiles({
        name: 'panduan-pemecahan-masalah.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from(
          '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
        ),
      });
      await dialog.getByLabel('Catatan').fill('Versi 1.0');
      await dialog.getByRole('button', { name: 'Simpan' }).click();
      await dialog.waitFor({ state: 'detached' });

      await row.getByText('Diserahkan', { exact: true }).waitFor();
      assert.match(await row.innerText(), /panduan-pemecahan-masalah\.pdf/);
      assert.match(await row.innerText(), /Operator Dinkes/, 'who delivered it');
      assert.match(await page.getByTestId('documents-deliverable-count').innerText(), /10 dari 10/);
      await found.waitFor({ state: 'detached' });
      problems.push(...(await axe(page, 'application (documents delivered)')));

      // The dashboard no longer lists it.
      await adminPage.goto('/console/compliance', { waitUntil: 'load' });
      await heading(adminPage, 'Kepatuhan');
      await adminPage.getByRole('heading', { name: 'Temuan, yang terberat lebih dulu' }).waitFor();
      await adminPage.getByTestId('page-loader').first().waitFor({ state: 'detached' });
      assert.equal(
        await finding(adminPage, DELIVERABLES_RULE).filter({ hasText: APP_NAME }).count(),
        0,
      );
    },
  );

  test(
    'the ICT office relates the application to a service; the diagram links both ways',
    { timeout: TIMEOUT },
    async () => {
      assert.ok(appId, 'the application exists');
      const page = adminPage;
      const csrf = (await page.context().cookies()).find((c) => c.name === 'simpul_csrf')?.value;
      const created: APIResponse = await page.request.post('/api/catalog/services', {
        headers: { 'X-CSRF-Token': csrf ?? '' },
        data: {
          agencyId: dinkesId,
          name: 'Layanan Kesehatan Dasar',
          kind: 'public',
          targetUsers: 'Masyarakat',
        },
      });
      assert.equal(created.status(), 201, await created.text());

      await page.goto(appPath, { waitUntil: 'load' });
      await heading(page, APP_NAME);
      await page.getByRole('button', { name: 'Tambah relasi' }).click();
      const dialog = page.getByRole('dialog', { name: 'Relasi baru' });
      await dialog.waitFor();
      assert.equal(
        await dialog.getByRole('textbox', { name: lbl('Relasi') }).inputValue(),
        'mendukung → Layanan',
      );
      await choose(page, dialog, 'Data', 'Layanan Kesehatan Dasar');
      await dialog.getByRole('button', { name: 'Tambah', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });

      const diagram = page.getByRole('region', { name: /^Diagram relasi/ });
      const node = diagram.getByRole('link', { name: 'Layanan Layanan Kesehatan Dasar' });
      await node.waitFor();
      problems.push(...(await axe(page, 'application with relations diagram')));
      await node.focus();
      await page.keyboard.press('Enter');
      await heading(page, 'Layanan Kesehatan Dasar');
      const relations = page.getByRole('region', {
        name: 'Relasi Layanan Kesehatan Dasar',
        exact: true,
      });
      await relations.getByRole('row').filter({ hasText: 'didukung oleh' }).waitFor();
      assert.ok(await relations.getByRole('link', { name: APP_NAME }).isVisible());
      problems.push(...(await axe(page, 'service page')));
    },
  );

  test('rejecting a proposal needs a comment', { timeout: TIMEOUT }, async () => {
    assert.ok(appId, 'the application exists');
    // The operator proposes a change through the API; the record keeps its values meanwhile.
    const op = operatorPage;
    const csrf = (await op.context().cookies()).find((c) => c.name === 'simpul_csrf')?.value;
    const current = (await (await op.request.get(`/api/catalog/applications/${appId}`)).json()) as {
      version: number;
    };
    const proposed: APIResponse = await op.request.patch(`/api/catalog/applications/${appId}`, {
      headers: { 'X-CSRF-Token': csrf ?? '' },
      data: { version: current.version, lifecycle: 'retired' },
    });
    assert.equal(proposed.status(), 202, await proposed.text());

    const page = adminPage;
    await page.goto('/console/catalog/changes', { waitUntil: 'load' });
    await heading(page, 'Antrean tinjauan');
    const proposal = page.getByTestId('change-request').filter({ hasText: APP_NAME });
    await proposal.waitFor();
    assert.match(await proposal.innerText(), /Dihentikan/, 'the proposed lifecycle');
    await proposal.getByRole('button', { name: `Tolak ${APP_NAME}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Tolak usulan ini?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Tolak', exact: true }).click();
    await dialog.getByText('Wajib diisi.').waitFor();
    problems.push(...(await axe(page, 'reject dialog')));
    await dialog.getByLabel(lbl('Catatan')).fill('Aplikasi masih dipakai puskesmas.');
    await dialog.getByRole('button', { name: 'Tolak', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Tidak ada yang menunggu tinjauan').waitFor();

    await page
      .locator('label')
      .filter({ hasText: /^Ditolak$/ })
      .click();
    const decided = page.getByTestId('change-request').filter({ hasText: APP_NAME });
    await decided.waitFor();
    assert.match(await decided.innerText(), /Aplikasi masih dipakai puskesmas/);
    assert.match(await decided.innerText(), /Admin TIK/);
  });

  test(
    'the overview and the dashboard in English, with charts, after an evaluation',
    { timeout: TIMEOUT },
    async () => {
      const page = adminPage;
      if (!page.url().startsWith(server.url)) await signIn(page, admin, '/console/catalog');
      await page.evaluate("localStorage.setItem('simpul.language', 'en')");
      await page.goto('/console/catalog', { waitUntil: 'load' });
      await heading(page, 'Architecture registry');
      assert.equal(await page.getByTestId('total-application').innerText(), '1');
      await page.getByTestId('chart-lifecycle').locator('.recharts-surface').first().waitFor();
      problems.push(...(await axe(page, 'en overview')));

      await page.goto('/console/compliance', { waitUntil: 'load' });
      await heading(page, 'Compliance');
      await page.getByRole('button', { name: 'Evaluate now' }).click();
      await page.getByText('Evaluation finished').waitFor();
      const score = await page.getByTestId('overall-score').innerText();
      assert.match(score, /^\d+(\.\d)?$/, `a score after the evaluation: ${score}`);
      await page.getByTestId('agency-chart').locator('.recharts-surface').first().waitFor();
      await page.getByTestId('trend-chart').locator('.recharts-surface').first().waitFor();
      assert.ok(
        await page.getByRole('link', { name: /PDF report of Dinas Kesehatan/ }).count(),
        'a printable report per agency',
      );
      problems.push(...(await axe(page, 'en compliance dashboard')));
      await page
        .getByRole('button', { name: /^Accept as exception/ })
        .first()
        .click();
      const exception = page.getByRole('dialog', { name: 'Accept as an exception' });
      await exception.waitFor();
      await exception.getByRole('button', { name: 'Accept exception' }).click();
      assert.equal(await exception.getByText('Required.').count(), 2, 'both fields are required');
      problems.push(...(await axe(page, 'en exception dialog')));
      await exception
        .getByLabel(lbl('Justification'))
        .fill('Replaced by the national system next year.');
      // Half a year from now (an exception runs two years at most).
      const until = new Date(Date.now() + 182 * 86_400_000).toISOString().slice(0, 10);
      await exception.getByLabel(lbl('Valid until')).fill(until);
      await exception.getByRole('button', { name: 'Accept exception' }).click();
      await exception.waitFor({ state: 'detached' });
      const shown = new Intl.DateTimeFormat('en-GB', {
        dateStyle: 'medium',
        timeZone: 'Asia/Jakarta',
      }).format(new Date(`${until}T12:00:00Z`));
      await page.getByText(`Accepted as an exception until ${shown}`).first().waitFor();
      await page
        .getByRole('button', { name: /^Revoke exception/ })
        .first()
        .waitFor();

      await page
        .getByRole('button', { name: 'Rules' })
        .or(page.getByRole('link', { name: 'Rules' }))
        .first()
        .click();
      await heading(page, 'Compliance rules');
      assert.ok((await page.getByTestId('rule').count()) >= 25, 'at least 25 rules');
      problems.push(...(await axe(page, 'en rules')));
      await page.evaluate("localStorage.setItem('simpul.language', 'id')");

      // A phone: the page itself never scrolls sideways (tables and the diagram scroll inside).
      await page.setViewportSize({ width: 375, height: 800 });
      for (const [path, title] of [
        ['/console/catalog', 'Registri arsitektur'],
        [appPath, APP_NAME],
        ['/console/compliance', 'Kepatuhan'],
      ] as const) {
        await page.goto(path, { waitUntil: 'load' });
        await heading(page, title);
        const overflow = await page.evaluate<number>(
          'document.documentElement.scrollWidth - document.documentElement.clientWidth',
        );
        assert.ok(overflow <= 0, `${path} is ${overflow}px wider than a 375px screen`);
      }
      problems.push(...(await axe(page, 'phone dashboard')));
      await page.setViewportSize({ width: 1280, height: 900 });
    },
  );

  test('no serious or critical axe violations on any screen', () => {
    assert.deepEqual(problems, [], problems.join('\n'));
  });
});
