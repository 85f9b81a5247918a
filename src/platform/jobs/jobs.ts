import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { JobDefinition, ModuleDeps } from '../module.js';

export interface JobRunner {
  stop(): Promise<void>;
  /** Runs a job now (CLI and tests); resolves when it is queued. */
  send(name: string): Promise<string | null>;
}

/**
 * pg-boss on the same PostgreSQL (its own schema, owner connection). Every node may schedule;
 * pg-boss makes sure a cron fires once. Workers run only in the `all` and `worker` roles.
 */
export async function startJobs(
  ownerUrl: string,
  jobs: JobDefinition[],
  deps: ModuleDeps,
  opts: { work: boolean; log: Logger },
): Promise<JobRunner> {
  const boss = new PgBoss({
    connectionString: ownerUrl,
    schema: 'pgboss',
    application_name: 'simpul-jobs',
    max: 4,
  });
  boss.on('error', (err) => opts.log.error({ category: 'jobs', err }, 'job queue error'));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name);
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    if (opts.work) {
      await boss.work(job.name, async () => {
        const started = Date.now();
        await job.handler(deps);
        opts.log.info(
          { category: 'jobs', job: job.name, ms: Date.now() - started },
          'job finished',
        );
      });
    }
  }
  return {
    stop: () => boss.stop({ graceful: true, timeout: 20_000, wait: true }),
    send: (name) => boss.send(name, {}),
  };
}
