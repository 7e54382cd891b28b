/**
 * The base of every resource object (Zone, Region, Instance, Bucket…), after boto's EC2Object:
 * the data the service returned, a back-reference to the client that fetched it, a one-line repr
 * (`Zone:us-east-1a`) and `update()` to re-fetch. Getters only read `data`: completion and the
 * REPL's preview evaluate them, so they must never make a network call.
 */
import { inspect } from 'node:util';

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
export class ResourceNotFound extends Error {
  override name = 'ResourceNotFound';
  constructor(kind: string, id: string) {
    super(`${kind} ${id} no longer exists`);
  }
}

/** Whether `value` is a non-empty array of resources of a single kind. */
export function isResourceList(value: unknown): value is Resource[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  const kind = value[0]?.constructor;
  return value.every((r) => r instanceof Resource && r.constructor === kind);
}
