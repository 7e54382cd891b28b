/** CloudWatch dimensions and times as the prompt accepts them, shared by metrics and alarms. */
import type { Dimension } from '@aws-sdk/client-cloudwatch';

/** Dimensions as the book gives them: `{InstanceId: 'i-…'}` (a value, or several). */
export type Dimensions = Record<string, string | string[]>;

/** `[{Name, Value}]` → `{Name: [values]}`, boto's shape of dimensions. */
export function dimensionMap(list: Dimension[] | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const d of list ?? []) (out[d.Name ?? ''] ??= []).push(d.Value ?? '');
  return out;
}

export function toDimensions(dims: Dimensions | Dimension[] | undefined): Dimension[] {
  if (!dims) return [];
  if (Array.isArray(dims)) return dims;
  return Object.entries(dims).flatMap(([Name, v]) => [v].flat().map((Value) => ({ Name, Value })));
}

/** A Date from a Date, an ISO string or epoch milliseconds. */
export function toDate(value: Date | string | number): Date {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new TypeError(`not a time: ${String(value)}`);
  return d;
}
