/**
 * One paws session: the connection, the service objects and helpers its service folders describe
 * (./folder.ts), what it created (./tracking.ts), where helpers print (./reporter.ts), and the
 * switches the dot-commands flip (`.region`, `.profile`, `.debug`). The REPL, scripts and helpers share it.
 */
import { callSignal } from './call-context.js';
import { clientConfig, type Connection } from './connection.js';
import { billableCalls, costGuard, DEFAULT_MAX_INSTANCES, isRealAws } from './cost-guard.js';
import { pawsError } from './errors.js';
import type { Billable, MemberDoc, ServiceContext, ServiceFolder } from './folder.js';
import { foreignAnswerMiddleware } from './foreign-answer.js';
import { httpLogMiddleware } from './http-log.js';
import { inputCheckMiddleware } from './input-check.js';
import { secretsMiddleware } from './secrets-middleware.js';
import { Reporter, type Output } from './reporter.js';
import { createServiceHandle, type ServiceHandle } from './service-handle.js';
import { Tracker, trackingMiddleware } from './tracking.js';
import type { ServiceObjects } from '../index.js';

export interface SessionOptions {
  /** Log every HTTP request and response. @default false */
  debug?: boolean;
  /** Where `.debug` output goes. @default stderr */
  log?: (text: string) => void;
  /** Most instances the session may start on real AWS (`--max-instances`). @default 3 */
  maxInstances?: number;
  /** State billable creates and enforce maxInstances. @default true on real AWS only */
  costGuard?: boolean;
  /** Where helpers print their progress. @default process.stdout */
  out?: Output;
}

/** One line of `.help`: a global, or a member of a service object (indented). */
export interface HelpEntry {
  name: string;
  doc: string;
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
  readonly folders: readonly ServiceFolder[];
  /** Everything the session created and has not deleted (`.created`, `.cleanup`). */
  readonly tracker: Tracker;
  /** Where helpers, recipes and service objects print progress: one line that updates in place, or plain lines. */
  readonly reporter: Reporter;
  maxInstances: number;
  private readonly costGuard?: boolean;
  private readonly billable: ReadonlyMap<string, Billable>;
  private readonly handles = new Map<string, ServiceHandle>();

  constructor(connection: Connection, folders: readonly ServiceFolder[], options: SessionOptions = {}) {
    this.connection = connection;
    this.folders = folders;
    this.tracker = new Tracker(folders);
    this.billable = billableCalls(folders);
    this.reporter = new Reporter(options.out);
    this.debug = options.debug ?? false;
    this.log = options.log ?? ((text) => process.stderr.write(`${text}\n`));
    this.maxInstances = options.maxInstances ?? DEFAULT_MAX_INSTANCES;
    this.costGuard = options.costGuard;
    for (const { service } of folders) if (service) this.handles.set(service.name, createServiceHandle(service, this));
  }

  /** Re-points every service object at another region. */
  setRegion(region: string): void {
    this.connection = { ...this.connection, region };
    this.generation++;
  }

  /** Acts as `profile` of the shared config files from here on (`.profile NAME`): its keys, or the role it assumes. */
  setProfile(profile: string): void {
    this.connection = { ...this.connection, profile, credentials: undefined };
    this.generation++;
  }

  clientConfig(): Record<string, unknown> {
    return clientConfig(this.connection);
  }

  /** What a service object gets besides its client config. */
  serviceContext(): ServiceContext {
    return { reporter: this.reporter, sandbox: this.connection.sandbox };
  }

  /** The service handle behind a prompt global, if `name` is a service object. */
  handle(name: string): ServiceHandle | undefined {
    return this.handles.get(name);
  }

  /** The names of the service objects: `ec2`, `s3`, … */
  serviceNames(): string[] {
    return [...this.handles.keys()];
  }

  /** The service object (loaded, current connection): `await session.service('ec2')` is an Ec2Service. */
  service<N extends keyof ServiceObjects>(name: N): Promise<ServiceObjects[N]>;
  service(name: string): Promise<object>;
  service(name: string): Promise<object> {
    const handle = this.handles.get(name);
    if (!handle) return Promise.reject(pawsError('NoSuchService', `no service object named ${name}`));
    return handle.load();
  }

