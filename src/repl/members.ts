/**
 * An object's members as the prompt sees them, without running code: Tab completion lists them,
 * and a member called by a wrong name gets the nearest (member-hint.ts).
 */

/** Public members along the prototype chain (SDK operations live on the class prototype). */
export function memberNames(value: unknown): string[] {
  const names = new Set<string>();
  for (let o = value; o !== null && o !== undefined && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name !== 'constructor' && !name.startsWith('_')) names.add(name);
    }
  }
  return [...names].sort();
}

/** `value[key]` if it is a data property (own or inherited); a getter is never run. */
export function dataProperty(value: unknown, key: string): unknown {
  for (let o = value; o !== null && o !== undefined; o = Object.getPrototypeOf(o)) {
    const descriptor = Object.getOwnPropertyDescriptor(o, key);
    if (descriptor) return 'value' in descriptor ? descriptor.value : undefined;
  }
  return undefined;
}
