/**
 * A notebook in the other form: Markdown (```ts and ```output fences, prose between) to .ipynb
 * (Markdown cells, code cells with their outputs) and back. `paws notebook FILE --write --out
 * OTHER` writes the notebook so, with the outputs of the cells it ran and the recorded ones of
 * the others.
 */
import { codeCell, markdownCell, newIpynb } from './ipynb.js';
import type { Notebook } from './parse.js';
import { portable } from './placeholders.js';

type Part = { markdown: string } | { code: string; output?: string };

/** The notebook's prose and cells in reading order, each cell with its new output or else its recorded one. */
function parts(notebook: Notebook, outputs: Map<number, string>): Part[] {
  const output = (number: number) => outputs.get(number) ?? notebook.cells[number - 1].expected;
  if (notebook.ipynb) {
    const byIndex = new Map(notebook.cells.map((c) => [c.outputStart, c]));
    return notebook.ipynb.cells.flatMap((cell, index): Part[] => {
      const code = byIndex.get(index);
      if (code) return [{ code: code.code, output: output(code.number) }];
      const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      return cell.cell_type === 'markdown' && source.trim() ? [{ markdown: source.trim() }] : [];
    });
  }
  const result: Part[] = [];
  let from = 0;
  const prose = (to: number) => {
    const text = notebook.lines.slice(from, to).join('\n').trim();
    if (text) result.push({ markdown: text });
  };
  for (const cell of notebook.cells) {
    prose(cell.line! - 1);
    result.push({ code: cell.code, output: output(cell.number) });
    from = cell.outputEnd;
  }
  prose(notebook.lines.length);
  return result;
}

function toMarkdown(all: Part[]): string {
  const blocks = all.map((part) => {
    if ('markdown' in part) return part.markdown;
    const fence = `\`\`\`ts\n${part.code.replace(/\n+$/, '')}\n\`\`\``;
    if (part.output === undefined) return fence;
    const text = portable(part.output);
    return `${fence}\n\n\`\`\`output\n${text ? `${text}\n` : ''}\`\`\``;
  });
  return `${blocks.join('\n\n')}\n`;
}

function toIpynb(all: Part[]): string {
  let count = 0;
  const cells = all.map((part, index) => ('markdown' in part ? markdownCell(part.markdown, index) : codeCell(part.code, index, part.output, part.output === undefined ? null : ++count)));
  return `${JSON.stringify(newIpynb(cells), null, 1)}\n`;
}

/** The notebook with these outputs as `file`'s form says: .ipynb, else Markdown. */
export function convertNotebook(notebook: Notebook, outputs: Map<number, string>, file: string): string {
  return file.endsWith('.ipynb') ? toIpynb(parts(notebook, outputs)) : toMarkdown(parts(notebook, outputs));
}
