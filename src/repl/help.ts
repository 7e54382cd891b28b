/**
 * Help that fits the terminal: `.help` (everything), `.help s3` / `help(s3)` (one service object
 * and its folder's helpers), `help(launchInstance)` (one helper), and `help(ec2.describeInstances)`
 * / `.help ec2.describeInstances` (an SDK operation's input members, their types and docs, from
 * the service model). Columns are sized to the width and docs wrapped at word boundaries.
 */
import { HELP_TOPIC } from '../helpers/core/service-handle.js';
import { operationHelp } from '../helpers/core/operation-model.js';
import { pawsError } from '../helpers/core/errors.js';
import type { Session } from '../helpers/core/session.js';

export type Row = [name: string, doc: string];

/** Words of `text` in lines of at most `width` (a longer word keeps its own line). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return line ? [...lines, line] : [''];
}

/**
 * Two columns in `width`: names as long as a third of the width at most, longer ones on lines
 * of their own with the doc under them; docs wrapped with a hanging indent.
 */
export function columns(rows: Row[], width: number): string {
  const nameWidth = Math.min(Math.max(...rows.map(([name]) => name.length)), Math.floor(width / 3)) + 2;
  const docWidth = Math.max(20, width - 2 - nameWidth);
  return rows
    .flatMap(([name, doc]) => {
      const docLines = wrap(doc, docWidth);
      const pad = ' '.repeat(2 + nameWidth);
      if (name.length + 2 > nameWidth) return [...nameLines(name, width), ...docLines.filter(Boolean).map((l) => `${pad}${l}`)];
      return [`  ${name.padEnd(nameWidth)}${docLines[0]}`, ...docLines.slice(1).map((l) => `${pad}${l}`)];
    })
    .join('\n');
}

/** A name too long for its column, on lines of its own: wrapped at spaces, the rest indented under it. */
function nameLines(name: string, width: number): string[] {
  const indent = `  ${/^\s*/.exec(name)![0]}`;
  const [first, ...rest] = wrap(name, width - indent.length - 2);
  return [`${indent}${first}`, ...rest.map((line) => `${indent}  ${line}`)];
}

/** The rows of every folder, or of the folder of one service object. */
function folderRows(session: Session, serviceName?: string): Row[] {
  return session.help(serviceName).map(({ name, doc }): Row => [name, doc]);
}

/** `.help` in full: dot-commands, then each folder. */
export function fullHelp(session: Session, commands: Row[], width: number): string {
  return [
    'Dot-commands',
    columns(commands, width),
    '',
    ...wrap('At the prompt (await the calls; Tab completes; Ctrl-C aborts a call; help(x) or .help NAME tells more)', width),
    columns(folderRows(session), width),
  ].join('\n');
}

function operationText(session: Session, serviceName: string, method: string, width: number): string | undefined {
  const handle = session.handle(serviceName);
  const help = handle && operationHelp(handle.spec.title, method);
  if (!help) return undefined;
  const rows = help.members.map((m): Row => [`${m.name}${m.required ? '' : '?'}`, `${m.type}${m.required ? ', required' : ''}. ${m.doc}`.trim()]);
  const header = wrap(`await ${serviceName}.${method}({…}) — the SDK's ${help.operation}; its input:`, width).join('\n');
  return rows.length ? `${header}\n${columns(rows, width)}` : `${serviceName}.${method}() takes no input`;
}

/** Help on one topic: a service object, `service.member`, a helper's name. */
export function topicHelp(session: Session, topic: string, width: number): string {
  const [serviceName, member] = topic.split('.', 2);
  if (session.handle(serviceName)) {
    if (!member) {
      const title = session.handle(serviceName)!.spec.title;
      const sdk = wrap(`Every SDK operation of ${title} is a method too: Tab after ${serviceName}. lists them, help(${serviceName}.OPERATION) shows its input.`, width);
      return `${columns(folderRows(session, serviceName), width)}\n${sdk.join('\n')}`;
    }
    const own = session.folders.flatMap((f) => (f.service?.name === serviceName ? (f.service.members ?? []) : [])).find((m) => m.name.startsWith(`${member}(`) || m.name === member);
    const sdk = operationText(session, serviceName, member, width);
    if (own || sdk) return [own ? columns([[`${serviceName}.${own.name}`, own.doc]], width) : '', sdk ?? ''].filter(Boolean).join('\n');
    throw pawsError('NoHelp', `${serviceName} has no member ${member} — .help ${serviceName} lists its members`);
  }
  const helper = session.folders.map((f) => f.helpers?.[topic]).find(Boolean);
  if (helper) return columns([[topic, helper.doc]], width);
  throw pawsError('NoHelp', `no help on ${topic} — .help lists what there is`);
}

/** The topic of a value given to `help(x)`: a service object, one of its methods, a helper, or a name. */
export function topicOf(session: Session, value: unknown): string {
  if (typeof value === 'string') return value;
  for (const name of session.serviceNames()) if (session.handle(name)!.proxy === value) return name;
  if (typeof value === 'function') {
    const topic = (value as { [HELP_TOPIC]?: string })[HELP_TOPIC];
    if (topic) return topic;
    if (value.name && (globalThis as Record<string, unknown>)[value.name] === value) return value.name;
  }
  throw pawsError('NoHelp', 'help(x) knows service objects, their methods and helpers — e.g. help(ec2), help(ec2.describeInstances), help(launchInstance)');
}
