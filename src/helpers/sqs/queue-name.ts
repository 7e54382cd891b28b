/** A queue's name: a queue URL's last part (a name given alone is its own). */
export function queueName(nameOrUrl: string): string {
  return nameOrUrl.split('/').pop()!;
}
