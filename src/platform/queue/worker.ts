/**
 * Runs jobs from the queue: claims a batch, gives each queue's jobs to its handler, and marks
 * them done or failed by what the handler says. While it finds work it claims again at once;
 * otherwise it waits `pollMs`, or until `wake()` (called by code that just added jobs in this
 * process). Queues can be claimed apart, in lanes with a batch size and a number of batches in
 * hand of their own: then a slow queue does not hold up a quick one, and a queue that gains by
 * large batches gets them. There is no lease renewal: a batch must be handled well within
 * `leaseMs`, or another worker may take its jobs too (which idempotent handlers survive, but it
 * costs work).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Histogram } from 'prom-client';
import type { Metrics } from '../metrics.ts';
import type { Log } from '../logging.ts';
import { jobMetrics } from './metrics.ts';
import type { Backoff, ClaimedJob, JobQueue } from './queue.ts';

/**
 * What became of a job: done, or not (tried again after a backoff, or at `retryAt` when the
 * handler knows when it is worth trying again; not at all when `permanent`).
 */
export type JobOutcome = { ok: true } | { ok: false; error: string; permanent?: boolean; retryAt?: Date };

/** Handles a batch of jobs of one queue; returns an outcome per job, in order. Throwing retries the whole batch. */
export type JobHandler = (jobs: ClaimedJob[]) => Promise<JobOutcome[]>;

/** Queues claimed together, apart from the other lanes. */
export interface Lane {
  queues: string[];
  /** Jobs claimed at a time; default the worker's `batchSize`. */
  batchSize?: number;
  /** Batches in hand at once; default the worker's `concurrency`. */
  concurrency?: number;
}

export interface WorkerOptions {
  /** Jobs claimed at a time, default 100. */
  batchSize?: number;
  /** Batches in hand at once, default 1. */
  concurrency?: number;
  /** Default: all queues in one lane. A queue in no lane is claimed in a lane of its own. */
  lanes?: Lane[];
  /** Wait between claims that found nothing, default 200 ms. */
  pollMs?: number;
  /**
   * For a database only this process uses (PGlite): after a claim that found nothing, a lane waits
   * until its next job is due (asked of the queue), at least `pollMs` and at most this long, or
   * until `wake()`, instead of asking every `pollMs`. Jobs added in this process without `wake()`
   * are then found within this time. Without it (PostgreSQL, where other processes add jobs) the
   * lane asks every `pollMs`.
   */
  idleMaxMs?: number;
  /** How long a claimed job is this worker's, default 30 s. */
  leaseMs?: number;
  workerId?: string;
  /** When a job is tried again; default 30 s doubling to 1 h. */
  backoff?: Backoff;
  log: Log;
  metrics?: Metrics;
}

/** After an error of the database itself. */
const errorPauseMs = 1_000;

/** A lane as the worker runs it. */
interface RunningLane {
  queues: string[];
  batchSize: number;
  concurrency: number;
  /** Woken while it was not waiting: its next wait is skipped. */
  woken: boolean;
  sleepers: (() => void)[];
}

