import type { Ctx } from '../../platform/context.js';
import { escapeHtml, type MailMessage } from '../../platform/mail/mailer.js';
import * as repo from './db/identity.repository.js';
import { requireSession } from './sign-in.js';

export type FactorKind = 'totp' | 'passkey';

const WHAT = {
  totp: { id: 'aplikasi autentikator', en: 'an authenticator app' },
  passkey: { id: 'passkey', en: 'a passkey' },
} as const;

/**
 * The e-mail telling users that a way of signing in was added to their account, so that
 * someone who added one with a stolen session does not go unnoticed. Null without an address.
 */
export async function factorAddedNotice(ctx: Ctx, kind: FactorKind): Promise<MailMessage | null> {
  const p = requireSession(ctx);
  const user = await repo.findUser(ctx.tx, p.userId);
  if (!user?.email) return null;
  const when = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: ctx.tenant.timeZone,
  }).format(new Date());
  const whenEn = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: ctx.tenant.timeZone,
  }).format(new Date());
  const where = ctx.ip ? ` (${ctx.ip})` : '';
  const id = [
    `Halo ${user.displayName},`,
    `${WHAT[kind].id[0]!.toUpperCase()}${WHAT[kind].id.slice(1)} baru ditambahkan ke akun Simpul Anda (${user.username}) di ${ctx.tenant.name} pada ${when}${where}.`,
    'Jika bukan Anda yang menambahkannya, segera ubah kata sandi Anda dan hubungi admin TIK: seseorang mungkin memakai sesi Anda.',
  ];
  const en = [
    `Hello ${user.displayName},`,
    `${WHAT[kind].en[0]!.toUpperCase()}${WHAT[kind].en.slice(1)} was added to your Simpul account (${user.username}) at ${ctx.tenant.name} on ${whenEn}${where}.`,
    'If this was not you, change your password now and contact the ICT admin: someone may be using your session.',
  ];
  const html = (lines: string[]) => lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n');
  return {
    to: user.email,
    subject: 'Cara masuk baru di akun Simpul Anda / A new sign-in method on your Simpul account',
    text: [...id, '', '---', '', ...en, ''].join('\n\n'),
    html: `<div lang="id">\n${html(id)}\n</div>\n<hr>\n<div lang="en">\n${html(en)}\n</div>\n`,
  };
}
