/**
 * The child process of test/kill.db.test.ts. It starts the real Simpul server (startServer, the
 * same composition root as `simpul start`) on a random port and creates employees through HTTP,
 * several requests in flight at once. After each 201 response it prints `ack <employee id>`: from
 * that moment the write is acknowledged and must survive the parent's SIGKILL.
 *
 * Input (environment, set by the parent): DATABASE_URL, FILES_DIR, KILL_TOKEN, KILL_HOST,
 * KILL_AGENCY_ID, KILL_MAX_WRITES (upper bound, so the loop always ends), KILL_CONCURRENCY.
 */
import http from 'node:http';
import { loadConfig } from '../../src/platform/config/config.js';
import { createLogger } from '../../src/platform/logger.js';
import { startServer } from '../../src/main.js';
import { makeNip } from './factories.js';

function need(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`kill-writer: ${name} is not set`);
  return v;
}

const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: need('DATABASE_URL'),
  FILES_DIR: need('FILES_DIR'),
  HOST: '127.0.0.1',
  PORT: '0',
  JOBS_ENABLED: 'false',
  SERVE_WEB: 'false',
  RATE_LIMIT_PER_MINUTE: '1000000',
});
const token = need('KILL_TOKEN');
const host = need('KILL_HOST');
const agencyId = need('KILL_AGENCY_ID');
const maxWrites = Number(process.env.KILL_MAX_WRITES ?? '900');
const concurrency = Number(process.env.KILL_CONCURRENCY ?? '4');

const server = await startServer(config, createLogger(config), { role: 'web' });
const url = new URL(server.url!);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

function post(body: unknown): Promise<{ status: number; text: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/org/employees',
        headers: {
          host,
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

let next = 0;
async function worker(): Promise<void> {
  while (next < maxWrites) {
    const seq = next++;
    const res = await post({ nip: makeNip(seq), name: `Pegawai Kill ${seq}`, agencyId });
    if (res.status !== 201) {
      process.stderr.write(`kill-writer: write ${seq} answered ${res.status}: ${res.text}\n`);
      process.exit(3);
    }
    const id = (JSON.parse(res.text) as { id: string }).id;
    // stdout to a pipe is synchronous on Linux: the line is in the pipe before the next write.
    process.stdout.write(`ack ${id}\n`);
  }
}

process.stdout.write(`ready ${server.url}\n`);
await Promise.all(Array.from({ length: concurrency }, () => worker()));
process.stdout.write('done\n');
await server.stop();
agent.destroy();
