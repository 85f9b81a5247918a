import { writeAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/http/errors.js';
import { escapeHtml, type MailMessage } from '../../platform/mail/mailer.js';
import { findTenantByCode } from '../tenancy/tenancy.service.js';
import * as repo from './db/identity.repository.js';
import type { UserRow } from './db/schema.js';
import { checkPassword, hashPassword } from './password.js';
import { findUserForLogin, newHandle, sha256, sweepStaleSignIns } from './sign-in.js';

export const RESET_TTL_MS = 30 * 60_000;
/** At most this many reset mails per account per TTL window, so nobody can flood an inbox. */
const MAX_MAILS_PER_WINDOW = 3;

/**
 * The origin reset links point to: the request's host name, when it is one of the tenant's,
 * with the configured scheme; otherwise (a forged Host header reaching the default tenant) the configured public
 * URL, so a link can never lead to someone else's site.
 */
async function linkOrigin(ctx: Ctx, requestOrigin: string, fallback: string): Promise<string> {
  const tenant = await findTenantByCode(ctx.tx, ctx.tenant.code);
  let host: string;
  try {
    host = new URL(requestOrigin).hostname.toLowerCase();
  } catch {
    return fallback;
  }
  const own = [...(tenant?.hostnames ?? []), tenant?.officialDomain ?? ''].map((h) =>
    h.toLowerCase(),
  );
  if (!own.includes(host)) return fallback;
  // Scheme and port come from the configuration, never from the request (a forged port or
  // X-Forwarded-Proto must not reach a victim's mailbox). Plain http is for development only.
  const configured = new URL(fallback);
  if (host === configured.hostname) return configured.origin;
  return configured.protocol === 'https:' ? `https://${host}` : requestOrigin;
}

function resetMail(ctx: Ctx, user: UserRow, link: string): MailMessage {
  const id = [
    `Halo ${user.displayName},`,
    '',
    `Kami menerima permintaan untuk mengatur ulang kata sandi akun Simpul Anda (${user.username}) di ${ctx.tenant.name}.`,
    'Buka tautan berikut dalam 30 menit untuk membuat kata sandi baru:',
    '',
    link,
    '',
    'Tautan ini hanya dapat dipakai sekali. Jika Anda tidak meminta ini, abaikan surel ini; kata sandi Anda tidak berubah.',
  ];
  const en = [
    `Hello ${user.displayName},`,
    '',
    `We received a request to reset the password of your Simpul account (${user.username}) at ${ctx.tenant.name}.`,
    'Open this link within 30 minutes to choose a new password:',
    '',
    link,
    '',
    'The link works once. If you did not ask for this, ignore this e-mail; your password stays the same.',
  ];
  const para = (lines: string[]) =>
    lines
      .filter((l) => l !== '')
      .map((l) =>
        l === link
          ? `<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>`
          : `<p>${escapeHtml(l)}</p>`,
      )
      .join('\n');
  return {
    to: user.email!,
    subject: 'Atur ulang kata sandi Simpul / Reset your Simpul password',
    text: [...id, '', '---', '', ...en, ''].join('\n'),
    html: `<div lang="id">\n${para(id)}\n</div>\n<hr>\n<div lang="en">\n${para(en)}\n</div>\n`,
  };
}

/**
 * Starts a password reset. Answers the same whether or not the account exists: the caller sends
 * the returned mail (if any) and always replies 202. Only the link's SHA-256 is stored.
 */
export async function requestPasswordReset(
  ctx: Ctx,
  login: string,
  origins: { request: string; fallback: string },
): Promise<MailMessage | null> {
  const user = await findUserForLogin(ctx, login);
  const audit = (data: Record<string, unknown>) =>
    writeAudit(ctx.tx, ctx, {
      action: 'identity.password_reset.requested',
      targetType: 'user',
      targetId: user?.id,
      data,
    });
  if (!user || user.status !== 'active' || !user.email || user.kind === 'service') {
    await audit({ mailed: false, reason: user ? 'no_email_or_inactive' : 'unknown_account' });
    return null;
  }
  const since = new Date(Date.now() - RESET_TTL_MS);
  if (
    (await repo.countFlowsSince(ctx.tx, user.id, 'password_reset', since)) >= MAX_MAILS_PER_WINDOW
  ) {
    await audit({ mailed: false, reason: 'too_many_requests' });
    return null;
  }
  const token = newHandle();
  await sweepStaleSignIns(ctx);
  await repo.insertFlow(ctx.tx, {
    tenantId: ctx.tenantId,
    tokenHash: sha256(token),
    kind: 'password_reset',
    userId: user.id,
    expiresAt: new Date(Date.now() + RESET_TTL_MS),
  });
  await audit({ mailed: true });
  const origin = await linkOrigin(ctx, origins.request, origins.fallback);
  return resetMail(ctx, user, `${origin}/reset-password?token=${encodeURIComponent(token)}`);
}

/** Sets the new password from a reset link: once, within 30 minutes; ends every session. */
export async function confirmPasswordReset(
  ctx: Ctx,
  token: string,
  password: string,
): Promise<string> {
  const flow = await repo.lockFlow(ctx.tx, sha256(token), ['password_reset']);
  if (!flow?.userId || flow.consumedAt || flow.expiresAt.getTime() <= Date.now()) {
    throw new AppError('identity.reset_token_invalid');
  }
  const user = await repo.findUser(ctx.tx, flow.userId);
  if (!user || user.status !== 'active') throw new AppError('identity.reset_token_invalid');
  checkPassword(ctx, password, user.username);
  await repo.updateUser(ctx.tx, user.id, {
    passwordHash: await hashPassword(password),
    passwordChangedAt: new Date(),
    failedLogins: 0,
    lockedUntil: null,
  });
  await repo.consumeUserFlows(ctx.tx, user.id, 'password_reset');
  const sessions = await repo.revokeUserSessions(ctx.tx, user.id);
  await writeAudit(
    ctx.tx,
    { ...ctx, actorId: user.id, actorKind: 'user' },
    {
      action: 'identity.password_reset.completed',
      targetType: 'user',
      targetId: user.id,
      data: { sessionsEnded: sessions },
    },
  );
  return user.id;
}
