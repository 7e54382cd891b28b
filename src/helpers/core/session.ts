/**
 * One paws session: the connection, the service objects and helpers built from the registry, and
 * the switches the dot-commands flip (`.region`, `.debug`). The REPL, scripts and helpers share it.
 */
import { currentSignal } from './call-context.js';
import { clientConfig, type Connection } from './connection.js';
import { costGuard, DEFAULT_MAX_INSTANCES, isRealAws } from './cost-guard.js';
import { httpLogMiddleware } from './http-log.js';
import type { PromptGlobal } from './prompt-global.js';
import { createServiceHandle, type ServiceHandle } from './service-handle.js';
import { Tracker, trackingMiddleware } from './tracking.js';

export interface SessionOptions {
  /** Log every HTTP request and response. @default false */
  debug?: boolean;
  /** Where `.debug` output goes. @default stderr */
  log?: (text: string) => void;
  /** Most instances the session may start on real AWS (`--max-instances`). @default 3 */
  maxInstances?: number;
  /** State billable creates and enforce maxInstances. @default true on real AWS only */
  costGuard?: boolean;
}

const INSTRUMENT = Symbol('paws.instrument');

/** Wires `derived` as the session wired `from` (abort signal, `.debug`, tracking, cost guard). */
export function instrumentLike<T extends object>(from: object, derived: T): T {
  const instrument = (from as { [INSTRUMENT]?: (c: T) => T })[INSTRUMENT];
  return instrument ? instrument(derived) : derived;
}

export class Session {
  connection: Connection;
  debug: boolean;
  /** Bumped when the connection changes, so service objects rebuild their clients on next use. */
  generation = 0;
  log: (text: string) => void;
  readonly registry: readonly PromptGlobal[];
  /** Everything the session created and has not deleted (`.created`, `.cleanup`). */
  readonly tracker = new Tracker();
  maxInstances: number;
  private readonly costGuard?: boolean;
  private readonly handles = new Map<string, ServiceHandle>();

  constructor(connection: Connection, registry: readonly PromptGlobal[], options: SessionOptions = {}) {
    this.connection = connection;
    this.registry = registry;
    this.debug = options.debug ?? false;
    this.log = options.log ?? ((text) => process.stderr.write(`${text}\n`));
    this.maxInstances = options.maxInstances ?? DEFAULT_MAX_INSTANCES;
    this.costGuard = options.costGuard;
    for (const entry of registry) {
      if (entry.kind === 'service') this.handles.set(entry.name, createServiceHandle(entry, this));
    }
  }

  /** Re-points every service object at another region. */
  setRegion(region: string): void {
    this.connection = { ...this.connection, region };
    this.generation++;
  }

  clientConfig(): Record<string, unknown> {
    return clientConfig(this.connection);
  }

  /** The service handle behind a prompt global, if `name` is a service object. */
  handle(name: string): ServiceHandle | undefined {
    return this.handles.get(name);
  }

  /** The service object (loaded, current connection): `await session.service('ec2')`. */
  service<T = any>(name: string): Promise<T> {
    const handle = this.handles.get(name);
    if (!handle) return Promise.reject(new Error(`no service object named ${name}`));
    return handle.load();
  }

  /** A service object for another region than the session's (cleanup of what was made there). */
  async serviceIn<T = any>(name: string, region: string): Promise<T> {
    const handle = this.handles.get(name);
    if (!handle) throw new Error(`no service object named ${name}`);
    if (region === this.connection.region) return handle.load();
    const module = await handle.entry.load();
    return this.instrument(module.createService({ ...this.clientConfig(), region }) as T & object);
  }

  /** The values the prompt defines: service stand-ins and lazily loaded helper functions. */
  globals(): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const entry of this.registry) {
      if (entry.kind === 'service') {
        values[entry.name] = this.handles.get(entry.name)!.proxy;
      } else {
        let helper: Promise<(session: Session, ...args: unknown[]) => unknown> | undefined;
        const call = async (...args: unknown[]) => (await (helper ??= entry.load()))(this, ...args);
        values[entry.name] = Object.defineProperty(call, 'name', { value: entry.name });
      }
    }
    return values;
  }

  /**
   * Wires paws's per-call behaviour into a freshly built client: every call carries the abort
   * signal of the evaluation that made it (Ctrl-C), `.debug on` logs its HTTP traffic, what it
   * creates is tracked, and on real AWS the cost guard sees billable creates first.
   */
  instrument<T extends object>(client: T): T {
    const c = client as any;
    // Clients a service object derives from itself (`region.connect()`) get the same wiring.
    Object.defineProperty(c, INSTRUMENT, { value: <U extends object>(other: U) => this.instrument(other) });
    const send = c.send.bind(c);
    c.send = (command: unknown, options?: unknown, callback?: unknown) => {
      const signal = currentSignal();
      if (!signal || typeof options === 'function') return send(command, options, callback);
      return send(command, { abortSignal: signal, ...(options as object) }, callback);
    };
    c.middlewareStack.add(
      httpLogMiddleware(() => this.debug, (text) => this.log(text)),
      { step: 'deserialize', priority: 'low', name: 'pawsHttpLog' },
    );
    const guarded = this.costGuard ?? isRealAws(this.connection);
    const guard = guarded ? costGuard({ tracker: this.tracker, maxInstances: () => this.maxInstances, say: (text) => this.log(text) }) : undefined;
    const fallback = this.connection.region;
    const regionOf = async () => (typeof c.config?.region === 'function' ? await c.config.region() : (c.config?.region ?? fallback)) as string;
    c.middlewareStack.add(trackingMiddleware(this.tracker, regionOf, guard), { step: 'initialize', priority: 'high', name: 'pawsTracking' });
    return client;
  }
}
