import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/platform/module.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface SignInAnswer {
  status: 'signed_in' | 'mfa_required';
  flow?: string;
  methods?: string[];
  user?: Record<string, unknown> & {
    id: string;
    mfa: {
      enrolmentRequired: boolean;
      required: boolean;
      totp: boolean;
      passkeys: number;
      recoveryCodesLeft: number;
    };
    amr: string[];
    permissions: string[];
  };
}

/**
 * A browser for inject()-driven identity tests: keeps the cookies the server sets and, like the
 * web console, sends the simpul_csrf cookie back as X-CSRF-Token on unsafe requests.
 */
export class ApiClient {
  readonly cookies = new Map<string, string>();

  constructor(
    private readonly app: App,
    readonly host: string,
    private readonly opts: { remoteAddress?: string; userAgent?: string } = {},
  ) {}

  /** The origin the server sees for this client (http in tests). */
  get origin(): string {
    return `http://${this.host}`;
  }

  async request(
    method: Method,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    if (method !== 'GET' && !this.cookies.has('simpul_csrf')) {
      await this.request('GET', '/api/auth/csrf');
    }
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({
      method,
      url,
      headers: {
        host: this.host,
        ...(cookie ? { cookie } : {}),
        ...(method !== 'GET' ? { 'x-csrf-token': this.cookies.get('simpul_csrf') ?? '' } : {}),
        ...(this.opts.userAgent ? { 'user-agent': this.opts.userAgent } : {}),
        ...headers,
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
      ...(this.opts.remoteAddress ? { remoteAddress: this.opts.remoteAddress } : {}),
    });
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() <= Date.now())) {
        this.cookies.delete(c.name);
      } else {
        this.cookies.set(c.name, c.value);
      }
    }
    return res;
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, undefined, headers);
  }
  post(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request('POST', url, payload ?? {}, headers);
  }
  delete(url: string, payload?: unknown, headers?: Record<string, string>) {
    return this.request('DELETE', url, payload, headers);
  }

  get sid(): string | undefined {
    return this.cookies.get('simpul_sid');
  }

  /** Signs in with a password; returns the answer (signed_in or mfa_required). */
  async login(login: string, password: string): Promise<SignInAnswer> {
    const res = await this.post('/api/auth/login', { login, password });
    if (res.statusCode !== 200) throw new Error(`login ${login}: ${res.statusCode} ${res.body}`);
    return res.json() as SignInAnswer;
  }
}
