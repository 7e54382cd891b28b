/**
 * A notebook is Markdown whose ```ts fences are cells, or a Jupyter notebook (.ipynb, see
 * ipynb.ts). In Markdown the output a cell printed is recorded in an ```output fence right under
 * it (`--write` puts it there, `paws check` compares with it).
 */
import { ipynbWithOutputs, isIpynb, parseIpynb, type IpynbDocument } from './ipynb.js';
import { portable } from './placeholders.js';

export interface Cell {
  /** 1-based, in reading order. */
  number: number;
  /** 1-based line of the opening ```ts fence (Markdown only). */
  line?: number;
  code: string;
  /** The nearest heading above the cell, to name it in reports. */
  heading?: string;
  /** What the output fence under the cell holds, if there is one. */
  expected?: string;
  /** Lines [start, end) of the output fence (fences included), or where one would go; in a .ipynb, the cell's index. */
  outputStart: number;
  outputEnd: number;
}

export interface Notebook {
  lines: string[];
  cells: Cell[];
  /** Set for a .ipynb: the document its cells came from. */
  ipynb?: IpynbDocument;
}

const CODE_FENCE = /^```\s*(ts|typescript)\s*$/;
const OUTPUT_FENCE = /^```\s*output\s*$/;
const FENCE_END = /^```\s*$/;

/** The index of the fence closing the one opened at `open`, or the end. */
function closing(lines: string[], open: number): number {
  for (let i = open + 1; i < lines.length; i++) if (FENCE_END.test(lines[i])) return i;
  return lines.length;
}

/** The notebook in `text`, Markdown or .ipynb (told by its content: JSON is never Markdown's first character). */
export function parseNotebook(text: string): Notebook {
  if (isIpynb(text)) return parseIpynb(text);
  const lines = text.split('\n');
  const cells: Cell[] = [];
  let heading: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^#{1,6}\s/.test(line)) heading = line.replace(/^#+\s*/, '').trim();
    if (!CODE_FENCE.test(line)) {
      // Skip over other fences, so a ``` inside them is not mistaken for a cell.
      if (/^```/.test(line) && !FENCE_END.test(line)) i = closing(lines, i);
      continue;
    }
    const end = closing(lines, i);
    const cell: Cell = { number: cells.length + 1, line: i + 1, code: lines.slice(i + 1, end).join('\n'), heading, outputStart: end + 1, outputEnd: end + 1 };
    let next = end + 1;
    while (next < lines.length && lines[next].trim() === '') next++;
    if (next < lines.length && OUTPUT_FENCE.test(lines[next])) {
      const outputEnd = closing(lines, next);
      cell.expected = lines.slice(next + 1, outputEnd).join('\n');
      cell.outputStart = next;
      cell.outputEnd = outputEnd + 1;
      i = outputEnd;
    } else {
      i = end;
    }
    cells.push(cell);
  }
  return { lines, cells };
}

/** How reports name a cell: `cell 3 (line 42, “Attach a volume”)`. */
export function cellName(cell: Cell): string {
  const where = [cell.line === undefined ? '' : `line ${cell.line}`, cell.heading ? `“${cell.heading}”` : ''].filter(Boolean).join(', ');
  return `cell ${cell.number}${where ? ` (${where})` : ''}`;
}

/** The notebook with each given cell's output fence written (or replaced) under it. */
export function withOutputs(notebook: Notebook, outputs: Map<number, string>): string {
  if (notebook.ipynb) return ipynbWithOutputs(notebook, outputs);
  const lines = [...notebook.lines];
  // From the end, so earlier line numbers stay valid.
  for (const cell of [...notebook.cells].reverse()) {
    const output = outputs.get(cell.number);
    if (output === undefined) continue;
    // Recorded as it reads in any HOME.
    const text = portable(output);
    const fence = ['```output', ...(text ? text.split('\n') : []), '```'];
    if (cell.expected !== undefined) lines.splice(cell.outputStart, cell.outputEnd - cell.outputStart, ...fence);
    else lines.splice(cell.outputStart, 0, '', ...fence);
  }
  return lines.join('\n');
}
