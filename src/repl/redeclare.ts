/**
 * At the prompt, declaring a name again replaces it, as Chrome's console does: re-running
 * `.run s3/expiring-urls` or re-typing `const bucket = …` must not fail with "Identifier 'bucket'
 * has already been declared". Top-level `const` and `let` become `var`, which may be declared
 * again, and `class C {…}` becomes `var C = class C {…};`; declarations inside blocks, functions
 * and `for (const …)` keep their scoping.
 */

const DECLARATION = /^(const|let)(?=[\s{[])/;
const CLASS = /^class\s+([A-Za-z_$][\w$]*)/;
const IDENTIFIER_CHAR = /[\w$]/;

/** Skips a string literal starting at `i` (its quote); returns the index after it. */
function skipString(js: string, i: number): number {
  const quote = js[i];
  for (let j = i + 1; j < js.length; j++) {
    if (js[j] === '\\') j++;
    else if (js[j] === quote || js[j] === '\n') return j + 1;
  }
  return js.length;
}

/** Scans template text from `i` to its closing backtick or to a `${`; says which it met. */
function skipTemplateText(js: string, i: number): { end: number; interpolation: boolean } {
  for (let j = i; j < js.length; j++) {
    if (js[j] === '\\') j++;
    else if (js[j] === '`') return { end: j + 1, interpolation: false };
    else if (js[j] === '$' && js[j + 1] === '{') return { end: j + 2, interpolation: true };
  }
  return { end: js.length, interpolation: false };
}

export function redeclarable(js: string): string {
  let out = '';
  let depth = 0;
  let statementStart = true;
  /** Inside a class declaration made an expression: its closing brace ends the statement. */
  let classBody = false;
  /** The depths at which a template's `${` was opened: its `}` resumes the template text. */
  const templates: number[] = [];
  let i = 0;
  const copyTo = (end: number) => {
    out += js.slice(i, end);
    i = end;
  };
  const template = (from: number) => {
    const { end, interpolation } = skipTemplateText(js, from);
    copyTo(end);
    if (interpolation) templates.push(depth++);
    statementStart = false;
  };
  while (i < js.length) {
    const ch = js[i];
    if (ch === '/' && js[i + 1] === '/') copyTo(js.indexOf('\n', i) < 0 ? js.length : js.indexOf('\n', i));
    else if (ch === '/' && js[i + 1] === '*') copyTo(js.indexOf('*/', i + 2) < 0 ? js.length : js.indexOf('*/', i + 2) + 2);
    else if (ch === '"' || ch === "'") {
      copyTo(skipString(js, i));
      statementStart = false;
    } else if (ch === '`') template(i + 1);
    else if (ch === '}' && templates.at(-1) === depth - 1) {
      templates.pop();
      depth--;
      i++;
      out += ch;
      template(i);
    } else if (depth === 0 && statementStart && DECLARATION.test(js.slice(i, i + 6)) && !IDENTIFIER_CHAR.test(js[i - 1] ?? '')) {
      const keyword = DECLARATION.exec(js.slice(i, i + 6))![1];
      out += 'var';
      i += keyword.length;
      statementStart = false;
    } else if (depth === 0 && statementStart && CLASS.test(js.slice(i, i + 200)) && !IDENTIFIER_CHAR.test(js[i - 1] ?? '')) {
      const [declaration, name] = CLASS.exec(js.slice(i, i + 200))!;
      out += `var ${name} = ${declaration}`;
      i += declaration.length;
      classBody = true;
      statementStart = false;
    } else {
      if ('{(['.includes(ch)) depth++;
      if ('})]'.includes(ch)) depth = Math.max(0, depth - 1);
      if (';{}\n'.includes(ch)) statementStart = true;
      else if (!/\s/.test(ch)) statementStart = false;
      out += ch;
      i++;
      if (ch === '}' && depth === 0 && classBody) {
        out += ';';
        classBody = false;
      }
    }
  }
  return out;
}
