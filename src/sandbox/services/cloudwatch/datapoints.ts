/**
 * CloudWatch's datapoints, kept out of the state document so that PutMetricData costs the same
 * with 100,000 points stored as with none (issue 11): in memory each metric's points stay sorted
 * by time (a new point is appended, or spliced in after a binary search; never a full sort), and
 * on disk every PutMetricData is one line appended to an account's and region's journal
 * (state/monitoring-datapoints.jsonl, durable before the answer: ../../core/journal.ts). Points
 * past the retention are dropped; the journal is rewritten only once most of what it holds has expired.
 */
import { join } from 'node:path';
import { Journal } from '../../core/journal.js';
import type { SandboxRuntime } from '../../core/types.js';
import { metricKey, SERVICE, sortDimensions } from './state.js';
import type { CloudWatchState, Dimension, GivenDimension, MetricRecord, Point } from './types.js';

/** CloudWatch keeps data two weeks (and accepts timestamps up to two hours ahead). */
export const RETENTION_MS = 15 * 24 * 3600 * 1000;
/** Expired points the journal may hold beyond twice the live ones before it is rewritten. */
const COMPACT_SLACK = 50_000;
/** Points per line when the journal is rewritten. */
const CHUNK = 1000;

/** A metric's identity, once per metric, then its points: `[metric, putAt, points]`. */
type DatapointRecord =
  | { metric: number; accountId: string; region: string; namespace: string; name: string; dimensions: Dimension[] }
  | [metric: number, putAt: number, points: Point[]];

export class Datapoints {
  /** By account, region and metricKey. */
  private readonly accounts = new Map<string, Map<string, Map<string, MetricRecord>>>();
  private readonly byId = new Map<number, MetricRecord>();
  private nextId = 0;
  private journal!: Journal<DatapointRecord>;
  /** Points in the journal file, and in memory. */
  private stored = 0;
  private live = 0;

  private constructor() {}

  static async open(runtime: SandboxRuntime): Promise<Datapoints> {
    const points = new Datapoints();
    const file = join(runtime.store.dir, 'state', `${SERVICE}-datapoints.jsonl`);
    points.journal = await Journal.open<DatapointRecord>(file, (r) => points.replay(r));
    points.expire();
    if (points.stored > 2 * points.live + COMPACT_SLACK) await points.compact();
    await points.adoptLegacy(runtime);
    return points;
  }

  /** The metrics of one account and region. */
  metrics(accountId: string, region: string): Iterable<MetricRecord> {
    return this.accounts.get(accountId)?.get(region)?.values() ?? [];
  }

  find(accountId: string, region: string, namespace: string, name: string, dimensions?: GivenDimension[]): MetricRecord | undefined {
    return this.accounts.get(accountId)?.get(region)?.get(metricKey(namespace, name, dimensions));
  }

  /** Adds points to a metric (creating it); resolves once they are durable. */
  record(accountId: string, region: string, namespace: string, name: string, dimensions: GivenDimension[], points: Point[], now = Date.now()): Promise<void> {
    const scope = this.scope(accountId, region);
    const key = metricKey(namespace, name, dimensions);
    let metric = scope.get(key);
    const written: Array<Promise<void>> = [];
    if (!metric) {
      metric = { id: this.nextId, namespace, name, dimensions: sortDimensions(dimensions), points: [], lastPut: 0 };
      scope.set(key, metric);
      this.identify(metric);
      written.push(this.journal.append(identity(metric, accountId, region)));
    }
    this.add(metric, points, now);
    this.stored += points.length;
    written.push(this.journal.append([metric.id, now, points]));
    if (this.stored > 2 * this.live + COMPACT_SLACK) void this.compact().catch((err: Error) => console.error(`paws sandbox: could not compact the CloudWatch datapoints: ${err.message}`));
    return Promise.all(written).then(() => {});
  }

  /** Drops every point past the retention (a metric nobody writes to any more keeps none). */
  expire(now = Date.now()): void {
    for (const { metric } of this.all()) this.trim(metric, now);
  }

