/**
 * An SDK client's resolved config is built up property by property (~70 for S3), which leaves V8
 * holding it as a dictionary, and the SDK copies it (`{...config}`) three times per request, to
 * resolve the endpoint, serialize and deserialize: ~14 µs a copy here against ~2 µs from an
 * object with fast properties, ~70 µs of CPU per small PutObject (bench/s3.mjs). V8 gives an
 * object fast properties in place once it has cached a property load through it as a prototype
 * (JSObject::MakePrototypesFast), so the config stays the very object the client's middleware
 * hold. Where that does not happen, this is a thousand lookups and nothing else.
 */
export function giveFastProperties(object: object): void {
  const heir = Object.create(object) as Record<string, unknown>;
  // Enough loads for V8 to give this loop feedback (allocated lazily) and cache the lookup in it.
  for (let i = 0; i < 1000; i++) void heir.pawsNoSuchProperty;
}
