/**
 * SEARCH('{Namespace,DimensionName,…} terms', 'Stat', period) in metric math: the metrics of the
 * schema (that namespace, exactly those dimension names) whose names, namespaces and dimensions
 * match every term — `CPU` partly (a token's prefix or part), `"CPUUtilization"` exactly,
 * `MetricName="x"` or `InstanceId="i-1"` by designator — with OR and NOT between terms.
 */
import { mathError } from './metric-math.js';
import type { MetricRecord } from './types.js';

interface Schema {
  namespace: string;
  dimensions: string[];
}

type Term = { key?: string; value: string; exact: boolean; negate: boolean };

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');

function parseSchema(text: string): Schema {
  const parts = text.split(',').map((p) => unquote(p.trim()));
  if (!parts[0]) throw mathError('SEARCH: the schema {Namespace, DimensionName…} must name a namespace.');
  return { namespace: parts[0], dimensions: parts.slice(1).sort() };
}

/** Terms grouped as OR of ANDs. */
function parseTerms(text: string): Term[][] {
  const tokens = text.match(/[^\s=]+="[^"]*"|[^\s=]+=[^\s"]+|"[^"]*"|\S+/g) ?? [];
  const groups: Term[][] = [[]];
  let negate = false;
  for (const token of tokens) {
    if (token === 'OR') groups.push([]);
    else if (token === 'AND') continue;
    else if (token === 'NOT') negate = true;
    else {
      const designator = /^([^=]+)=(.*)$/.exec(token);
      const value = designator ? designator[2] : token;
      groups[groups.length - 1].push({ key: designator?.[1], value: unquote(value), exact: designator !== null || value.startsWith('"'), negate });
      negate = false;
    }
  }
  return groups.filter((g) => g.length);
}

function matches(m: MetricRecord, t: Term): boolean {
  const fields: string[] =
    t.key === 'MetricName' ? [m.name] : t.key === 'Namespace' ? [m.namespace] : t.key ? m.dimensions.filter((d) => d.Name === t.key).map((d) => d.Value) : [m.name, m.namespace, ...m.dimensions.flatMap((d) => [d.Name, d.Value])];
  const hit = fields.some((f) => (t.exact ? f === t.value : f.toLowerCase().includes(t.value.toLowerCase())));
  return hit !== t.negate;
}

/** The metrics a search expression's first argument finds. */
export function searchMetrics(metrics: Iterable<MetricRecord>, query: string): MetricRecord[] {
  const m = /^\s*(?:\{([^}]*)\})?\s*(.*)$/s.exec(query)!;
  const schema = m[1] === undefined ? undefined : parseSchema(m[1]);
  const groups = parseTerms(m[2]);
  if (!schema && !groups.length) throw mathError('SEARCH needs a schema {Namespace, …}, search terms, or both.');
  return [...metrics].filter(
    (metric) =>
      (!schema || (metric.namespace === schema.namespace && JSON.stringify(metric.dimensions.map((d) => d.Name)) === JSON.stringify(schema.dimensions))) &&
      (!groups.length || groups.some((g) => g.every((t) => matches(metric, t)))),
  );
}
