/** IPv4 CIDR blocks as VPCs and subnets use them: parsing, containment, overlap and host addresses. */

export interface Cidr {
  /** The network address as an unsigned 32-bit number. */
  base: number;
  prefix: number;
  /** How many addresses it spans. */
  size: number;
}

function toNumber(dotted: string): number | undefined {
  const parts = dotted.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function toDotted(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** `10.0.0.0/16` → its base and size; undefined when malformed or when host bits are set (`10.0.0.1/16`). */
export function parseCidr(text: string | undefined): Cidr | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text ?? '');
  if (!match) return undefined;
  const base = toNumber(match[1]);
  const prefix = Number(match[2]);
  if (base === undefined || prefix > 32) return undefined;
  const size = 2 ** (32 - prefix);
  return base % size === 0 ? { base, prefix, size } : undefined;
}

export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.base < b.base + b.size && b.base < a.base + a.size;
}

/** Whether `ip` (dotted) lies in the block. */
export function holds(cidr: Cidr, ip: string): boolean {
  const n = toNumber(ip);
  return n !== undefined && n >= cidr.base && n < cidr.base + cidr.size;
}

/** The block's `host`-th address (0 is the network address). */
export function hostAddress(cidr: Cidr, host: number): string {
  return toDotted(cidr.base + host);
}

export function hostNumber(cidr: Cidr, ip: string): number {
  return toNumber(ip)! - cidr.base;
}
