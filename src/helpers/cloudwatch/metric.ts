/**
 * CloudWatch metrics as the book's boto objects: `Metric:CPUUtilization(InstanceId,i-76894c16)`,
 * `query(start, end, statistics, {unit, period})` and `createAlarm({...})` (recipes 2.12–2.14).
 */
import { paginateListMetrics, type CloudWatch, type Datapoint, type Dimension, type Metric as MetricData } from '@aws-sdk/client-cloudwatch';
import { Resource, ResourceNotFound, type Column } from '../core/resource.js';
import { createAlarm, listAlarms, type AlarmOptions, type MetricAlarm } from './alarm.js';
import { Datapoints, isExtended } from './datapoints.js';
import { dimensionMap, toDate } from './dimensions.js';

export interface QueryOptions {
  /** Only datapoints in this unit (e.g. 'Bytes'). */
  unit?: string;
  /** Seconds per datapoint: 60 or a multiple (1, 5, 10, 30 for high-resolution metrics). @default 60 */
  period?: number;
}

export class Metric extends Resource<MetricData, CloudWatch> {
  static override kind = 'Metric';
  static override columns: readonly Column<Metric>[] = [
    { header: 'Namespace', value: (m) => m.namespace },
    { header: 'Metric', value: (m) => m.name },
    { header: 'Dimensions', value: (m) => (m.data.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(' ') },
  ];
  /** The units CloudWatch knows, as boto's `Metric.Units`. */
  static readonly Units = ['Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits', 'Megabits', 'Gigabits', 'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second', 'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None'];
  /** The statistics a query can ask for, as boto's `Metric.Statistics`. */
  static readonly Statistics = ['Minimum', 'Maximum', 'Sum', 'Average', 'SampleCount'];

  /** `CPUUtilization(InstanceId,i-76894c16)`, or just the name when it has no dimensions. */
  get id(): string {
    const dims = (this.data.Dimensions ?? []).map((d) => `${d.Name},${d.Value}`).join(';');
    return dims ? `${this.name}(${dims})` : this.name;
  }
  get name(): string {
    return this.data.MetricName ?? '';
  }
  get namespace(): string {
    return this.data.Namespace ?? '';
  }
  /** `{InstanceId: ['i-…']}`, as boto's `metric.dimensions`. */
  get dimensions(): Record<string, string[]> {
    return dimensionMap(this.data.Dimensions);
  }
  get Units(): string[] {
    return Metric.Units;
  }
  get Statistics(): string[] {
    return Metric.Statistics;
  }

  protected async describe(): Promise<MetricData> {
    const found = await listMetrics(this.client, { namespace: this.namespace, metricName: this.name, dimensions: this.data.Dimensions });
    const same = found.find((m) => m.id === this.id);
    if (!same) throw new ResourceNotFound('Metric', this.id);
    return same.data;
  }

  /**
   * The datapoints between `start` and `end`, oldest first, for one statistic or several
   * (`'Average'`, `['Maximum', 'p99']` — percentiles too); the fourth argument is a unit or `{unit, period}`.
   */
  async query(start: Date | string | number, end: Date | string | number, statistics: string | string[], options: string | QueryOptions = {}): Promise<Datapoints> {
    const { unit, period = 60 } = typeof options === 'string' ? { unit: options } : options;
    const stats = [statistics].flat();
    // CloudWatch takes standard and extended statistics (p99, tm90) in separate requests: ask for each kind given, then merge by time.
    const kinds = [stats.filter((s) => !isExtended(s)), stats.filter(isExtended)];
    const answers = await Promise.all(
      kinds.map((kind, extended) =>
        kind.length === 0
          ? []
          : this.client
              .getMetricStatistics({
                Namespace: this.namespace,
                MetricName: this.name,
                Dimensions: this.data.Dimensions,
                StartTime: toDate(start),
                EndTime: toDate(end),
                Period: period,
                ...(extended ? { ExtendedStatistics: kind } : { Statistics: kind as never }),
                Unit: unit as never,
              })
              .then((r) => r.Datapoints ?? []),
      ),
    );
    const byTime = new Map<number, Datapoint>();
    for (const p of answers.flat()) byTime.set(p.Timestamp!.getTime(), { ...byTime.get(p.Timestamp!.getTime()), ...p });
    const points = [...byTime.values()];
    return Datapoints.create(this.name, stats, period, points);
  }

  /** An alarm on this metric (the book's `metric.create_alarm`); comparison may be `>`, `>=`, `<`, `<=`. */
  createAlarm(options: AlarmOptions): Promise<MetricAlarm> {
    return createAlarm(this.client, { ...options, metric: this });
  }

  /** The alarms watching this metric. */
  alarms(): Promise<MetricAlarm[]> {
    return listAlarms(this.client, { metric: this });
  }
}

export interface MetricFilter {
  namespace?: string;
  metricName?: string;
  /** `{InstanceId: 'i-…'}`: metrics having these dimensions (a null value: any value). */
  dimensions?: Record<string, string | null> | Dimension[];
}

/** The book's `cw.list_metrics(...)`: every page. */
export async function listMetrics(cw: CloudWatch, filter: MetricFilter = {}): Promise<Metric[]> {
  const dims = Array.isArray(filter.dimensions)
    ? filter.dimensions
    : Object.entries(filter.dimensions ?? {}).map(([Name, Value]) => (Value === null ? { Name } : { Name, Value }));
  const out: Metric[] = [];
  for await (const page of paginateListMetrics({ client: cw }, { Namespace: filter.namespace, MetricName: filter.metricName, Dimensions: dims.length ? dims : undefined })) {
    for (const m of page.Metrics ?? []) out.push(new Metric(cw, m));
  }
  return out;
}