  /** A service object for another region than the session's (cleanup of what was made there). */
  serviceIn<N extends keyof ServiceObjects>(name: N, region: string): Promise<ServiceObjects[N]>;
  serviceIn(name: string, region: string): Promise<object>;
  async serviceIn(name: string, region: string): Promise<object> {
    const handle = this.handles.get(name);
    if (!handle) throw pawsError('NoSuchService', `no service object named ${name}`);
    if (region === this.connection.region) return handle.load();
    const createService = await handle.spec.load();
    return this.instrument(createService({ ...this.clientConfig(), region }, this.serviceContext()));
  }

  /** The values the prompt defines: service stand-ins and lazily loaded helper functions. */
  globals(): Record<string, unknown> {
    const values: Record<string, unknown> = {};
    for (const folder of this.folders) {
      if (folder.service) values[folder.service.name] = this.handles.get(folder.service.name)!.proxy;
      for (const [name, spec] of Object.entries(folder.helpers ?? {})) {
        let helper: ReturnType<typeof spec.load> | undefined;
        const call = async (...args: unknown[]) => (await (helper ??= spec.load()))(this, ...args);
        values[name] = Object.defineProperty(call, 'name', { value: name });
      }
    }
    return values;
  }

  /**
   * What `.help` lists, folder by folder: each service object with its members, then the helpers;
   * only the folder of the service object `serviceName` if given (`.help s3`).
   */
  help(serviceName?: string): HelpEntry[] {
    const member = (service: string) => (m: MemberDoc): HelpEntry => ({ name: `  ${service}.${m.name}`, doc: m.doc });
    const folders = serviceName === undefined ? this.folders : this.folders.filter((f) => f.service?.name === serviceName);
    return folders.flatMap(({ service, helpers = {} }) => [
      ...(service ? [{ name: service.name, doc: service.doc }, ...(service.members ?? []).map(member(service.name))] : []),
      ...Object.entries(helpers).map(([name, h]) => ({ name, doc: h.doc })),
    ]);
  }

  /**
   * Wires paws's per-call behaviour into a freshly built client: every call carries the abort
   * signal of the evaluation that made it (Ctrl-C, ./call-context.ts), `.debug on` logs its HTTP
   * traffic, what it creates is tracked, and on real AWS the cost guard sees billable creates first.
   */
  instrument<T extends object>(client: T): T {
    const c = client as any;
    // Clients a service object derives from itself (`region.connect()`) get the same wiring.
    Object.defineProperty(c, INSTRUMENT, { value: <U extends object>(other: U) => this.instrument(other) });
    const send = c.send.bind(c);
    c.send = (command: unknown, options?: unknown, callback?: unknown) => {
      const call = typeof options === 'function' ? undefined : callSignal();
      if (!call) return send(command, options, callback);
      const withSignal = { abortSignal: call.signal, ...(options as object) };
      const answered = typeof callback === 'function' ? (...answer: unknown[]) => (call.end(), callback(...answer)) : undefined;
      // A promise unless there is a callback.
      const answer = send(command, withSignal, answered);
      answer?.then(call.end, call.end);
      return answer;
    };
    c.middlewareStack.add(
      httpLogMiddleware(() => this.debug, (text) => this.log(text)),
      { step: 'deserialize', priority: 'low', name: 'pawsHttpLog' },
    );
    c.middlewareStack.add(foreignAnswerMiddleware(), { step: 'deserialize', priority: 'low', name: 'pawsForeignAnswer' });
    const guarded = this.costGuard ?? isRealAws(this.connection);
    const guard = guarded ? costGuard(this.billable, { tracker: this.tracker, maxInstances: () => this.maxInstances, say: (text) => this.log(text) }) : undefined;
    const fallback = this.connection.region;
    // A client's region is fixed when it is built: read once.
    let region: string | undefined;
    const regionOf = () => region ?? (async () => (region = (typeof c.config?.region === 'function' ? await c.config.region() : (c.config?.region ?? fallback)) as string))();
    c.middlewareStack.add(secretsMiddleware(), { step: 'initialize', priority: 'high', name: 'pawsSecrets' });
    c.middlewareStack.add(inputCheckMiddleware(), { step: 'initialize', priority: 'high', name: 'pawsInputCheck' });
    c.middlewareStack.add(trackingMiddleware(this.tracker, regionOf, guard), { step: 'initialize', priority: 'high', name: 'pawsTracking' });
    return client;
  }
}
