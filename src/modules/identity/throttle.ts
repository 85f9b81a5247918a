import { createHash } from 'node:crypto';
import type { Ctx } from '../../platform/context.js';
import * as repo from './db/identity.repository.js';
import type { UserRow } from './db/schema.js';

const ACCOUNT_FREE_ATTEMPTS = 5;
const IP_FREE_ATTEMPTS = 20;
const IP_WINDOW_SECONDS = 15 * 60;
const MAX_DELAY_S = 15 * 60;

/** Growing delay after repeated failures: 5 free, then 1 s, 2 s, 4 s ... capped at 15 minutes. */
export function lockDelaySeconds(failures: number): number {
  if (failures < ACCOUNT_FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_S, 2 ** (failures - ACCOUNT_FREE_ATTEMPTS));
}

/**
 * The same for one client address: 20 failed sign-ins free in a 15-minute window (an office
 * behind one NAT address), then 1 s, 2 s, 4 s ... capped at 15 minutes. Never permanent.
 */
export function ipDelaySeconds(failuresInWindow: number): number {
  if (failuresInWindow < IP_FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_S, 2 ** (failuresInWindow - IP_FREE_ATTEMPTS));
}

function secondsUntil(at: Date | null): number {
  if (!at) return 0;
  const ms = at.getTime() - Date.now();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** Seconds the request's address must still wait before its next attempt (0: go ahead). */
export async function ipRetryAfter(ctx: Ctx): Promise<number> {
  if (!ctx.ip) return 0;
  return secondsUntil(await repo.ipLockedUntil(ctx.tx, ctx.ip));
}

export async function recordIpFailure(ctx: Ctx): Promise<void> {
  if (!ctx.ip) return;
  const failures = await repo.countIpFailure(ctx.tx, ctx.tenantId, ctx.ip, IP_WINDOW_SECONDS);
  const delay = ipDelaySeconds(failures);
  await repo.setIpLock(ctx.tx, ctx.ip, delay > 0 ? new Date(Date.now() + delay * 1000) : null);
}

/** Seconds the account must still wait (0: go ahead). */
export function accountRetryAfter(user: Pick<UserRow, 'lockedUntil'>): number {
  return secondsUntil(user.lockedUntil);
}

/**
 * Whether the request's address has no failed sign-in in the current window. While an account
 * is held back, a correct password from such an address still signs in: someone guessing from
 * elsewhere cannot keep the real user out, and every wrong guess spends its address's turn.
 */
export async function cleanAddress(ctx: Ctx): Promise<boolean> {
  if (!ctx.ip) return false;
  return (await repo.ipFailuresInWindow(ctx.tx, ctx.ip, IP_WINDOW_SECONDS)) === 0;
}

/**
 * Counts a failed attempt on an account (wrong password or second factor). Once a hold has been
 * over for a whole window, the count starts again from the first delay, so old failures decay.
 */
export async function recordAccountFailure(
  ctx: Ctx,
  user: Pick<UserRow, 'id' | 'failedLogins' | 'lockedUntil'>,
) {
  const stale =
    user.lockedUntil !== null && Date.now() - user.lockedUntil.getTime() > IP_WINDOW_SECONDS * 1000;
  const failures = (stale ? ACCOUNT_FREE_ATTEMPTS - 1 : user.failedLogins) + 1;
  const delay = lockDelaySeconds(failures);
  await repo.updateUser(ctx.tx, user.id, {
    failedLogins: failures,
    lockedUntil: delay > 0 ? new Date(Date.now() + delay * 1000) : null,
  });
}

/** Unknown logins are held back exactly like accounts, so a hold tells nothing of existence. */
function unknownLoginKey(login: string): string {
  return `login:${createHash('sha256').update(login.trim().toLowerCase()).digest('hex')}`;
}

export async function unknownLoginRetryAfter(ctx: Ctx, login: string): Promise<number> {
  return secondsUntil(await repo.ipLockedUntil(ctx.tx, unknownLoginKey(login)));
}

export async function recordUnknownLoginFailure(ctx: Ctx, login: string): Promise<void> {
  const key = unknownLoginKey(login);
  const failures = await repo.countIpFailure(ctx.tx, ctx.tenantId, key, IP_WINDOW_SECONDS);
  const delay = lockDelaySeconds(failures);
  await repo.setIpLock(ctx.tx, key, delay > 0 ? new Date(Date.now() + delay * 1000) : null);
}
