/** Scalar conversions shared by the protocols, in both directions. */
import type { NormalizedSchema } from '@smithy/core/schema';

/** A timestamp as handlers may hold it (Date, ISO string, epoch ms) → Date. */
export function toDate(v: unknown): Date {
  return v instanceof Date ? v : new Date(v as string | number);
}

/**
 * Timestamps handlers hold as text (a bucket's creation, an object's last change), as last written:
 * the same few are answered over and over, and parsing one into a Date to write it costs ~1.6 µs.
 */
const isoTexts = new Map<string, string>();
const MAX_ISO_TEXTS = 4096;

/** ISO 8601 without sub-second noise when there is none, as AWS writes it. */
export function isoTime(v: unknown): string {
  if (typeof v !== 'string') return toDate(v).toISOString();
  let text = isoTexts.get(v);
  if (text === undefined) {
    text = toDate(v).toISOString();
    if (isoTexts.size >= MAX_ISO_TEXTS) isoTexts.clear(); // bounded, whatever texts handlers hold
    isoTexts.set(v, text);
  }
  return text;
}

/** A scalar from its wire text (query parameters, XML text). */
export function scalarFromText(ns: NormalizedSchema, raw: string): unknown {
  if (ns.isBooleanSchema()) return raw === 'true';
  if (ns.isNumericSchema()) return Number(raw);
  if (ns.isTimestampSchema()) return /^\d+(\.\d+)?$/.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
  if (ns.isBlobSchema()) return Buffer.from(raw, 'base64');
  return raw;
}

/** A scalar as wire text (XML text, headers). */
export function scalarToText(ns: NormalizedSchema, v: unknown): string {
  if (ns.isTimestampSchema()) return isoTime(v);
  if (ns.isBlobSchema()) return typeof v === 'string' ? v : Buffer.from(v as Uint8Array).toString('base64');
  return String(v);
}
