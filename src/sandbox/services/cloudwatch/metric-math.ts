/**
 * CloudWatch metric math: expressions over the other queries of a GetMetricData call or an alarm's
 * Metrics (`m1 + m2`, `SUM(METRICS())`, `RATE(m1) * 60`, `IF(m1 > 10, 1, 0)`, `FILL(m1, 0)`), parsed
 * once and evaluated on time series. Like AWS, arithmetic between two series keeps the timestamps
 * both have, an array of series combines with a scalar or a series but not with another array, and
 * a bad expression is a ValidationError naming what is wrong. SEARCH finds metrics (./search.ts).
 */
import { AwsError } from '../../core/types.js';

/** A time series: value by timestamp (epoch ms), and the label AWS gives it. */
export interface Series {
  label: string;
  points: Map<number, number>;
}
export type MathValue = number | Series | Series[];

export interface MathContext {
  /** The value of another query, by id. */
  resolve(id: string): MathValue;
  /** The metrics of the request (METRICS()), in request order. */
  metrics(): Series[];
  /** SEARCH(query, stat, period): each metric found, at that statistic and period. */
  search(query: string, stat: string, period: number): Series[];
  /** Every period's timestamp in the time range, oldest first (FILL, constants); made only when asked for. */
  grid(): number[];
  /** Seconds. */
  period: number;
}

type Node =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'ref'; id: string }
  | { kind: 'array'; items: Node[] }
  | { kind: 'unary'; op: string; arg: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'call'; name: string; args: Node[] };

export type Expression = Node;

export function mathError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|'([^']*)'|"([^"]*)"|(==|!=|<=|>=|&&|\|\||[-+*/^()<>,[\]!]))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    if (/^\s*$/.test(text.slice(at))) break;
    const m = TOKEN.exec(text);
    if (!m) throw mathError(`Unexpected character at position ${at + 1 + (text.slice(at).length - text.slice(at).trimStart().length)}: ${text.slice(at).trimStart()[0]}`);
    tokens.push(m[3] !== undefined ? `'${m[3]}` : m[4] !== undefined ? `'${m[4]}` : m[0].trim());
  }
  return tokens;
}

/** AWS's limit on an expression's length; nesting is bounded too, so parsing cannot exhaust the stack. */
const MAX_LENGTH = 2048;
const MAX_DEPTH = 100;
/** GetMetricData's limit on datapoints: a period grid (FILL, constants) is no longer. */
const MAX_PERIODS = 100_800;

/** Operators from loosest to tightest binding. */
const LEVELS = [['||', 'OR'], ['&&', 'AND'], ['==', '!=', '<=', '>=', '<', '>'], ['+', '-'], ['*', '/']];

/** Parses an expression; throws ValidationError on bad syntax. */
export function parseExpression(text: string): Expression {
  if (text.length > MAX_LENGTH) throw mathError(`The expression must be no longer than ${MAX_LENGTH} characters.`);
  const tokens = tokenize(text);
  let i = 0;
  let depth = 0;
  const peek = () => tokens[i];
  const take = (want?: string) => {
    const t = tokens[i];
    if (t === undefined) throw mathError(want ? `Expected "${want}" at the end of the expression.` : 'Unexpected end of the expression.');
    if (want && t !== want) throw mathError(`Expected "${want}" but found "${t.replace(/^'/, '')}".`);
    i++;
    return t;
  };
  const list = (close: string): Node[] => {
    const items: Node[] = [];
    if (peek() === close) return take(close), items;
    for (;;) {
      items.push(level(0));
      if (peek() === ',') take(',');
      else return take(close), items;
    }
  };
  const primary = (): Node => {
    const t = take();
    if (/^[\d.]/.test(t)) return { kind: 'number', value: Number(t) };
    if (t.startsWith("'")) return { kind: 'string', value: t.slice(1) };
    if (t === '(') {
      if (++depth > MAX_DEPTH) throw mathError(`The expression nests parentheses deeper than ${MAX_DEPTH}.`);
      const inner = level(0);
      take(')');
      depth--;
      return inner;
    }
    if (t === '[') return { kind: 'array', items: list(']') };
    if (/^[A-Za-z_]/.test(t)) {
      if (peek() === '(') return take('('), { kind: 'call', name: t.toUpperCase(), args: list(')') };
      return { kind: 'ref', id: t };
    }
    throw mathError(`Unexpected "${t}".`);
  };
  const power = (): Node => {
    const base = primary();
    return peek() === '^' ? (take(), { kind: 'binary', op: '^', left: base, right: unary() }) : base;
  };
  const unary = (): Node => {
    if (peek() === '-' || peek() === '!' || peek()?.toUpperCase() === 'NOT') return { kind: 'unary', op: take() === '-' ? '-' : '!', arg: unary() };
    return power();
  };
  const level = (n: number): Node => {
    if (n === LEVELS.length) return unary();
    let left = level(n + 1);
    while (peek() !== undefined && LEVELS[n].includes(peek().toUpperCase())) {
      const op = take().toUpperCase();
      left = { kind: 'binary', op: op === 'OR' ? '||' : op === 'AND' ? '&&' : op, left, right: level(n + 1) };
    }
    return left;
  };
  if (!tokens.length) throw mathError('The expression is empty.');
  const tree = level(0);
  if (i < tokens.length) throw mathError(`Unexpected "${tokens[i].replace(/^'/, '')}" after the end of the expression.`);
  return tree;
}

