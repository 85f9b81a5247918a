// Load generation with autocannon's programmatic API.
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  connections: number;
  durationS: number;
  headers: Record<string, string>;
  method?: 'GET' | 'POST';
  /** Builds a fresh body for every request (writes). */
  body?: () => string;
}

export interface LoadResult {
  connections: number;
  durationS: number;
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx responses per second over the measured window. */
  okPerSec: number;
  /** autocannon's mean requests per second (all statuses). */
  reqPerSecMean: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Status codes seen, with counts; one body of a non-2xx answer for diagnosis. */
  statuses: Record<string, number>;
  sampleError: string | null;
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const statuses: Record<string, number> = {};
  let sampleError: string | null = null;
  const onResponse = (status: number, body: string) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if ((status < 200 || status > 299) && sampleError === null)
      sampleError = `${status} ${body.slice(0, 400)}`;
  };
  const method = spec.method ?? 'GET';
  const body = spec.body;
  const r = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationS,
    headers: spec.headers,
    timeout: 10,
    requests: [
      {
        method,
        onResponse,
        ...(body ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) } : {}),
      },
    ],
  });
  const ok = r['2xx'];
  return {
    connections: spec.connections,
    durationS: r.duration,
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    okPerSec: ok / r.duration,
    reqPerSecMean: r.requests.average,
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: r.latency.average,
    },
    statuses,
    sampleError,
  };
}

/** Several loads at once (e.g. two tenants), then their sum. */
export async function runLoadsTogether(specs: LoadSpec[]): Promise<{
  parts: LoadResult[];
  okPerSec: number;
  ok: number;
  non2xx: number;
  errors: number;
  p99MaxMs: number;
}> {
  const parts = await Promise.all(specs.map((s) => runLoad(s)));
  return {
    parts,
    ok: parts.reduce((a, p) => a + p.ok, 0),
    non2xx: parts.reduce((a, p) => a + p.non2xx, 0),
    errors: parts.reduce((a, p) => a + p.errors + p.timeouts, 0),
    okPerSec: parts.reduce((a, p) => a + p.okPerSec, 0),
    p99MaxMs: Math.max(...parts.map((p) => p.latencyMs.p99)),
  };
}
