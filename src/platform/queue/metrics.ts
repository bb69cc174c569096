/**
 * The job queue's Prometheus metrics, in the registry of the app's Metrics: jobs finished by
 * queue and outcome, handler time per batch, and, read when scraped, the jobs waiting, running
 * or failed and how long the oldest due job has waited.
 */
import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from '../metrics.ts';

/** Per queue that has jobs not done (`JobQueue.stats()`), what the gauges show. */
export interface QueueStats {
  queue: string;
  /** Including jobs planned for later. */
  pending: number;
  running: number;
  failed: number;
  /** How long the longest-waiting due job has been due; null when none is. */
  oldestPendingSeconds: number | null;
}

export interface JobMetrics {
  jobs: Counter<'queue' | 'outcome'>;
  duration: Histogram<'queue'>;
}

const statsCacheMs = 1_000;
/** One set per registry: a queue and a worker in the same process share it. */
const made = new WeakMap<Metrics, JobMetrics>();

export function jobMetrics(metrics: Metrics, stats: () => Promise<QueueStats[]>): JobMetrics {
  const existing = made.get(metrics);
  if (existing) return existing;

  // Both gauges are set from one stats query, at most one a second. When it fails, they keep
  // their last values; a queue that has no jobs left reads 0.
  let cached: { at: number; stats: Promise<QueueStats[] | null> } | undefined;
  const current = () => {
    if (!cached || Date.now() - cached.at > statsCacheMs) cached = { at: Date.now(), stats: stats().catch(() => null) };
    return cached.stats;
  };
  const seen = new Set<string>();
  const read = async (set: (queue: string, row: QueueStats | undefined) => void) => {
    const rows = await current();
    if (!rows) return;
    for (const row of rows) seen.add(row.queue);
    for (const queue of seen)
      set(
        queue,
        rows.find((row) => row.queue === queue),
      );
  };

  metrics.gauge({
    name: 'voordeur_job_queue_depth',
    help: 'Jobs waiting (including planned ones), running or failed, by queue',
    labelNames: ['queue', 'state'] as const,
    async collect() {
      await read((queue, row) => {
        for (const state of ['pending', 'running', 'failed'] as const) this.set({ queue, state }, row?.[state] ?? 0);
      });
    },
  });
  metrics.gauge({
    name: 'voordeur_job_oldest_pending_seconds',
    help: 'How long the longest-waiting due job of a queue has been due',
    labelNames: ['queue'] as const,
    async collect() {
      await read((queue, row) => this.set({ queue }, row?.oldestPendingSeconds ?? 0));
    },
  });

  const created: JobMetrics = {
    jobs: metrics.counter({
      name: 'voordeur_jobs_total',
      help: 'Jobs handled, by queue and outcome (done, retry, failed)',
      labelNames: ['queue', 'outcome'] as const,
    }),
    duration: metrics.histogram({
      name: 'voordeur_job_duration_seconds',
      help: 'Time a handler took for one batch of jobs, by queue',
      labelNames: ['queue'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    }),
  };
  made.set(metrics, created);
  return created;
}
