/**
 * A value as the notebook shows it: the prompt's text (text/plain) for every value, and beside it
 * lists of resources as an HTML table (text/html) and metric datapoints as an SVG chart
 * (image/svg+xml). Everything is masked as the prompt's output is.
 */
import { Datapoints, valueOf } from '../helpers/cloudwatch/datapoints.js';
import { formatDate } from '../helpers/core/values.js';
import { isResourceList } from '../helpers/core/resource.js';
import { maskOutput } from '../helpers/core/secrets.js';
import { tableCells } from '../helpers/core/table.js';

export type MimeBundle = Record<string, string>;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function htmlTable(cells: ReturnType<typeof tableCells>): string {
  const row = (tag: string, values: string[]) => `<tr>${values.map((v) => `<${tag}>${escapeHtml(v)}</${tag}>`).join('')}</tr>`;
  return `<table><caption>${escapeHtml(cells.caption)}</caption><thead>${row('th', cells.headers)}</thead><tbody>${cells.rows.map((r) => row('td', r)).join('')}</tbody></table>`;
}

const WIDTH = 600;
const HEIGHT = 200;
const MARGIN = 40;

/** The charted statistic over time, as a line with its range and time span labelled. */
function svgChart(points: Datapoints): string | undefined {
  const stat = points.charted;
  if (!stat || points.length < 2) return undefined;
  const times = points.map((p) => p.Timestamp!.getTime());
  const values = points.map((p) => valueOf(p, stat)!);
  const [t0, t1] = [Math.min(...times), Math.max(...times)];
  const [min, max] = [Math.min(...values), Math.max(...values)];
  const x = (t: number) => MARGIN + ((t - t0) / (t1 - t0 || 1)) * (WIDTH - 2 * MARGIN);
  const y = (v: number) => HEIGHT - MARGIN - ((v - min) / (max - min || 1)) * (HEIGHT - 2 * MARGIN);
  const line = points.map((_, i) => `${x(times[i]).toFixed(1)},${y(values[i]).toFixed(1)}`).join(' ');
  const text = (tx: number, ty: number, body: string, anchor = 'start') => `<text x="${tx}" y="${ty}" font-size="11" text-anchor="${anchor}">${escapeHtml(body)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    text(MARGIN, 16, `${points.label} ${stat} (${points[0].Unit ?? 'None'}), ${points.period}s`),
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line}"/>`,
    text(MARGIN - 4, y(max) + 4, String(max), 'end'),
    text(MARGIN - 4, y(min) + 4, String(min), 'end'),
    text(MARGIN, HEIGHT - 12, formatDate(new Date(t0))),
    text(WIDTH - MARGIN, HEIGHT - 12, formatDate(new Date(t1)), 'end'),
    '</svg>',
  ].join('\n');
}

/** The bundle of `value`, given its text as the prompt prints it. */
export function mimeBundle(value: unknown, text: string): MimeBundle {
  const bundle: MimeBundle = { 'text/plain': text };
  if (isResourceList(value) && value.length > 0) bundle['text/html'] = htmlTable(tableCells(value));
  const chart = value instanceof Datapoints ? svgChart(value) : undefined;
  if (chart) bundle['image/svg+xml'] = chart;
  return Object.fromEntries(Object.entries(bundle).map(([mime, body]) => [mime, maskOutput(body)]));
}
