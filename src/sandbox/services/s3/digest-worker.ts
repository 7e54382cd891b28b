/**
 * A worker thread that digests request bodies for ./digest-pool.ts: batches arrive transferred,
 * are hashed, and go back to be refilled.
 */
import { parentPort } from 'node:worker_threads';
import { BodyDigests } from './body-digests.js';
import type { ToWorker } from './digest-pool.js';

const jobs = new Map<number, BodyDigests>();

parentPort!.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'start':
      jobs.set(m.id, new BodyDigests(m.spec));
      return;
    case 'data':
      jobs.get(m.id)?.update(Buffer.from(m.batch, 0, m.length));
      parentPort!.postMessage({ type: 'free', id: m.id, batch: m.batch }, [m.batch]);
      return;
    case 'end': {
      const values = jobs.get(m.id)?.values();
      jobs.delete(m.id);
      parentPort!.postMessage({ type: 'digests', id: m.id, values });
      return;
    }
    case 'drop':
      jobs.delete(m.id);
  }
});
