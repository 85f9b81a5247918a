import type { KoaContextWithOIDC } from 'oidc-provider';
import { negotiateLocale, type Locale } from '../../../platform/i18n/i18n.js';

/** The provider's own few HTML pages (sign-out confirmation, errors), in Indonesian and English. */
const TEXT = {
  id: {
    logoutTitle: 'Keluar dari Simpul?',
    logoutBody: 'Anda akan keluar dari Simpul dan dari aplikasi yang masuk melalui Simpul.',
    logoutYes: 'Ya, keluar',
    logoutNo: 'Tidak, tetap masuk',
    loggedOutTitle: 'Anda sudah keluar',
    loggedOutBody: 'Sesi Anda telah diakhiri. Anda dapat menutup halaman ini.',
    errorTitle: 'Permintaan masuk tidak dapat diproses',
    errorBody:
      'Aplikasi yang mengarahkan Anda ke sini mengirim permintaan yang tidak sah. Hubungi pengelola aplikasi tersebut.',
    back: 'Ke halaman utama',
  },
  en: {
    logoutTitle: 'Sign out of Simpul?',
    logoutBody: 'You will be signed out of Simpul and of the applications you entered through it.',
    logoutYes: 'Yes, sign me out',
    logoutNo: 'No, stay signed in',
    loggedOutTitle: 'You are signed out',
    loggedOutBody: 'Your session has ended. You can close this page.',
    errorTitle: 'The sign-in request cannot be processed',
    errorBody:
      'The application that sent you here made an invalid request. Contact the people who run it.',
    back: 'Go to the home page',
  },
} as const;

export function escapeHtml(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function localeOf(ctx: KoaContextWithOIDC): Locale {
  return negotiateLocale(ctx.get('accept-language'));
}

function page(locale: Locale, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Simpul</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}
main{max-width:32rem;margin:10vh auto;padding:2rem;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin-top:0}
button,a.button{font:inherit;padding:.6rem 1.1rem;border-radius:8px;border:1px solid #0b5cad;margin:.25rem .5rem .25rem 0;cursor:pointer;text-decoration:none;display:inline-block}
button.primary{background:#0b5cad;color:#fff}
button.secondary,a.button{background:#fff;color:#0b5cad}
button:focus-visible,a:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
code{background:#eef1f4;padding:.1rem .3rem;border-radius:4px}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

export async function logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  const locale = localeOf(ctx);
  const t = TEXT[locale];
  ctx.type = 'html';
  ctx.body = page(
    locale,
    t.logoutTitle,
    `<h1>${escapeHtml(t.logoutTitle)}</h1><p>${escapeHtml(t.logoutBody)}</p>${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${escapeHtml(t.logoutYes)}</button>
<button class="secondary" type="submit" form="op.logoutForm">${escapeHtml(t.logoutNo)}</button>`,
  );
}

export async function postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> {
  const locale = localeOf(ctx);
  const t = TEXT[locale];
  ctx.type = 'html';
  ctx.body = page(
    locale,
    t.loggedOutTitle,
    `<h1>${escapeHtml(t.loggedOutTitle)}</h1><p>${escapeHtml(t.loggedOutBody)}</p><a class="button" href="/">${escapeHtml(t.back)}</a>`,
  );
}

export async function renderError(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
): Promise<void> {
  const locale = localeOf(ctx);
  const t = TEXT[locale];
  ctx.type = 'html';
  ctx.body = page(
    locale,
    t.errorTitle,
    `<h1>${escapeHtml(t.errorTitle)}</h1><p>${escapeHtml(t.errorBody)}</p>
<p><code>${escapeHtml(out.error)}</code>${out.error_description ? ` ${escapeHtml(out.error_description)}` : ''}</p>
<a class="button" href="/">${escapeHtml(t.back)}</a>`,
  );
}