  close(): Promise<void> {
    return this.journal.close();
  }

  private scope(accountId: string, region: string): Map<string, MetricRecord> {
    let regions = this.accounts.get(accountId);
    if (!regions) this.accounts.set(accountId, (regions = new Map()));
    let scope = regions.get(region);
    if (!scope) regions.set(region, (scope = new Map()));
    return scope;
  }

  private *all(): Iterable<{ accountId: string; region: string; metric: MetricRecord }> {
    for (const [accountId, regions] of this.accounts) {
      for (const [region, scope] of regions) for (const metric of scope.values()) yield { accountId, region, metric };
    }
  }

  private identify(metric: MetricRecord): void {
    this.byId.set(metric.id, metric);
    this.nextId = Math.max(this.nextId, metric.id + 1);
  }

  /** Inserts in time order, after any point of the same time (the order a stable sort gave). */
  private add(metric: MetricRecord, points: Point[], now: number): void {
    const all = metric.points;
    for (const p of points) {
      if (!all.length || all[all.length - 1][0] <= p[0]) all.push(p);
      else all.splice(upperBound(all, p[0]), 0, p);
    }
    this.live += points.length;
    metric.lastPut = Math.max(metric.lastPut, now);
    this.trim(metric, now);
  }

  private trim(metric: MetricRecord, now: number): void {
    const cutoff = firstAtOrAfter(metric.points, now - RETENTION_MS);
    if (cutoff > 0) {
      metric.points.splice(0, cutoff);
      this.live -= cutoff;
    }
  }

  private replay(r: DatapointRecord): void {
    if (!Array.isArray(r)) {
      const metric: MetricRecord = { id: r.metric, namespace: r.namespace, name: r.name, dimensions: r.dimensions, points: [], lastPut: 0 };
      this.scope(r.accountId, r.region).set(metricKey(r.namespace, r.name, r.dimensions), metric);
      this.identify(metric);
      return;
    }
    const [id, putAt, points] = r;
    const metric = this.byId.get(id);
    if (!metric) return;
    this.stored += points.length;
    this.add(metric, points, putAt);
  }

  /** Rewrites the journal with only the live points. */
  private compact(): Promise<void> {
    const records: DatapointRecord[] = [];
    for (const { accountId, region, metric } of this.all()) {
      records.push(identity(metric, accountId, region));
      for (let i = 0; i < metric.points.length; i += CHUNK) records.push([metric.id, metric.lastPut, metric.points.slice(i, i + CHUNK)]);
    }
    this.stored = this.live;
    return this.journal.rewrite(records);
  }

  /** Datapoints an older paws kept in the state document move to the journal. */
  private async adoptLegacy(runtime: SandboxRuntime): Promise<void> {
    const moved: Array<Promise<void>> = [];
    for (const { accountId, region, state } of runtime.store.all<CloudWatchState & { metrics?: Record<string, MetricRecord> }>(SERVICE)) {
      for (const m of Object.values(state.metrics ?? {})) moved.push(this.record(accountId, region, m.namespace, m.name, m.dimensions, m.points, m.lastPut));
      if (state.metrics) delete state.metrics;
    }
    if (!moved.length) return;
    await Promise.all(moved);
    runtime.store.markDirty(SERVICE);
  }
}

function identity(metric: MetricRecord, accountId: string, region: string): DatapointRecord {
  return { metric: metric.id, accountId, region, namespace: metric.namespace, name: metric.name, dimensions: metric.dimensions };
}

/** The index of the first point at or after `t`. */
export function firstAtOrAfter(points: Point[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid][0] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the first point after `t`. */
function upperBound(points: Point[], t: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid][0] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const opened = new WeakMap<SandboxRuntime, Promise<Datapoints>>();

/** The sandbox's datapoints, opened (replayed) on first use. */
export function datapointsOf(runtime: SandboxRuntime): Promise<Datapoints> {
  let points = opened.get(runtime);
  if (!points) {
    opened.set(runtime, (points = Datapoints.open(runtime)));
    runtime.onClose(async () => (await points!).close());
  }
  return points;
}
