/**
 * The base of every EC2 resource that carries tags (instances, volumes, snapshots, groups,
 * images, key pairs, addresses): `tags` as a record, and `addTag`/`removeTag` through
 * CreateTags/DeleteTags, keeping the object's own data in step.
 */
import type { EC2, Tag } from '@aws-sdk/client-ec2';
import { Resource } from '../core/resource.js';

export abstract class TaggedResource<Data extends { Tags?: Tag[] }> extends Resource<Data, EC2> {
  /** The id CreateTags takes: the resource id, unless the kind says otherwise (a key pair's `key-…`). */
  protected get tagTarget(): string {
    return this.id;
  }

  get tags(): Record<string, string> {
    return Object.fromEntries((this.data.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  }

  /** Adds a tag (`instance.addTag('paws')` gives it an empty value, as the book does). */
  async addTag(key: string, value = ''): Promise<void> {
    await this.client.createTags({ Resources: [this.tagTarget], Tags: [{ Key: key, Value: value }] });
    this.data = { ...this.data, Tags: [...(this.data.Tags ?? []).filter((t) => t.Key !== key), { Key: key, Value: value }] };
  }

  /** Removes a tag; with a value, only if it has that value. */
  async removeTag(key: string, value?: string): Promise<void> {
    await this.client.deleteTags({ Resources: [this.tagTarget], Tags: [{ Key: key, Value: value }] });
    this.data = { ...this.data, Tags: (this.data.Tags ?? []).filter((t) => t.Key !== key || (value !== undefined && t.Value !== value)) };
  }
}