/** Every node of an expression, itself first. */
function nodes(node: Expression): Expression[] {
  const children = node.kind === 'array' ? node.items : node.kind === 'call' ? node.args : node.kind === 'unary' ? [node.arg] : node.kind === 'binary' ? [node.left, node.right] : [];
  return [node, ...children.flatMap(nodes)];
}

/** The query ids an expression refers to (FILL's REPEAT and LINEAR are keywords). */
export function references(node: Expression): string[] {
  return nodes(node).flatMap((n) => (n.kind === 'ref' && !['REPEAT', 'LINEAR'].includes(n.id.toUpperCase()) ? [n.id] : []));
}

/** The functions an expression calls. */
export function functionsCalled(node: Expression): string[] {
  return nodes(node).flatMap((n) => (n.kind === 'call' ? [n.name] : []));
}

function series(label: string, entries: Iterable<[number, number]>): Series {
  return { label, points: new Map([...entries].filter(([, v]) => Number.isFinite(v))) };
}

function mapSeries(s: Series, f: (v: number) => number): Series {
  return series(s.label, [...s.points].map(([t, v]) => [t, f(v)]));
}

/** Applies `f` elementwise: scalars, series (timestamps both have), arrays with a scalar or a series. */
function combine(a: MathValue, b: MathValue, f: (x: number, y: number) => number): MathValue {
  if (Array.isArray(a) && Array.isArray(b)) throw mathError('Operations between two arrays of time series are not supported.');
  if (Array.isArray(a)) return a.map((s) => combine(s, b, f) as Series);
  if (Array.isArray(b)) return b.map((s) => combine(a, s, f) as Series);
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  if (typeof a === 'number') return mapSeries(b as Series, (y) => f(a, y));
  if (typeof b === 'number') return mapSeries(a, (x) => f(x, b));
  return series(a.label, [...a.points].filter(([t]) => b.points.has(t)).map(([t, x]) => [t, f(x, b.points.get(t)!)]));
}

function elementwise(v: MathValue, f: (x: number) => number): MathValue {
  if (typeof v === 'number') return f(v);
  if (Array.isArray(v)) return v.map((s) => mapSeries(s, f));
  return mapSeries(v, f);
}

/** Applies a per-series function to a series or to each of an array. */
function eachSeries(name: string, v: MathValue, f: (s: Series) => Series): MathValue {
  if (typeof v === 'number') throw mathError(`${name} takes a time series or an array of time series, not a scalar.`);
  return Array.isArray(v) ? v.map(f) : f(v);
}

