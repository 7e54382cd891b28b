/**
 * The base of every resource object (Zone, Region, Instance, Bucket…), after boto's EC2Object:
 * the data the service returned, a back-reference to the client that fetched it, a one-line repr
 * (`Zone:us-east-1a`) and `update()` to re-fetch. Getters only read `data`: completion and the
 * REPL's preview evaluate them, so they must never make a network call.
 */
import { inspect } from 'node:util';
import { PawsError, pawsError } from './errors.js';

/** One column of the table printed for a long list of resources of one kind. */
export interface Column<R> {
  header: string;
  value: (resource: R) => unknown;
}

export abstract class Resource<Data extends object = object, Client = unknown> {
  /** The type name in the repr: `Zone` prints as `Zone:us-east-1a`. */
  static kind = 'Resource';
  /** Columns for a long list of this kind; subclasses declare theirs. */
  static columns: readonly Column<any>[] = [];

  /** The resource as the service described it (the SDK's own shape). */
  data: Data;
  /** The client that fetched it; actions and `update()` go through it, in its region. */
  declare readonly client: Client;

  constructor(client: Client, data: Data) {
    // Not enumerable: printing or JSON-encoding a resource must not walk into the client.
    Object.defineProperty(this, 'client', { value: client, enumerable: false });
    this.data = data;
  }

  /** The identifier in the repr and in reloads (instance id, zone name, bucket name…). */
  abstract get id(): string;

  /**
   * What AWS calls it where a helper takes a name or id (see `refOf`): the id, unless the kind
   * says otherwise (a Key's name within its bucket, a Topic's ARN).
   */
  get ref(): string {
    return this.id;
  }

  /** Fetches this resource's current data from the service. */
  protected abstract describe(): Promise<Data>;

  /** Re-fetches the resource and updates it in place (boto's `update()`); returns it. */
  async update(): Promise<this> {
    this.data = await this.describe();
    return this;
  }

  /** Same as `update()`. */
  reload(): Promise<this> {
    return this.update();
  }

  toString(): string {
    return `${(this.constructor as typeof Resource).kind}:${this.id}`;
  }

  toJSON(): Data {
    return this.data;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** Thrown by `describe()` when the service no longer knows the resource. */
export class ResourceNotFound extends PawsError {
  constructor(kind: string, id: string) {
    super('ResourceNotFound', `${kind} ${id} no longer exists`);
  }
}

/** A name or id, or the resource object paws returned for it: what helpers take for either. */
export type Ref<R extends Resource = Resource> = string | R;

/**
 * The one resolver every helper applies where a name or id goes, so the objects paws returns
 * (`createBucket(…)`, `launchInstance(…)`, `sns.topic(…)`) can be passed back as they are.
 * `what` names the expected thing in the error: `a bucket`, `an instance`.
 */
export function refOf(ref: unknown, what: string): string {
  if (typeof ref === 'string' && ref !== '') return ref;
  const resource = resourceOf(ref);
  if (resource?.ref) return resource.ref;
  const got = ref === undefined || ref === null ? `${ref} (did a lookup find nothing?)` : typeof ref === 'string' ? 'an empty string' : inspect(ref, { depth: 0, breakLength: Infinity });
  throw pawsError('InvalidArgument', `expected ${what} — its name or id, or the object paws returned for it — but got ${got}`);
}

/**
 * The resource `value` is, or the one a helper's result holds (`launchInstance()`'s
 * `{ instance, ssh }`): such a result can be passed where its resource goes.
 */
export function resourceOf(value: unknown): Resource | undefined {
  if (value instanceof Resource) return value;
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  const held = Object.values(value).filter((member) => member instanceof Resource);
  return held.length === 1 ? held[0] : undefined;
}

/** Whether `value` is a non-empty array of resources of a single kind. */
export function isResourceList(value: unknown): value is Resource[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  const kind = value[0]?.constructor;
  return value.every((r) => r instanceof Resource && r.constructor === kind);
}
