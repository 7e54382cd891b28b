/**
 * Recipe 2.15's CloudInit packager: a MIME multipart message — part handler, config files,
 * cloud-config, metric programs, scripts — gzip-compressed, refused when over EC2's 16 KB limit.
 * Each part's type comes from what it is (`#part-handler`, `#cloud-config`, `#!`), as cloud-init
 * reads them; files given by path keep their name as the part's filename.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pawsError } from '../../core/errors.js';

/** EC2 accepts at most 16 KB of user data (before base64). */
export const USER_DATA_LIMIT = 16 * 1024;

export interface Part {
  /** The text, or read from `path`. */
  content?: string;
  path?: string;
  /** A MIME type; guessed from the first line when absent (`text/x-shellscript`, `text/cloud-config`…). */
  type?: string;
  filename?: string;
}

export interface UserDataOptions {
  /** Like the book's `metric_dir`: `metric_part_handler.py` (part handler), `*.cfg`/`*credentials` (text/x-config), `metric_*` (text/x-metric), `*.sh` (scripts). */
  metricDir?: string;
  partHandler?: string | Part;
  /** Config files the part handler writes to /etc: `{'boto.cfg': text}` or parts. */
  configs?: Record<string, string> | Part[];
  /** cloud-config YAML (with or without its `#cloud-config` line). */
  cloudConfig?: string;
  /** Programs the part handler installs and cron runs: `{metric_disk_usage: text}`. */
  metrics?: Record<string, string> | Part[];
  /** Shell scripts to run at first boot. */
  scripts?: string[];
  /** More parts, as they are. @default [] */
  parts?: Part[];
  /** Compress with gzip (cloud-init unpacks it). @default true */
  gzip?: boolean;
}

const STARTS: Array<[RegExp, string]> = [
  [/^#!/, 'text/x-shellscript'],
  [/^#cloud-config/, 'text/cloud-config'],
  [/^#include/, 'text/x-include-url'],
  [/^#cloud-boothook/, 'text/cloud-boothook'],
  [/^#part-handler/, 'text/part-handler'],
  [/^#upstart-job/, 'text/upstart-job'],
];

function guessType(text: string): string {
  return STARTS.find(([re]) => re.test(text))?.[1] ?? 'text/plain';
}

function named(entries: Record<string, string> | Part[] | undefined, type: string): Part[] {
  if (!entries) return [];
  if (Array.isArray(entries)) return entries.map((p) => ({ type, ...p }));
  return Object.entries(entries).map(([filename, content]) => ({ filename, content, type }));
}

function fromDir(dir: string): Part[] {
  const parts: Part[] = [];
  for (const f of readdirSync(dir).sort()) {
    const path = join(dir, f);
    if (f === 'metric_part_handler.py') parts.unshift({ path, type: 'text/part-handler', filename: f });
    else if (/\.cfg$|credentials$/.test(f)) parts.push({ path, type: 'text/x-config', filename: f });
    else if (f.startsWith('metric_')) parts.push({ path, type: 'text/x-metric', filename: f });
    else if (f.endsWith('.sh')) parts.push({ path, type: 'text/x-shellscript', filename: f });
  }
  return parts;
}

/** The MIME multipart message itself (uncompressed). */
export function multipart(parts: Part[]): string {
  const boundary = `===============${randomBytes(10).toString('hex')}==`;
  const lines = ['Content-Type: multipart/mixed; boundary="' + boundary + '"', 'MIME-Version: 1.0', ''];
  for (const p of parts) {
    const content = p.content ?? readFileSync(p.path!, 'utf8');
    const filename = p.filename ?? (p.path ? basename(p.path) : undefined);
    const [major, subtype] = (p.type ?? guessType(content)).split('/');
    lines.push(`--${boundary}`, `Content-Type: ${major}/${subtype}; charset="us-ascii"`, 'MIME-Version: 1.0', 'Content-Transfer-Encoding: 7bit');
    if (filename) lines.push(`Content-Disposition: attachment; filename="${filename}"`);
    lines.push('', content.replace(/\n?$/, '\n'));
  }
  lines.push(`--${boundary}--`, '');
  return lines.join('\n');
}

/** The book's `build_userdata`: the parts packed and gzipped, ready for `launchInstance({userData})`. */
export function buildUserData(options: UserDataOptions = {}): Buffer {
  const parts: Part[] = [
    ...(options.metricDir ? fromDir(options.metricDir) : []),
    ...(options.partHandler ? [typeof options.partHandler === 'string' ? { content: options.partHandler, type: 'text/part-handler', filename: 'part-handler.py' } : options.partHandler] : []),
    ...named(options.configs, 'text/x-config'),
    ...(options.cloudConfig ? [{ content: options.cloudConfig.startsWith('#cloud-config') ? options.cloudConfig : `#cloud-config\n${options.cloudConfig.replace(/^\n/, '')}`, type: 'text/cloud-config' }] : []),
    ...named(options.metrics, 'text/x-metric'),
    ...(options.scripts ?? []).map((content) => ({ content, type: 'text/x-shellscript' })),
    ...(options.parts ?? []),
  ];
  if (parts.length === 0) throw new TypeError('buildUserData needs at least one part (metricDir, configs, cloudConfig, metrics, scripts or parts)');
  const text = Buffer.from(multipart(parts));
  const data = options.gzip === false ? text : gzipSync(text, { level: 9 });
  if (data.length > USER_DATA_LIMIT) {
    throw pawsError('UserDataTooLarge', `the user data is ${data.length} bytes, over EC2's limit of ${USER_DATA_LIMIT} (16 KB); move large files to S3 and fetch them from a script`);
  }
  return data;
}

/** The prompt's `buildUserData({...})` (the session is not needed). */
export function buildUserDataHelper(_session: unknown, options: UserDataOptions): Buffer {
  return buildUserData(options);
}
