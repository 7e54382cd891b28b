/**
 * Digesting big bodies off the event loop. MD5 alone (every ETag needs it) costs more CPU than the
 * rest of an upload, and on the event loop it stalls every other request; so a body of 1 MiB or
 * more is copied in 1 MiB batches to a worker thread (the batch is transferred, then comes back to
 * be refilled) while the event loop goes on reading sockets and writing files. A body with at most
 * a few batches in flight waits for one to come back, which holds back its socket. Small bodies
 * are digested in place: a round trip to a worker costs more than hashing them.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { BodyDigests, digestsOf, type BodyDigestValues, type DigestSpec } from './body-digests.js';

const BATCH = 1024 * 1024;
const MAX_IN_FLIGHT = 3;
const SPARE_BATCHES = 16;

export type ToWorker =
  | { type: 'start'; id: number; spec: DigestSpec }
  | { type: 'data'; id: number; batch: ArrayBuffer; length: number }
  | { type: 'end'; id: number }
  | { type: 'drop'; id: number };

type FromWorker = { type: 'free'; id: number; batch: ArrayBuffer } | { type: 'digests'; id: number; values: BodyDigestValues };

/** Digests of a body fed chunk by chunk; `update` returns a promise when the caller should wait. */
export interface Digester {
  update(chunk: Buffer): Promise<void> | undefined;
  digest(): Promise<BodyDigestValues>;
  /** The body failed: forget it. */
  drop(): void;
}

export function digester(spec: DigestSpec, expectedLength: number | undefined): Digester {
  return expectedLength !== undefined && expectedLength >= BATCH ? new PooledDigester(spec) : new InlineDigester(spec);
}

/** Bodies up to this size are held and digested whole at their end. */
const ONE_SHOT_MAX = 64 * 1024;

/**
 * Digests on the event loop. A small body (a GET's empty one, a small PUT's) is held and digested in
 * one call per digest at its end: making a Hash object per digest cost more than hashing its bytes.
 */
class InlineDigester implements Digester {
  private held: Buffer[] = [];
  private heldSize = 0;
  private streaming?: BodyDigests;

  constructor(private readonly spec: DigestSpec) {}

  update(chunk: Buffer): undefined {
    if (!this.streaming && this.heldSize + chunk.length <= ONE_SHOT_MAX) {
      this.held.push(chunk);
      this.heldSize += chunk.length;
      return undefined;
    }
    if (!this.streaming) {
      this.streaming = new BodyDigests(this.spec);
      for (const held of this.held) this.streaming.update(held);
      this.held = [];
    }
    this.streaming.update(chunk);
    return undefined;
  }

  async digest(): Promise<BodyDigestValues> {
    return this.streaming ? this.streaming.values() : digestsOf(this.spec, this.held.length === 1 ? this.held[0] : Buffer.concat(this.held, this.heldSize));
  }

  drop(): void {}
}

class DigestWorker {
  private readonly jobs = new Map<number, PooledDigester>();
  private readonly worker = new Worker(new URL('./digest-worker.js', import.meta.url));

  constructor(onExit: () => void) {
    this.worker.on('message', (m: FromWorker) => this.jobs.get(m.id)?.receive(m));
    this.worker.on('error', (err) => {
      onExit();
      for (const job of this.jobs.values()) job.fail(err);
    });
    // The pool never keeps the process alive (after the listeners: adding one refs it again): a
    // request being digested is kept alive by its own socket, and a job left behind by an aborted
    // request must not hold a closed sandbox's process open.
    this.worker.unref();
  }

  get load(): number {
    return this.jobs.size;
  }

  add(id: number, job: PooledDigester): void {
    this.jobs.set(id, job);
  }

  /** False when the job had already ended. */
  remove(id: number): boolean {
    return this.jobs.delete(id);
  }

  post(m: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }
}

const workers: DigestWorker[] = [];
const spare: ArrayBuffer[] = [];
let nextId = 0;

function pickWorker(): DigestWorker {
  const size = Math.min(2, availableParallelism());
  if (workers.length < size) {
    const w: DigestWorker = new DigestWorker(() => workers.splice(workers.indexOf(w), 1));
    workers.push(w);
    return w;
  }
  return workers.reduce((a, b) => (b.load < a.load ? b : a));
}

class PooledDigester implements Digester {
  private readonly id = nextId++;
  private readonly worker = pickWorker();
  private batch?: ArrayBuffer;
  private filled = 0;
  private inFlight = 0;
  private wake?: () => void;
  private result?: { resolve: (v: BodyDigestValues) => void; reject: (err: Error) => void };
  private error?: Error;

  constructor(spec: DigestSpec) {
    this.worker.add(this.id, this);
    this.worker.post({ type: 'start', id: this.id, spec });
  }

  update(chunk: Buffer): Promise<void> | undefined {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.error) return Promise.reject(this.error);
      if (!this.batch) {
        if (this.inFlight >= MAX_IN_FLIGHT) {
          const rest = chunk.subarray(offset);
          return new Promise<void>((resolve) => (this.wake = resolve)).then(() => this.update(rest));
        }
        this.batch = spare.pop() ?? new ArrayBuffer(BATCH);
      }
      const n = Math.min(BATCH - this.filled, chunk.length - offset);
      new Uint8Array(this.batch, this.filled, n).set(chunk.subarray(offset, offset + n));
      this.filled += n;
      offset += n;
      if (this.filled === BATCH) this.send();
    }
    return undefined;
  }

  digest(): Promise<BodyDigestValues> {
    if (this.error) return Promise.reject(this.error);
    if (this.filled > 0) this.send();
    return new Promise((resolve, reject) => {
      this.result = { resolve, reject };
      this.worker.post({ type: 'end', id: this.id });
    });
  }

  drop(): void {
    if (!this.worker.remove(this.id)) return;
    this.worker.post({ type: 'drop', id: this.id });
    if (this.batch && spare.length < SPARE_BATCHES) spare.push(this.batch);
    this.batch = undefined;
  }

  receive(m: FromWorker): void {
    if (m.type === 'free') {
      this.inFlight--;
      if (spare.length < SPARE_BATCHES) spare.push(m.batch);
      const wake = this.wake;
      this.wake = undefined;
      wake?.();
    } else {
      this.worker.remove(this.id);
      this.result?.resolve(m.values);
    }
  }

  fail(err: Error): void {
    this.error = err;
    this.worker.remove(this.id);
    this.result?.reject(err);
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private send(): void {
    const batch = this.batch!;
    this.worker.post({ type: 'data', id: this.id, batch, length: this.filled }, [batch]);
    this.batch = undefined;
    this.filled = 0;
    this.inFlight++;
  }
}
