/**
 * Jupyter notebooks (nbformat 4) as paws notebooks: each code cell is a cell, the nearest Markdown
 * heading above names it, and its recorded outputs read as the prompt would have printed them —
 * streams as written, results and displayed values by their text/plain, errors by their
 * traceback (the kernel's one line). Outputs written back are one stdout stream per cell, which
 * Jupyter shows as it shows printed text.
 */
import type { Cell, Notebook } from './parse.js';
import { portable } from './placeholders.js';

type Source = string | string[];

interface IpynbOutput {
  output_type: 'stream' | 'execute_result' | 'display_data' | 'error';
  name?: string;
  text?: Source;
  data?: Record<string, Source>;
  traceback?: string[];
}

interface IpynbCell {
  cell_type: 'code' | 'markdown' | 'raw';
  id?: string;
  source: Source;
  outputs?: IpynbOutput[];
  execution_count?: number | null;
  metadata: object;
}

export interface IpynbDocument {
  cells: IpynbCell[];
  metadata: object;
  nbformat: number;
  nbformat_minor: number;
}

const joined = (source: Source | undefined) => (Array.isArray(source) ? source.join('') : (source ?? ''));

/** nbformat's way of storing text: a list of lines, each but the last with its newline. */
const asLines = (text: string) => text.split(/(?<=\n)/).filter((line) => line !== '');

export function isIpynb(text: string): boolean {
  return text.trimStart().startsWith('{');
}

/** What the outputs read as, one after the other, as a terminal would show them. */
export function outputText(outputs: readonly IpynbOutput[]): string {
  const text = outputs.map((o) => {
    if (o.output_type === 'stream') return joined(o.text);
    if (o.output_type === 'error') return `${(o.traceback ?? []).join('\n')}\n`;
    const plain = joined(o.data?.['text/plain']);
    return plain ? `${plain}\n` : '';
  });
  return text.join('').replace(/\n$/, '');
}

export function parseIpynb(text: string): Notebook {
  const ipynb = JSON.parse(text) as IpynbDocument;
  const cells: Cell[] = [];
  let heading: string | undefined;
  ipynb.cells.forEach((cell, index) => {
    const source = joined(cell.source);
    if (cell.cell_type === 'markdown') {
      const headings = source.split('\n').filter((l) => /^#{1,6}\s/.test(l));
      if (headings.length) heading = headings[headings.length - 1].replace(/^#+\s*/, '').trim();
    }
    if (cell.cell_type !== 'code') return;
    // A cell never run has no outputs and no count: nothing was recorded (an empty output is recorded).
    const recorded = (cell.outputs?.length ?? 0) > 0 || typeof cell.execution_count === 'number';
    cells.push({ number: cells.length + 1, code: source, heading, expected: recorded ? outputText(cell.outputs ?? []) : undefined, outputStart: index, outputEnd: index });
  });
  return { lines: [], cells, ipynb };
}

/** A cell's output as a notebook keeps it: what it printed, as printed text. */
function streamOf(output: string): IpynbOutput[] {
  const text = portable(output);
  return text ? [{ output_type: 'stream', name: 'stdout', text: asLines(`${text}\n`) }] : [];
}

export function ipynbWithOutputs(notebook: Notebook, outputs: Map<number, string>): string {
  const ipynb = structuredClone(notebook.ipynb!);
  for (const cell of notebook.cells) {
    const output = outputs.get(cell.number);
    if (output === undefined) continue;
    const target = ipynb.cells[cell.outputStart];
    target.execution_count = cell.number;
    target.outputs = streamOf(output);
  }
  return `${JSON.stringify(ipynb, null, 1)}\n`;
}

export function markdownCell(text: string, index: number): IpynbCell {
  return { cell_type: 'markdown', id: `cell-${index}`, metadata: {}, source: asLines(text) };
}

/** A code cell; `output` undefined: never run (no count, no outputs). */
export function codeCell(code: string, index: number, output: string | undefined, count: number | null): IpynbCell {
  return { cell_type: 'code', id: `cell-${index}`, metadata: {}, execution_count: count, outputs: output === undefined ? [] : streamOf(output), source: asLines(code.replace(/\n+$/, '')) };
}

/** A notebook for the paws kernel (`paws kernel install`). */
export function newIpynb(cells: IpynbCell[]): IpynbDocument {
  const metadata = {
    kernelspec: { name: 'paws', display_name: 'paws (TypeScript, AWS)', language: 'typescript' },
    language_info: { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' },
  };
  return { nbformat: 4, nbformat_minor: 5, metadata, cells };
}
