/**
 * `.cleanup`: deletes what the session created, each kind after the kinds it names in
 * `deletedAfter` (instances before their volumes and groups, objects before buckets, access keys
 * before users), each through its folder's `remove` — the resource's own methods and the SDK's
 * waiters. Each resource reports on its own line; failures are collected, not fatal, and what
 * could not be deleted stays tracked.
 */
import { rmSync } from 'node:fs';
import { homeRelative } from '../../home-paths.js';
import { errorCode, errorLine } from './errors.js';
import type { TrackedResource } from './folder.js';
import type { Session } from './session.js';

export interface CleanupOptions {
  /** Each line of progress. */
  say(text: string): void;
  /** Longest wait for one resource's state (instance termination, volume detachment). @default 600 */
  maxWaitSeconds?: number;
  /** Delete only these (still in deletion order). @default everything tracked */
  only?: readonly TrackedResource[];
}

export interface CleanupReport {
  deleted: TrackedResource[];
  failed: { resource: TrackedResource; error: string }[];
}

/** Errors meaning "already gone": the goal is reached. */
const GONE = /NotFound|NoSuch/;

/** Removes the files written for a resource that is gone; says which, as `~/…`. */
function removeFiles(r: TrackedResource): string {
  for (const file of r.files ?? []) rmSync(file, { force: true });
  return r.files?.length ? ` and ${r.files.map(homeRelative).join(', ')}` : '';
}

/** Deletes one resource through its kind's `remove`; returns the verb to print. */
async function remove(session: Session, r: TrackedResource, maxWaitSeconds: number): Promise<string> {
  const kind = session.tracker.kind(r.kind);
  if (!kind) throw new TypeError(`no folder describes the resource kind ${r.kind}`);
  const service = await session.serviceIn(kind.service, r.region);
  return (await kind.spec.remove(service, r, { maxWaitSeconds })) ?? 'deleted';
}

/** Deletes everything `session.tracker` lists, in deletion order; returns what happened. */
export async function cleanup(session: Session, options: CleanupOptions): Promise<CleanupReport> {
  const report: CleanupReport = { deleted: [], failed: [] };
  const resources = session.tracker.list().filter((r) => !options.only || options.only.includes(r));
  for (const [index, r] of resources.entries()) {
    const name = session.tracker.describe(r);
    const step = `[${index + 1}/${resources.length}]`;
    try {
      const verb = await remove(session, r, options.maxWaitSeconds ?? 600);
      options.say(`${step} ${verb} ${name}${removeFiles(r)}`);
      report.deleted.push(r);
    } catch (error) {
      if (GONE.test(errorCode(error))) {
        options.say(`${step} already gone: ${name}${removeFiles(r)}`);
        report.deleted.push(r);
      } else {
        const line = errorLine(error);
        options.say(`${step} could not delete ${name} — ${line}`);
        report.failed.push({ resource: r, error: line });
        continue;
      }
    }
    session.tracker.forget(r.kind, r.id, r.region);
  }
  return report;
}
