/** A small Prometheus registry: request counts and latency histograms per route. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series {
  count: number;
  sum: number;
  buckets: number[];
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Series>();
  private readonly started = Date.now();

  observe(route: string, method: string, status: number, elapsedMs: number): void {
    const key = `method="${method}",route="${escape(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const dkey = `method="${method}",route="${escape(route)}"`;
    let s = this.durations.get(dkey);
    if (!s) {
      s = { count: 0, sum: 0, buckets: BUCKETS.map(() => 0) };
      this.durations.set(dkey, s);
    }
    const secs = elapsedMs / 1000;
    s.count++;
    s.sum += secs;
    BUCKETS.forEach((b, i) => {
      if (secs <= b) s.buckets[i]!++;
    });
  }

  render(extra: Record<string, number> = {}): string {
    const lines: string[] = [];
    lines.push('# HELP simpul_http_requests_total HTTP requests by route and status.');
    lines.push('# TYPE simpul_http_requests_total counter');
    for (const [k, v] of this.requests) lines.push(`simpul_http_requests_total{${k}} ${v}`);
    lines.push('# HELP simpul_http_request_duration_seconds HTTP request latency.');
    lines.push('# TYPE simpul_http_request_duration_seconds histogram');
    for (const [k, s] of this.durations) {
      BUCKETS.forEach((b, i) =>
        lines.push(`simpul_http_request_duration_seconds_bucket{${k},le="${b}"} ${s.buckets[i]}`),
      );
      lines.push(`simpul_http_request_duration_seconds_bucket{${k},le="+Inf"} ${s.count}`);
      lines.push(`simpul_http_request_duration_seconds_sum{${k}} ${s.sum}`);
      lines.push(`simpul_http_request_duration_seconds_count{${k}} ${s.count}`);
    }
    const mem = process.memoryUsage();
    const gauges: Record<string, number> = {
      simpul_process_resident_memory_bytes: mem.rss,
      simpul_process_heap_used_bytes: mem.heapUsed,
      simpul_process_uptime_seconds: (Date.now() - this.started) / 1000,
      ...extra,
    };
    for (const [name, value] of Object.entries(gauges)) {
      lines.push(`# TYPE ${name} gauge`, `${name} ${value}`);
    }
    return lines.join('\n') + '\n';
  }
}

function escape(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
