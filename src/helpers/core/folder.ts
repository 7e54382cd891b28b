/**
 * What a service folder says about itself (`src/helpers/<svc>/description.ts`): the service
 * object it puts at the prompt, its helper functions, the kinds of resources its operations
 * create and how each is deleted, which calls are billable, and the names completion offers.
 * Everything generic is derived from these descriptions: the prompt's globals, `.help`,
 * completion, `.created` and `.cleanup`
 * (./tracking.ts, ./cleanup.ts), the cost guard (./cost-guard.ts) and recipes/globals.d.ts
 * (a type: `PromptGlobalsOf`). Adding a resource kind or a helper edits its folder only.
 *
 * Loaders are typed: `helper(doc, async () => (await import('./recipes/launch-instance.js')).launchInstance)`
 * fails to compile when the name is misspelt, and the prompt's types follow from what it loads.
 */
import type { Reporter } from './reporter.js';
import type { Session } from './session.js';

/** One line of `.help` under a service object: `zones()` — "Availability zones…". */
export interface MemberDoc {
  name: string;
  doc: string;
}

/** A helper function at the prompt; it receives the session first, then the user's arguments. */
export type Helper = (session: Session, ...args: any[]) => unknown;

export interface HelperSpec<F extends Helper = Helper> {
  /** Signature and purpose, e.g. `launchInstance({ami, type}) — starts an instance and waits`. */
  doc: string;
  /** Imports the implementation on first call, so the prompt opens without loading it. */
  load(): Promise<F>;
}

export function helper<F extends Helper>(doc: string, load: () => Promise<F>): HelperSpec<F> {
  return { doc, load };
}

/** What a service object gets from its session besides the SDK client's config. */
export interface ServiceContext {
  /** Where progress goes (waits, uploads): the session's one reporter. */
  reporter: Reporter;
  /** Whether the connection is paws's own sandbox — never inferred from a custom endpoint. */
  sandbox: boolean;
}

/** Builds the service object — the SDK's aggregated client plus paws's conveniences — for one connection. */
export type CreateService<S extends object = object> = (config: Record<string, unknown>, context: ServiceContext) => S;

export interface ServiceObjectSpec<N extends string = string, S extends object = object> {
  /** The global's name at the prompt: `ec2`, `cw`. */
  name: N;
  /** How it prints: `EC2` → `EC2:us-east-1`. */
  title: string;
  doc: string;
  /** Conveniences beyond the SDK operations, for `.help`. */
  members?: MemberDoc[];
  /** Imports the service module on first use. */
  load(): Promise<CreateService<S>>;
}

/** A resource the session made and has not deleted, as `.created` lists it. */
export interface TrackedResource {
  kind: string;
  /** What deletes it: instance id, key name, bucket name, `bucket/key`, topic ARN… */
  id: string;
  region: string;
  /** The service object that deletes it (`ec2`, `s3`, `sns`, `cw`, `iam`). */
  service: string;
  /** The bucket of an object, the user of an access key. */
  parent?: string;
  /** Object versions written by the session (versioned buckets). */
  versions?: string[];
  /** How it prints beside its id, e.g. an Elastic IP's address; also matches deletes by name. */
  note?: string;
  /** Local files the session wrote for it (a key pair's private key): removed with it. */
  files?: string[];
}

/** What an operation's answer created. */
export type Found = Pick<TrackedResource, 'id' | 'parent' | 'versions' | 'note'>;

/** What an operation deleted: an id, or one version of it (and the delete marker it left). */
export type Gone = string | { id: string; version?: string; marker?: string };

export interface RemoveOptions {
  /** Longest wait for one resource's state (instance termination, volume detachment). */
  maxWaitSeconds: number;
}

export interface ResourceKind<S extends object = any> {
  /** Kinds `.cleanup` deletes before this one: what hangs on it (instances before their volumes). */
  deletedAfter?: readonly string[];
  /** Operations (SDK command names without `Command`) whose answer created some of this kind. */
  createdBy: Record<string, (input: any, output: any) => Found[]>;
  /** Operations that deleted some. */
  deletedBy?: Record<string, (input: any, output: any) => Gone[]>;
  /**
   * Deletes one, through the resource object's own methods and the SDK's waiters; returns the
   * verb `.cleanup` prints (`terminated`) when it is not `deleted`.
   */
  remove(service: S, resource: TrackedResource, options: RemoveOptions): Promise<string | void>;
  /** Beside the id in `.created`, when the note alone does not say it: `(user alice)`. */
  label?(resource: TrackedResource): string | undefined;
}

/** A call that starts something billed on real AWS. */
export interface Billable {
  /** What it is about to create, in words: `1 t3.micro instance(s) of ami-… in eu-west-1, billed until terminated`. */
  says(input: any, region: string): string;
  /** The instances it starts, counted with those of `kind` the session made against `--max-instances`. */
  instances?: { kind: string; count(input: any): number };
}

export interface ServiceFolder<N extends string = string, S extends object = any, H extends Record<string, HelperSpec<any>> = Record<string, HelperSpec<any>>> {
  service?: ServiceObjectSpec<N, S>;
  helpers?: H;
  /** By kind name as `.created` prints it: `Instance`, `Object`. */
  resources?: Record<string, ResourceKind<S>>;
  /** By SDK command name. */
  billable?: Record<string, Billable>;
  /**
   * Names a user types, for completion (`.region eu-w⇥`, `'i-0ab⇥`), by kind. Fetched in the
   * background, so a slow or failing call only leaves its names out.
   */
  names?: Record<string, NameKind<S>>;
}

/** One kind of name that completion offers. */
export interface NameKind<S extends object = any> {
  /** Lists them with one call on the folder's service object (absent for a folder without one). */
  list(service: S): Promise<string[]>;
  /**
   * SDK input members that take one (`InstanceIds: ['⇥`): there Tab offers this kind alone, only
   * the names `accepts` matches (the ids, not the Name tags listed beside them).
   */
  members?: string[];
  accepts?: RegExp;
}

/** Declares a folder, keeping the literal names and types that the prompt's types derive from. */
export function describeFolder<const N extends string, S extends object, H extends Record<string, HelperSpec<any>> = {}>(
  folder: ServiceFolder<N, S, H>,
): ServiceFolder<N, S, H> {
  return folder;
}

type Loaded<T> = T extends HelperSpec<infer F> ? F : never;
/** A helper as the prompt offers it: without the session, always async. */
export type AtPrompt<F> = F extends (session: Session, ...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;

type ServiceOf<F> = F extends ServiceFolder<infer N, infer S, any> ? (string extends N ? {} : { [K in N]: S }) : {};
type HelpersOf<F> = F extends ServiceFolder<any, any, infer H> ? { [K in keyof H]: AtPrompt<Loaded<H[K]>> } : {};
type Merge<U> = (U extends unknown ? (u: U) => void : never) extends (m: infer M) => void ? M : never;

/** The service objects of a set of folders, by prompt name: `{ ec2: Ec2Service, … }`. */
export type ServiceObjectsOf<Fs extends readonly ServiceFolder[]> = Merge<ServiceOf<Fs[number]>>;
/** Every global of a set of folders with the type it has at the prompt. */
export type PromptGlobalsOf<Fs extends readonly ServiceFolder[]> = Merge<ServiceOf<Fs[number]> | HelpersOf<Fs[number]>>;
