/**
 * One paws session: the connection, the service objects and helpers built from the registry, and
 * the switches the dot-commands flip (`.region`, `.debug`). The REPL, scripts and helpers share it.
 */
import { currentSignal } from './call-context.js';
import { clientConfig, type Connection } from './connection.js';
import { httpLogMiddleware } from './http-log.js';
import type { PromptGlobal } from './prompt-global.js';
import { createServiceHandle, type ServiceHandle } from './service-handle.js';

export interface SessionOptions {
  /** Log every HTTP request and response. @default false */
  debug?: boolean;
  /** Where `.debug` output goes. @default stderr */
  log?: (text: string) => void;
}

export class Session {
  connection: Connection;
  debug: boolean;
  /** Bumped when the connection changes, so service objects rebuild their clients on next use. */
  generation = 0;
  log: (text: string) => void;
  readonly registry: readonly PromptGlobal[];
  private readonly handles = new Map<string, ServiceHandle>();

  constructor(connection: Connection, registry: readonly PromptGlobal[], options: SessionOptions = {}) {
    this.connection = connection;
    this.registry = registry;
    this.debug = options.debug ?? false;
    this.log = options.log ?? ((text) => process.stderr.write(`${text}\n`));
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
   * signal of the evaluation that made it (Ctrl-C), and `.debug on` logs its HTTP traffic.
   */
  instrument<T extends object>(client: T): T {
    const c = client as any;
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
    return client;
  }
}