const BINARY: Record<string, (x: number, y: number) => number> = {
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '/': (x, y) => x / y,
  '^': (x, y) => x ** y,
  '==': (x, y) => Number(x === y),
  '!=': (x, y) => Number(x !== y),
  '<': (x, y) => Number(x < y),
  '<=': (x, y) => Number(x <= y),
  '>': (x, y) => Number(x > y),
  '>=': (x, y) => Number(x >= y),
  '&&': (x, y) => Number(x !== 0 && y !== 0),
  '||': (x, y) => Number(x !== 0 || y !== 0),
};

const UNARY_FUNCTIONS: Record<string, (x: number) => number> = {
  ABS: Math.abs,
  CEIL: Math.ceil,
  FLOOR: Math.floor,
  SQRT: Math.sqrt,
  LOG: Math.log,
  LOG10: Math.log10,
  EXP: Math.exp,
};

type Reducer = (values: number[]) => number;
const mean: Reducer = (v) => v.reduce((s, x) => s + x, 0) / v.length;
const REDUCERS: Record<string, Reducer> = {
  SUM: (v) => v.reduce((s, x) => s + x, 0),
  AVG: mean,
  MIN: (v) => Math.min(...v),
  MAX: (v) => Math.max(...v),
  STDDEV: (v) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2))),
};

/** SUM/AVG/MIN/MAX/STDDEV: of an array, a series of each timestamp's values; of a series, a scalar. */
function reduce(name: string, v: MathValue, label: string): MathValue {
  const f = REDUCERS[name];
  if (typeof v === 'number') return v;
  if (!Array.isArray(v)) return v.points.size ? f([...v.points.values()]) : NaN;
  const byTime = new Map<number, number[]>();
  for (const s of v) for (const [t, x] of s.points) byTime.set(t, [...(byTime.get(t) ?? []), x]);
  return series(label, [...byTime].sort((a, b) => a[0] - b[0]).map(([t, xs]) => [t, f(xs)]));
}

/** Consecutive pairs of a series' points, oldest first. */
function steps(s: Series, f: (v: number, prev: number, seconds: number) => number): Series {
  const points = [...s.points].sort((a, b) => a[0] - b[0]);
  return series(s.label, points.slice(1).map(([t, v], i) => [t, f(v, points[i][1], (t - points[i][0]) / 1000)]));
}

function fill(s: Series, how: MathValue | 'REPEAT' | 'LINEAR', grid: number[]): Series {
  if (Array.isArray(how)) throw mathError('FILL takes a scalar, a time series, REPEAT or LINEAR as its second argument.');
  const known = [...s.points].sort((a, b) => a[0] - b[0]);
  // Both in time order: `next` is the first known point after the grid time, so the walk is linear.
  let next = 0;
  return series(s.label, grid.map((t): [number, number] => {
    while (next < known.length && known[next][0] <= t) next++;
    if (s.points.has(t)) return [t, s.points.get(t)!];
    const [before, after] = [known[next - 1], known[next]];
    if (how === 'REPEAT') return [t, before?.[1] ?? after?.[1] ?? NaN];
    if (how === 'LINEAR') {
      if (!before || !after) return [t, (before ?? after)?.[1] ?? NaN];
      return [t, before[1] + ((after[1] - before[1]) * (t - before[0])) / (after[0] - before[0])];
    }
    return [t, typeof how === 'number' ? how : (how.points.get(t) ?? NaN)];
  }));
}

function value(at: number, v: MathValue | undefined): number | undefined {
  if (v === undefined || typeof v === 'number') return v;
  if (Array.isArray(v)) throw mathError('IF takes a scalar or a time series as its second and third arguments.');
  return v.points.get(at);
}

function arity(name: string, args: Node[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    throw mathError(`${name} takes ${min === max ? min : `${min} to ${max}`} argument${max > 1 ? 's' : ''}, not ${args.length}.`);
  }
}

