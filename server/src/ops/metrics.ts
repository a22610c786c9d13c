import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** A connection as the figures count it: by transport and role kind, never by who or which meeting. */
export interface CountedConnection {
  transport: 'sync' | 'socketio';
  /** The role kind (`staff`, `family`, `network`, `projector`...), or `none` before one is known. */
  role: string;
}

/** What the server tells the figures about itself when they are read. */
export interface MetricSources {
  /** Meetings with at least one open connection, as opaque ids (counted, never shown). */
  openMeetings(): Iterable<string>;
  connections(): Iterable<CountedConnection>;
  /** Redis's state, only with REDIS_URL (a single server has no Redis to report). */
  redisConnected?: (() => boolean) | undefined;
}

/**
 * The operator's view [OPS1]-[OPS3]: Kinboard's figures in Prometheus's format through
 * prom-client. Every label is a kind (transport, role, close code, format), never a meeting id, a
 * family or a person [OPS2], so a scrape can be kept and shared like any other server figure.
 */
export class Metrics {
  readonly registry = new Registry();
  /** Every update a board's document stored (edits by anyone, the server's own included). */
  readonly edits: Counter;
  /** How long one batch of updates took to be durable in the store. */
  readonly storeWrites: Histogram;
  /** Connections the server closed or refused, by close code (sync) or refusal code (socket.io). */
  readonly refusals: Counter<'transport' | 'code'>;
  readonly exports: Histogram<'format'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    // Process figures, among them nodejs_eventloop_lag_* from monitorEventLoopDelay.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    new Gauge({
      name: 'kinboard_open_meetings',
      help: 'Meetings with at least one open connection on this server.',
      registers,
      collect() {
        this.set(new Set(sources.openMeetings()).size);
      },
    });
    new Gauge({
      name: 'kinboard_connections',
      help: 'Open connections on this server, by transport (sync, socketio) and role kind.',
      labelNames: ['transport', 'role'],
      registers,
      collect() {
        this.reset();
        for (const { transport, role } of sources.connections()) this.inc({ transport, role });
      },
    });
    this.edits = new Counter({
      name: 'kinboard_edits_total',
      help: 'Board updates stored; its rate is edits per second.',
      registers,
    });
    this.storeWrites = new Histogram({
      name: 'kinboard_store_write_seconds',
      help: 'Time for one batch of board updates to be durable in the store.',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.refusals = new Counter({
      name: 'kinboard_refusals_total',
      help: 'Connections closed or refused by the server, by transport and close or refusal code.',
      labelNames: ['transport', 'code'],
      registers,
    });
    this.exports = new Histogram({
      name: 'kinboard_export_seconds',
      help: 'Time to make an export of an agreed plan, by format.',
      labelNames: ['format'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
      registers,
    });
    const redisConnected = sources.redisConnected;
    if (redisConnected)
      new Gauge({
        name: 'kinboard_redis_connected',
        help: '1 while this server reaches Redis, 0 while it does not; absent without REDIS_URL.',
        registers,
        collect() {
          this.set(redisConnected() ? 1 : 0);
        },
      });
  }

  /** Times `work` into a histogram, whether it succeeds or not. */
  static async timed<T>(observe: (seconds: number) => void, work: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    try {
      return await work();
    } finally {
      observe(Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

/** The part of Metrics the sync and export layers feed; absent when metrics are off. */
export type MetricsFeed = Pick<Metrics, 'edits' | 'storeWrites' | 'refusals' | 'exports'>;
