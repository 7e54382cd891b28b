/**
 * What a listing helper returns (`bucket.keys()`): `for await (const key of …)` fetches a page at
 * a time as it goes, and `await …` collects every item into a list, which prints as a table.
 */
import { inspect } from 'node:util';

export class Listing<T> implements AsyncIterable<T>, PromiseLike<T[]> {
  constructor(private readonly items: () => AsyncIterator<T>) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.items();
  }

  then<A = T[], B = never>(onCollected?: ((items: T[]) => A | PromiseLike<A>) | null, onFailed?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    return this.collect().then(onCollected, onFailed);
  }

  private async collect(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }

  [inspect.custom](): string {
    return 'Listing — await it for the list, or for await (const item of …) to go a page at a time';
  }
}