/** Evaluates a parsed expression; `label` names the series a reduction makes. */
export function evaluate(node: Expression, ctx: MathContext, label: string): MathValue {
  const ev = (n: Node) => evaluate(n, ctx, label);
  switch (node.kind) {
    case 'number':
      return node.value;
    case 'string':
      throw mathError(`A string ('${node.value}') is allowed only as an argument of METRICS or SEARCH.`);
    case 'ref':
      return ctx.resolve(node.id);
    case 'array':
      return node.items.flatMap((n) => {
        const v = ev(n);
        if (typeof v === 'number') throw mathError('An array holds time series only, not scalars.');
        return v;
      });
    case 'unary':
      return elementwise(ev(node.arg), node.op === '-' ? (x) => -x : (x) => Number(x === 0));
    case 'binary':
      return combine(ev(node.left), ev(node.right), BINARY[node.op]);
    case 'call':
      return call(node.name, node.args, ctx, label);
  }
}

function call(name: string, args: Node[], ctx: MathContext, label: string): MathValue {
  const ev = (n: Node) => evaluate(n, ctx, label);
  if (UNARY_FUNCTIONS[name]) return arity(name, args, 1), elementwise(ev(args[0]), UNARY_FUNCTIONS[name]);
  if (REDUCERS[name]) return arity(name, args, 1), reduce(name, ev(args[0]), label);
  switch (name) {
    case 'METRICS': {
      arity(name, args, 0, 1);
      const filter = args[0];
      if (filter && filter.kind !== 'string') throw mathError('METRICS takes a string to filter the labels by.');
      return ctx.metrics().filter((s) => !filter || s.label.includes(filter.value));
    }
    case 'SEARCH': {
      arity(name, args, 2, 3);
      const [query, stat, period] = args;
      if (query.kind !== 'string' || stat.kind !== 'string') throw mathError("SEARCH takes a query and a statistic in quotes: SEARCH('{AWS/EC2,InstanceId} CPUUtilization', 'Average', 300).");
      if (period && period.kind !== 'number') throw mathError('The period of SEARCH must be a number of seconds.');
      return ctx.search(query.value, stat.value, period?.value ?? ctx.period);
    }
    case 'RATE':
      return arity(name, args, 1), eachSeries(name, ev(args[0]), (s) => steps(s, (v, prev, seconds) => (v - prev) / seconds));
    case 'DIFF':
      return arity(name, args, 1), eachSeries(name, ev(args[0]), (s) => steps(s, (v, prev) => v - prev));
    case 'DIFF_TIME':
      return arity(name, args, 1), eachSeries(name, ev(args[0]), (s) => steps(s, (_v, _prev, seconds) => seconds));
    case 'RUNNING_SUM':
      return arity(name, args, 1), eachSeries(name, ev(args[0]), (s) => {
        let total = 0;
        return series(s.label, [...s.points].sort((a, b) => a[0] - b[0]).map(([t, v]) => [t, (total += v)]));
      });
    case 'PERIOD':
      return arity(name, args, 1), ev(args[0]), ctx.period;
    case 'FILL': {
      arity(name, args, 2);
      const how = args[1].kind === 'ref' && ['REPEAT', 'LINEAR'].includes(args[1].id.toUpperCase()) ? (args[1].id.toUpperCase() as 'REPEAT') : ev(args[1]);
      return eachSeries(name, ev(args[0]), (s) => fill(s, how, ctx.grid()));
    }
    case 'IF': {
      arity(name, args, 2, 3);
      const cond = ev(args[0]);
      const [then, otherwise] = [ev(args[1]), args[2] && ev(args[2])];
      return eachSeries(name, cond, (c) =>
        series(c.label, [...c.points].flatMap(([t, x]): Array<[number, number]> => {
          const v = value(t, x !== 0 ? then : otherwise);
          return v === undefined ? [] : [[t, v]];
        })),
      );
    }
    default:
      throw mathError(`Unrecognized function: ${name}.`);
  }
}

/** Every period's timestamp from the one holding `start` to before `end`. */
export function periodGrid(start: number, end: number, periodSeconds: number): number[] {
  const period = periodSeconds * 1000;
  if ((end - start) / period > MAX_PERIODS) throw mathError(`The time range holds more than ${MAX_PERIODS.toLocaleString('en-US')} periods of ${periodSeconds} seconds; increase the Period or narrow the range.`);
  const grid: number[] = [];
  for (let t = Math.floor(start / period) * period; t < end; t += period) grid.push(t);
  return grid;
}
