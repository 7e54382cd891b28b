/** An SSH failure shown at the prompt as one line, `Code: message`, the message naming the fix. */
export class SshError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}
