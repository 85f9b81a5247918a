// Child processes for the benchmarks: spawning, readiness polling, memory and orderly stopping.
// Every wait is bounded in time and in count; every address is loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

const live = new Set<ChildProcess>();

/** Last resort on an unexpected exit of the bench: no child is left running. */
process.on('exit', () => {
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  pid: number;
  /** The tail of stdout and stderr, for error messages. */
  output(): string;
  exited: Promise<number | null>;
}

export function startChild(cmd: string, args: string[], env: Record<string, string>): Child {
  const proc = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(proc);
  let tail = '';
  const keep = (b: Buffer) => {
    tail = (tail + b.toString('utf8')).slice(-4000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    proc.once('exit', (code) => {
      live.delete(proc);
      resolve(code);
    });
  });
  if (proc.pid === undefined) throw new Error(`could not start ${cmd}`);
  return { proc, pid: proc.pid, output: () => tail, exited };
}

/**
 * Polls url every intervalMs until it answers 200; returns the milliseconds since `since`.
 * Gives up after timeoutMs or when the child exits.
 */
export async function waitFor200(
  url: string,
  child: Child,
  since: number,
  opts: { intervalMs?: number; timeoutMs?: number } = {},
): Promise<number> {
  const interval = opts.intervalMs ?? 20;
  const timeout = opts.timeoutMs ?? 90_000;
  const maxPolls = Math.ceil(timeout / interval) + 1;
  let dead = false;
  void child.exited.then(() => {
    dead = true;
  });
  for (let i = 0; i < maxPolls; i++) {
    if (dead) throw new Error(`process exited before ${url} was ready:\n${child.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - since > timeout) break;
    await sleep(interval);
  }
  throw new Error(`${url} not ready within ${timeout} ms:\n${child.output()}`);
}

/** SIGTERM, then wait (bounded); SIGKILL if it does not go. Returns the milliseconds it took. */
export async function stopChild(child: Child, timeoutMs = 30_000): Promise<number> {
  const t0 = performance.now();
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return 0;
  child.proc.kill('SIGTERM');
  const done = await Promise.race([
    child.exited.then(() => true),
    sleep(timeoutMs).then(() => false),
  ]);
  if (!done) {
    child.proc.kill('SIGKILL');
    await Promise.race([child.exited, sleep(5000)]);
  }
  return performance.now() - t0;
}

function statusField(pid: number, field: string): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Resident set size of one process in MiB (VmRSS), or null when it is gone. */
export function rssMiB(pid: number): number | null {
  const kb = statusField(pid, 'VmRSS');
  return kb === null ? null : kb / 1024;
}

/** Proportional set size in MiB: shared pages divided among the processes sharing them. */
function pssMiB(pid: number): number | null {
  try {
    const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

function pids(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

/**
 * The PostgreSQL serving a data directory: the postmaster (its command line names the directory)
 * and all its children (backends, checkpointer, WAL writer, ...). RSS summed over them counts
 * shared buffers once per process, so the PSS sum is given as well.
 */
export function postgresMemory(databaseDir: string): {
  processes: number;
  rssSumMiB: number;
  pssSumMiB: number | null;
} {
  const all = pids();
  const postmasters = all.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(databaseDir);
    } catch {
      return false;
    }
  });
  const members = new Set(postmasters);
  for (const pid of all) {
    const ppid = statusField(pid, 'PPid');
    if (ppid !== null && members.has(ppid)) members.add(pid);
  }
  let rss = 0;
  let pss: number | null = 0;
  for (const pid of members) {
    rss += rssMiB(pid) ?? 0;
    const p = pssMiB(pid);
    pss = p === null || pss === null ? null : pss + p;
  }
  return { processes: members.size, rssSumMiB: rss, pssSumMiB: pss };
}

/** If a killed Simpul left its embedded PostgreSQL running, ask that postmaster to stop. */
export async function stopLeftoverPostmaster(databaseDir: string): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await sleep(100);
  }
}

// ------------------------------------------------------------------ CPU accounting

const CLK_TCK = 100; // Linux USER_HZ; `getconf CLK_TCK` on every supported platform

/** CPU seconds (user + system) a process has used, or 0 when it is gone. */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return 0;
  }
}

/** The PostgreSQL backends serving one database of a shared server (their title names it). */
export function backendsOf(database: string): number[] {
  return pids().filter((pid) => {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      return title.startsWith('postgres: ') && title.split(' ').includes(database);
    } catch {
      return false;
    }
  });
}

/** The postmaster of a data directory and all its children. */
export function postgresOf(databaseDir: string): number[] {
  const all = pids();
  const members = new Set(
    all.filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(databaseDir);
      } catch {
        return false;
      }
    }),
  );
  for (const pid of all) {
    const ppid = statusField(pid, 'PPid');
    if (ppid !== null && members.has(ppid)) members.add(pid);
  }
  return [...members];
}

function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = line.reduce((a, b) => a + b, 0);
  const idle = (line[3] ?? 0) + (line[4] ?? 0);
  return { busy: total - idle, total };
}

export interface CpuSplit {
  wallS: number;
  /** CPU seconds per group over the measured window, and per 2xx-or-not request when known. */
  seconds: Record<string, number>;
  /** Whole machine: cores' worth of busy time, and the share no named group accounts for. */
  machineBusyCores: number;
  otherSeconds: number;
}

/** Runs fn and splits the CPU time it took between named groups of processes. */
export async function withCpu<T>(
  groups: Record<string, () => number[]>,
  fn: () => Promise<T>,
): Promise<{ result: T; cpu: CpuSplit }> {
  const snap = () => {
    const m = new Map<string, Map<number, number>>();
    for (const [name, list] of Object.entries(groups))
      m.set(name, new Map(list().map((pid) => [pid, cpuSecondsOf(pid)])));
    return m;
  };
  const before = snap();
  const selfBefore = process.cpuUsage();
  const machineBefore = machineTicks();
  const w0 = performance.now();
  const result = await fn();
  const wallS = (performance.now() - w0) / 1000;
  const self = process.cpuUsage(selfBefore);
  const machineAfter = machineTicks();
  const after = snap();
  const seconds: Record<string, number> = { loadGenerator: (self.user + self.system) / 1e6 };
  for (const [name, pidsAfter] of after) {
    const b = before.get(name) ?? new Map<number, number>();
    let s = 0;
    for (const [pid, t] of pidsAfter) s += t - (b.get(pid) ?? 0);
    seconds[name] = s;
  }
  const busyS = (machineAfter.busy - machineBefore.busy) / CLK_TCK;
  const named = Object.values(seconds).reduce((a, b) => a + b, 0);
  for (const k of Object.keys(seconds)) seconds[k] = Math.round(seconds[k]! * 100) / 100;
  return {
    result,
    cpu: {
      wallS: Math.round(wallS * 100) / 100,
      seconds,
      machineBusyCores: Math.round((busyS / wallS) * 100) / 100,
      otherSeconds: Math.round(Math.max(0, busyS - named) * 100) / 100,
    },
  };
}
