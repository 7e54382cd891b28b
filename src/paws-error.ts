/**
 * paws's own errors, one kind for all of src/: the code is the name, as in the SDK's exception
 * classes, so `errorCode` reads both alike and `errorLine` prints `Code: message` once.
 * A leaf module: src/ssh throws these too, and must not import src/helpers.
 */
export class PawsError extends Error {
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = code;
  }
}

/** `throw pawsError('NoSuchKey', \`${bucket} has no key ${key}\`)`. */
export function pawsError(code: string, message: string, options?: ErrorOptions): PawsError {
  return new PawsError(code, message, options);
}
