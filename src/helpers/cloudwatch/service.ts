/**
 * The `cw` service object: every operation of the SDK's aggregated CloudWatch client, plus the
 * book's conveniences (metrics, alarms, one-value puts). Add conveniences as methods of
 * CloudWatchService — names that are not SDK operations (a test checks) — and list them in
 * ./description.ts for `.help`.
 */
import { CloudWatch, type Dimension } from '@aws-sdk/client-cloudwatch';
import { refOf, type Ref } from '../core/resource.js';
import { createAlarm, listAlarms, type AlarmOptions, type MetricAlarm } from './alarm.js';
import { createCompositeAlarm, listCompositeAlarms, type CompositeAlarm, type CompositeAlarmOptions } from './composite-alarm.js';
import { listDashboards, type Dashboard } from './dashboard.js';
import type { Datapoints } from './datapoints.js';
import { metricMath, type MathOptions } from './math.js';
import { listMetrics, Metric, type MetricFilter } from './metric.js';
import { toDate, toDimensions, type Dimensions } from './dimensions.js';
import { pawsError } from '../core/errors.js';
import { expectArguments } from '../core/arguments.js';

export interface PutOptions {
  /** @default 'None' */
  unit?: string;
  dimensions?: Dimensions | Dimension[];
  /** @default now */
  timestamp?: Date | string | number;
  /** 1 for a high-resolution (per-second) metric. @default 60 */
  storageResolution?: number;
}

export class CloudWatchService extends CloudWatch {
  /** The book's `list_metrics`: `cw.metrics({namespace, metricName, dimensions: {InstanceId: 'i-…'}})`. */
  metrics(filter?: MetricFilter): Promise<Metric[]> {
    return listMetrics(this, filter);
  }

  /**
   * A metric by name, without asking CloudWatch (as `s3.bucket(name)`): right after a launch, or
   * for a new custom metric, the listing finds nothing for minutes, yet alarms and queries work.
   */
  metric(namespace: string, name: string, dimensions?: Dimensions | Dimension[]): Metric {
    return new Metric(this, { Namespace: namespace, MetricName: name, Dimensions: toDimensions(dimensions) });
  }

  /** Alarms: all, or `{prefix}`, `{state: 'ALARM'}`, `{names: [...]}`. */
  alarms(filter?: { prefix?: string; state?: string; names?: string[] }): Promise<MetricAlarm[]> {
    return listAlarms(this, filter);
  }

  /** Composite alarms: all, or `{prefix}`, `{state: 'ALARM'}`. */
  compositeAlarms(filter?: { prefix?: string; state?: string }): Promise<CompositeAlarm[]> {
    return listCompositeAlarms(this, filter);
  }

  /** A composite alarm over other alarms: `cw.createCompositeAlarm({name, rule: 'ALARM(cpu) AND ALARM(disk)', alarmActions?})`. */
  createCompositeAlarm(options: CompositeAlarmOptions): Promise<CompositeAlarm> {
    return createCompositeAlarm(this, options);
  }

  /** Metric math, charted: `cw.math('errors / requests * 100', {errors, requests}, start, end, {statistic?, period?})`. */
  math(expression: string, metrics: Record<string, Metric>, start: Date | string | number, end: Date | string | number, options?: MathOptions): Promise<Datapoints> {
    return metricMath(this, expression, metrics, start, end, options);
  }

  /** Dashboards: all, or those whose names start with `prefix`. */
  dashboards(prefix?: string): Promise<Dashboard[]> {
    return listDashboards(this, prefix);
  }

  /** One alarm by name. */
  async alarm(alarm: Ref<MetricAlarm>): Promise<MetricAlarm> {
    const name = refOf(alarm, 'an alarm');
    const [found] = await listAlarms(this, { names: [name] });
    if (!found) throw pawsError('ResourceNotFound', `no alarm named ${name} in ${await this.config.region()}`);
    return found;
  }

  /** An alarm on any metric: `cw.createAlarm({namespace, metricName, dimensions, name, comparison: '>', threshold})`. */
  createAlarm(options: AlarmOptions & { namespace: string; metricName: string; dimensions?: Dimensions }): Promise<MetricAlarm> {
    return createAlarm(this, options);
  }

  /** The book's `put_metric_data(namespace, name, value)`: one value, now unless a timestamp is given. */
  async put(namespace: string, name: string, value: number, options: PutOptions = {}): Promise<boolean> {
    expectArguments('cw.put(namespace, name, value)', { namespace: [namespace, 'string'], name: [name, 'string'], value: [value, 'number'] });
    await this.putMetricData({
      Namespace: namespace,
      MetricData: [
        {
          MetricName: name,
          Value: value,
          Unit: (options.unit ?? 'None') as never,
          Dimensions: toDimensions(options.dimensions),
          Timestamp: options.timestamp === undefined ? undefined : toDate(options.timestamp),
          StorageResolution: options.storageResolution,
        },
      ],
    });
    return true;
  }
}

export function createService(config: Record<string, unknown>): CloudWatchService {
  return new CloudWatchService(config);
}
