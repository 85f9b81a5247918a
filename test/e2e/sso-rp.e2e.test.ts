/**
 * A separate relying-party application, built here with openid-client, signs a user in through
 * Simpul in a real browser (code + PKCE), reads userinfo, refreshes its tokens, and is logged
 * out by back-channel logout when the user signs out of the Simpul console.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Browser } from 'playwright-core';
import {
  createTestUser,
  launchBrowser,
  newPage,
  startBrowserTestServer,
  type BrowserTestServer,
} from '../support/browser.js';
import { makeClient } from '../support/oidc.js';
import { TEST_SESSION_SECRET } from '../support/secret.js';
import { Sealer } from '../../src/platform/crypto/sealer.js';

interface RpSession {
  sub: string;
  sid: string;
  name: string;
  accessToken: string;
  refreshToken: string;
  refreshed: number;
}

/** The relying party: a tiny web app with its own sessions, as an agency application would be. */
async function startRelyingParty(issuer: string) {
  let config!: oidc.Configuration;
  let clientId = '';
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
  const pending = new Map<string, string>();
  const sessions = new Map<string, RpSession>();
  const loggedOut: string[] = [];
  let origin = '';

  const sessionOf = (cookie: string | undefined) => {
    const id = /rp_sid=([\w-]+)/.exec(cookie ?? '')?.[1];
    return id ? { id, session: sessions.get(id) } : { id: null, session: undefined };
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const html = (body: string) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html lang="en"><title>RP</title><main>${body}</main></html>`);
    void (async () => {
      try {
        if (url.pathname === '/') {
          const { session } = sessionOf(req.headers.cookie);
          return html(
            session
              ? `<p id="who">Signed in as ${session.name}</p><p id="refreshed">${session.refreshed}</p>`
              : '<p id="who">Signed out</p><a href="/login">Sign in with Simpul</a>',
          );
        }
        if (url.pathname === '/login') {
          const verifier = oidc.randomPKCECodeVerifier();
          const state = oidc.randomState();
          pending.set(state, verifier);
          const to = oidc.buildAuthorizationUrl(config, {
            redirect_uri: `${origin}/callback`,
            scope: 'openid profile simpul:roles',
            state,
            code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
            code_challenge_method: 'S256',
          });
          return res.writeHead(302, { location: to.href }).end();
        }
        if (url.pathname === '/callback') {
          const state = url.searchParams.get('state') ?? '';
          const tokens = await oidc.authorizationCodeGrant(config, url, {
            pkceCodeVerifier: pending.get(state)!,
            expectedState: state,
          });
          pending.delete(state);
          const claims = tokens.claims()!;
          const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
          const id = randomBytes(16).toString('hex');
          sessions.set(id, {
            sub: claims.sub,
            sid: String(claims.sid),
            name: String(info.name),
            accessToken: tokens.access_token,
            refreshToken: tokens.refresh_token!,
            refreshed: 0,
          });
          return res
            .writeHead(302, { location: '/', 'set-cookie': `rp_sid=${id}; Path=/; HttpOnly` })
            .end();
        }
        if (url.pathname === '/refresh') {
          const { session } = sessionOf(req.headers.cookie);
          if (!session) return res.writeHead(401).end();
          const tokens = await oidc.refreshTokenGrant(config, session.refreshToken);
          session.accessToken = tokens.access_token;
          session.refreshToken = tokens.refresh_token!;
          session.refreshed += 1;
          await oidc.fetchUserInfo(config, session.accessToken, session.sub);
          return res.writeHead(302, { location: '/' }).end();
        }
        if (url.pathname === '/backchannel' && req.method === 'POST') {
          let body = '';
          for await (const chunk of req) body += String(chunk);
          const token = new URLSearchParams(body).get('logout_token') ?? '';
          const { payload } = await jwtVerify(token, jwks, { issuer, audience: clientId });
          const events = payload.events as Record<string, unknown> | undefined;
          if (!events?.['http://schemas.openid.net/event/backchannel-logout']) {
            return res.writeHead(400).end();
          }
          for (const [id, s] of sessions) {
            if (s.sid === payload.sid && s.sub === payload.sub) {
              sessions.delete(id);
              loggedOut.push(s.sub);
            }
          }
          return res.writeHead(204).end();
        }
        res.writeHead(404).end();
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** Once registered with Simpul, the RP discovers the provider with its credentials. */
  const configure = async (id: string, secret: string) => {
    clientId = id;
    config = await oidc.discovery(new URL(issuer), id, secret, undefined, {
      execute: [oidc.allowInsecureRequests],
    });
  };
  return { origin, sessions, loggedOut, configure, close: () => server.close() };
}

let simpul: BrowserTestServer;
let browser: Browser;

before(async () => {
  simpul = await startBrowserTestServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await simpul?.close();
});

test('an agency application signs in through Simpul and is logged out by back-channel', async () => {
  const user = await createTestUser(simpul, ['ict_operator'], { displayName: 'Dewi Lestari' });
  const issuer = `${simpul.url}/oidc`;
  const rp = await startRelyingParty(issuer);
  const { client, secret } = await makeClient(
    simpul.database,
    simpul.tenant,
    new Sealer(TEST_SESSION_SECRET),
    {
      name: 'SIMPEG Kabupaten',
      kind: 'confidential',
      redirectUris: [`${rp.origin}/callback`],
      backchannelLogoutUri: `${rp.origin}/backchannel`,
      scopes: ['openid', 'profile', 'simpul:roles'],
      trusted: true,
    },
  );
  await rp.configure(client.clientId, secret!);

  const page = await newPage(browser, { language: 'en' });
  try {
    await page.goto(`${rp.origin}/login`);
    // Simpul's sign-in page, reached through the provider's interaction.
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('Username, NIP or e-mail').fill(user.username);
    await page.getByLabel(/^Password/).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL(`${rp.origin}/`);
    assert.equal(await page.locator('#who').textContent(), 'Signed in as Dewi Lestari');

    await page.goto(`${rp.origin}/refresh`);
    assert.equal(await page.locator('#refreshed').textContent(), '1');

    // Signing out of the Simpul console ends the application's session too.
    await page.goto(`${simpul.url}/console`);
    await page
      .getByRole('button', { name: /Dewi Lestari|account menu/i })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    for (let i = 0; i < 50 && rp.loggedOut.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.deepEqual(rp.loggedOut, [user.id]);
    await page.goto(`${rp.origin}/`);
    assert.equal(await page.locator('#who').textContent(), 'Signed out');
  } finally {
    await page.context().close();
    rp.close();
  }
});
