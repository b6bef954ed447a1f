import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from './db';

/** A unit of background work a module declares: queued deliveries, reminders, retention, feeds. */
export interface JobDefinition<T extends object = Record<string, unknown>> {
  name: string;
  handler: (data: T, meta: { id: string; attempt: number }) => Promise<void>;
  /** Cron (5 fields) in Europe/Moscow, for scheduled jobs. */
  schedule?: string;
  retryLimit?: number;
  retryDelaySeconds?: number;
  expireInSeconds?: number;
}

export const defineJob = <T extends object>(job: JobDefinition<T>) => job as unknown as JobDefinition;

export interface JobsOptions {
  database: Database;
  definitions: JobDefinition[];
  logger: Logger;
  /** Run handlers in this process (false for app instances when WORKERS=external). */
  work: boolean;
  pollingIntervalSeconds?: number;
}

/**
 * The Postgres-backed queue (pg-boss 10) on either driver. Each job gets a queue with retries
 * and exponential backoff; a job that fails its last retry moves to `<name>.dead`, where it is
 * kept for inspection and can be resent.
 */
export class Jobs {
  private boss: PgBoss;
  private started = false;
  private readonly byName: Map<string, JobDefinition>;

  constructor(private readonly options: JobsOptions) {
    this.byName = new Map(options.definitions.map((d) => [d.name, d]));
    const { database } = options;
    this.boss = new PgBoss({
      db: {
        // PGlite runs multi-statement SQL only through exec(); pg-boss sends those without values.
        executeSql: (text: string, values: unknown[]) =>
          values && values.length ? database.query(text, values) : database.exec(text),
      },
      schema: 'pgboss',
      supervise: options.work,
      schedule: options.work,
      migrate: true,
    });
    this.boss.on('error', (err) => options.logger.error({ err }, 'job queue error'));
  }

  async start() {
    if (this.started) return;
    await this.boss.start();
    this.started = true;
    for (const def of this.byName.values()) {
      const dead = `${def.name}.dead`;
      await this.ensureQueue(dead, {});
      await this.ensureQueue(def.name, {
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelaySeconds ?? 10,
        retryBackoff: true,
        expireInSeconds: def.expireInSeconds ?? 15 * 60,
        deadLetter: dead,
      });
      if (def.schedule && this.options.work)
        await this.boss.schedule(def.name, def.schedule, {}, { tz: 'Europe/Moscow' });
      if (this.options.work) {
        await this.boss.work<Record<string, unknown>>(
          def.name,
          { pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2, includeMetadata: true },
          async (jobs) => {
            for (const job of jobs) {
              const attempt = ((job as { retryCount?: number }).retryCount ?? 0) + 1;
              try {
                await def.handler(job.data ?? {}, { id: job.id, attempt });
              } catch (err) {
                this.options.logger.warn({ err, job: def.name, id: job.id, attempt }, 'job failed');
                throw err;
              }
            }
          },
        );
      }
    }
  }

  private async ensureQueue(name: string, options: Omit<PgBoss.Queue, 'name'>) {
    const existing = await this.boss.getQueue(name);
    if (existing) await this.boss.updateQueue(name, { name, ...options });
    else await this.boss.createQueue(name, { name, ...options });
  }

  /** Queues a job; `singletonKey` makes a repeated send a no-op while the first is pending. */
  async send(
    name: string,
    data: object,
    options: { singletonKey?: string; startAfterSeconds?: number } = {},
  ) {
    if (!this.byName.has(name)) throw new Error(`Unknown job ${name}`);
    return this.boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfterSeconds,
    });
  }

  async getJob(name: string, id: string) {
    return this.boss.getJobById(name, id);
  }

  /** Jobs that exhausted their retries and wait in `<name>.dead`, newest first. */
  async deadLetters(name: string) {
    const { rows } = await this.options.database.query<{ id: string; data: unknown; created_on: Date }>(
      'SELECT id, data, created_on FROM pgboss.job WHERE name = $1 ORDER BY created_on DESC LIMIT 100',
      [`${name}.dead`],
    );
    return rows;
  }

  async stop() {
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }
}
