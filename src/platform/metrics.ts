/**
 * Prometheus metrics: one registry per process, served at /metrics by the web application
 * (`registerMetrics` in platform/http/metrics.ts). The platform's own: request durations per
 * route, outgoing call durations per source. Sources, the job queue and features register theirs
 * here too, through `counter`, `histogram` and `gauge`, so that none has to know the registry.
 */
import client from 'prom-client';

/** A metric's settings, without where it is registered (that is this registry). */
type Settings<C> = Omit<C, 'registers'>;

export class Metrics {
  readonly registry = new client.Registry();
  readonly httpDuration = this.histogram({
    name: 'voordeur_http_request_duration_seconds',
    help: 'Duration of HTTP requests handled by Voordeur, by route',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });
  readonly sourceDuration = this.histogram({
    name: 'voordeur_source_request_duration_seconds',
    help: 'Duration of calls from Voordeur to an external source, by source and outcome',
    labelNames: ['source', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
  });

  constructor() {
    client.collectDefaultMetrics({ register: this.registry, prefix: 'voordeur_' });
  }

  /** A counter in this registry. A name can be registered once per registry. */
  counter<L extends string>(settings: Settings<client.CounterConfiguration<L>>): client.Counter<L> {
    return new client.Counter({ ...settings, registers: [this.registry] });
  }

  /** A histogram in this registry. */
  histogram<L extends string>(settings: Settings<client.HistogramConfiguration<L>>): client.Histogram<L> {
    return new client.Histogram({ ...settings, registers: [this.registry] });
  }

  /** A gauge in this registry; with `collect`, set when scraped. */
  gauge<L extends string>(settings: Settings<client.GaugeConfiguration<L>>): client.Gauge<L> {
    return new client.Gauge({ ...settings, registers: [this.registry] });
  }

  /** Times an outgoing call: `await metrics.timeSource('oidc', () => fetch(…))`. */
  async timeSource<T>(source: string, call: () => Promise<T>): Promise<T> {
    const end = this.sourceDuration.startTimer({ source });
    try {
      const result = await call();
      end({ outcome: 'ok' });
      return result;
    } catch (error) {
      end({ outcome: 'error' });
      throw error;
    }
  }
}