export class Worker {
  private readonly lanes: RunningLane[];
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly workerId: string;
  private readonly log: Log;
  private readonly duration: Histogram<'queue'> | undefined;
  private loops: Promise<void>[] = [];
  private readonly inHand = new Set<Promise<number>>();
  private stopping = false;

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: Record<string, JobHandler>,
    private readonly options: WorkerOptions,
  ) {
    const queues = Object.keys(handlers);
    const lanes: Lane[] = options.lanes ?? [{ queues }];
    for (const name of lanes.flatMap((lane) => lane.queues)) if (!handlers[name]) throw new Error(`worker: no handler for queue ${name}`);
    const inALane = new Set(lanes.flatMap((lane) => lane.queues));
    this.lanes = [...lanes, ...queues.filter((name) => !inALane.has(name)).map((name): Lane => ({ queues: [name] }))].map((lane) => ({
      queues: lane.queues,
      batchSize: lane.batchSize ?? options.batchSize ?? 100,
      concurrency: lane.concurrency ?? options.concurrency ?? 1,
      woken: false,
      sleepers: [],
    }));
    this.pollMs = options.pollMs ?? 200;
    this.leaseMs = options.leaseMs ?? 30_000;
    this.workerId = options.workerId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.log = options.log;
    this.duration = options.metrics && jobMetrics(options.metrics, () => queue.stats()).duration;
    queue.onAdded((added) => {
      for (const name of added) if (handlers[name]) this.wake(name);
    });
  }

  start(): void {
    if (this.loops.length > 0) return;
    this.stopping = false;
    for (const lane of this.lanes) for (let i = 0; i < lane.concurrency; i++) this.loops.push(this.loop(lane, i === 0));
    this.log.info({ workerId: this.workerId, lanes: this.lanes.map((lane) => lane.queues) }, 'job worker started');
  }

  /** Claims now instead of at the end of the current wait: in the lane of `queue`, or in all. */
  wake(queue?: string): void {
    for (const lane of this.lanes) if (queue === undefined || lane.queues.includes(queue)) this.wakeLane(lane);
  }

  /** Finishes the batches in hand and claims no more. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await Promise.all(this.loops);
    this.loops = [];
    this.log.info({ workerId: this.workerId }, 'job worker stopped');
  }

  /** Handles jobs until none are due and no batch is in hand (also when not started). */
  async drain(): Promise<void> {
    for (;;) {
      const found = await Promise.all(this.lanes.map((lane) => this.poll(lane)));
      if (found.some((n) => n > 0)) continue;
      const others = [...this.inHand];
      if (others.length === 0) return;
      await Promise.allSettled(others);
    }
  }

  /**
   * One of the lane's batches in hand at a time. Only the lane's first loop looks for jobs when
   * there were none; the others wait until a loop of the lane found work or until `wake()`, so
   * that an idle worker asks the database once per lane per `pollMs`.
   */
  private async loop(lane: RunningLane, first: boolean): Promise<void> {
    while (!this.stopping) {
      let found = 0;
      let pause = this.pollMs;
      let failed = false;
      try {
        found = await this.poll(lane);
      } catch (error) {
        this.log.error({ workerId: this.workerId, err: error }, 'job worker: the queue could not be read or updated');
        pause = Math.max(this.pollMs, errorPauseMs);
        failed = true;
      }
      // Work found: the lane's other loops join in; and what was just handled may have added jobs for the other lanes.
      if (found > 0) for (const other of this.lanes) this.wakeLane(other);
      if (found === 0 && first && !failed && this.options.idleMaxMs) pause = await this.idlePause(lane, this.options.idleMaxMs);
      if (found === 0 && !this.stopping) await this.sleep(lane, first ? pause : undefined);
    }
  }

  /** How long an idle lane waits (see `idleMaxMs`): until its next job is due, between `pollMs` and `max`. */
  private async idlePause(lane: RunningLane, max: number): Promise<number> {
    try {
      const due = await this.queue.nextDueInMs(lane.queues);
      return Math.min(max, Math.max(this.pollMs, due ?? max));
    } catch (error) {
      this.log.error({ workerId: this.workerId, err: error }, 'job worker: the queue could not be read');
      return Math.max(this.pollMs, errorPauseMs);
    }
  }

  /** Ends the lane's waits; a lane not waiting now skips its next one. */
  private wakeLane(lane: RunningLane): void {
    if (lane.sleepers.length === 0) lane.woken = true;
    for (const wakeUp of lane.sleepers.splice(0)) wakeUp();
  }

  /** Waits `ms`, or without it until the lane is woken. */
  private sleep(lane: RunningLane, ms: number | undefined): Promise<void> {
    if (lane.woken) {
      lane.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(wakeUp, ms);
      function wakeUp() {
        clearTimeout(timer);
        const index = lane.sleepers.indexOf(wakeUp);
        if (index >= 0) lane.sleepers.splice(index, 1);
        resolve();
      }
      lane.sleepers.push(wakeUp);
    });
  }

  /** Claims one batch of the lane and handles it; returns how many jobs it had. */
  private poll(lane: RunningLane): Promise<number> {
    const work = this.claimAndHandle(lane);
    this.inHand.add(work);
    return work.finally(() => this.inHand.delete(work));
  }

  private async claimAndHandle(lane: RunningLane): Promise<number> {
    const jobs = await this.queue.claim(lane.queues, lane.batchSize, this.leaseMs, this.workerId);
    const byQueue = new Map<string, ClaimedJob[]>();
    for (const job of jobs) {
      const batch = byQueue.get(job.queue);
      if (batch) batch.push(job);
      else byQueue.set(job.queue, [job]);
    }
    await Promise.all([...byQueue].map(([name, batch]) => this.handle(name, batch)));
    // A batch handled (also by drain()) may have added jobs or put them back for later: idle lanes look again when they are due.
    if (jobs.length > 0 && this.options.idleMaxMs) for (const other of this.lanes) this.wakeLane(other);
    return jobs.length;
  }

  private async handle(name: string, batch: ClaimedJob[]): Promise<void> {
    const started = performance.now();
    let outcomes: JobOutcome[];
    try {
      outcomes = await this.handlers[name]!(batch);
      if (outcomes.length !== batch.length) throw new Error(`the handler returned ${outcomes.length} outcomes for ${batch.length} jobs`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error({ queue: name, jobs: batch.length, err: error }, 'job handler failed: the whole batch will be tried again');
      outcomes = batch.map(() => ({ ok: false, error: message }));
    }
    const seconds = (performance.now() - started) / 1000;
    this.duration?.observe({ queue: name }, seconds);
    if (seconds * 1000 > this.leaseMs) {
      this.log.warn({ queue: name, jobs: batch.length, seconds }, 'job handler took longer than the lease: other workers may have run these jobs too');
    }

    await this.queue.complete(batch.filter((_, i) => outcomes[i]!.ok).map((job) => job.id));
    await Promise.all(
      batch.map(async (job, i) => {
        const outcome = outcomes[i]!;
        if (outcome.ok) return;
        const result = await this.queue.fail(job, outcome.error, { permanent: outcome.permanent, retryAt: outcome.retryAt, backoff: this.options.backoff });
        if (result === 'failed') {
          this.log.warn({ queue: name, jobId: job.id, attempts: job.attempts, error: outcome.error }, 'job failed for good');
        }
      }),
    );
  }
}
