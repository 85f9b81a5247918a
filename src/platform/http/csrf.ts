import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Config } from '../config/config.js';
import { sameSecret } from '../crypto/sealer.js';
import type { App } from '../module.js';
import { AppError } from './errors.js';

/** Double-submit cookie: readable by the web app, sent back as a header on unsafe requests. */
export const CSRF_COOKIE = 'simpul_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's CSRF token (from its cookie, or the one this response sets). */
    csrfToken: string;
  }
}

/**
 * The origin the browser sees for this request: the host it asked for, with the scheme of the
 * public URL (or X-Forwarded-Proto when a trusted proxy terminates TLS).
 */
export function requestOrigin(
  req: FastifyRequest,
  config: Pick<Config, 'trustProxy' | 'publicUrl'>,
) {
  const proto = config.trustProxy ? req.protocol : new URL(config.publicUrl).protocol.slice(0, -1);
  return `${proto}://${req.host}`;
}

function hasBearer(req: FastifyRequest): boolean {
  const auth = req.headers.authorization;
  return typeof auth === 'string' && /^Bearer\s+\S/i.test(auth);
}

/**
 * CSRF protection for the API, which browsers reach with the session cookie:
 * - every response to a request without the `simpul_csrf` cookie sets one (not HttpOnly,
 *   SameSite=Strict);
 * - POST/PUT/PATCH/DELETE under /api/ (and the SSO page's /interaction/) without a bearer token must carry the same value in
 *   `X-CSRF-Token`, and an Origin header, when present, must be the request's own origin.
 * API tokens (Authorization: Bearer) are not sent by browsers on their own, so they are exempt.
 */
export function registerCsrf(app: App, config: Config): void {
  const allowedOrigins = new Set([new URL(config.publicUrl).origin]);
  app.decorateRequest('csrfToken', '');
  app.addHook('onRequest', async (req, reply) => {
    const url = req.url;
    if (url.startsWith('/health') || url === '/metrics') return;
    // API clients with a bearer token (or the provider's own endpoints) need no browser token.
    if (hasBearer(req) || url.startsWith('/oidc/')) return;
    let token = req.cookies?.[CSRF_COOKIE];
    let fresh = false;
    if (!token || !TOKEN.test(token)) {
      token = randomBytes(32).toString('base64url');
      fresh = true;
      reply.setCookie(CSRF_COOKIE, token, {
        path: '/',
        httpOnly: false,
        sameSite: 'strict',
        secure: config.cookieSecure,
      });
    }
    req.csrfToken = token;
    // The SSO sign-in page's own API (/interaction/<uid>/...) is protected like /api/.
    const guarded = url.startsWith('/api/') || url.startsWith('/interaction/');
    if (!UNSAFE.has(req.method) || !guarded || hasBearer(req)) return;
    const header = req.headers[CSRF_HEADER];
    if (fresh || typeof header !== 'string' || !sameSecret(header, token)) {
      throw new AppError('platform.csrf_failed');
    }
    const origin = req.headers.origin;
    if (
      origin !== undefined &&
      origin !== requestOrigin(req, config) &&
      !allowedOrigins.has(origin)
    ) {
      throw new AppError('platform.csrf_failed');
    }
  });

  app.get(
    '/api/auth/csrf',
    {
      schema: {
        tags: ['identity'],
        summary: 'The CSRF token to send as X-CSRF-Token (also set as the simpul_csrf cookie)',
        security: [],
        response: { 200: Type.Object({ token: Type.String() }) },
      },
    },
    async (req) => ({ token: req.csrfToken }),
  );
}
