/**
 * Schema-driven XML writing for the query, EC2 and REST-XML protocols: element names come from
 * the model's xmlName traits, lists are wrapped (`member`/`item`) or flattened as the model says.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { scalarToText } from './values.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

/** The child elements of a structure (its members that have a value). */
export function xmlMembers(ns: NormalizedSchema, value: Record<string, unknown> | undefined): string {
  if (!value || !ns.isStructSchema()) return '';
  let out = '';
  for (const [name, member] of ns.structIterator()) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    const traits = member.getMergedTraits();
    if (traits.httpHeader || traits.httpQuery || traits.httpResponseCode || traits.httpPayload || traits.xmlAttribute) continue;
    out += xmlElement((traits.xmlName as string | undefined) ?? name, member, v);
  }
  return out;
}

/** One member as XML: `<name>…</name>`, or repeated elements for a flattened list or map. */
export function xmlElement(name: string, ns: NormalizedSchema, v: unknown): string {
  const traits = ns.getMergedTraits();
  if (ns.isListSchema()) {
    const member = ns.getValueSchema();
    const items = v as unknown[];
    if (traits.xmlFlattened) return items.map((item) => xmlElement(name, member, item)).join('');
    const itemName = (member.getMergedTraits().xmlName as string | undefined) ?? 'member';
    return `<${name}>${items.map((item) => xmlElement(itemName, member, item)).join('')}</${name}>`;
  }
  if (ns.isMapSchema()) {
    const keyName = (ns.getKeySchema().getMergedTraits().xmlName as string | undefined) ?? 'key';
    const valueSchema = ns.getValueSchema();
    const valueName = (valueSchema.getMergedTraits().xmlName as string | undefined) ?? 'value';
    const entries = Object.entries(v as Record<string, unknown>).map(
      ([k, val]) => `<${keyName}>${escapeXml(k)}</${keyName}>${xmlElement(valueName, valueSchema, val)}`,
    );
    if (traits.xmlFlattened) return entries.map((e) => `<${name}>${e}</${name}>`).join('');
    return `<${name}>${entries.map((e) => `<entry>${e}</entry>`).join('')}</${name}>`;
  }
  if (ns.isStructSchema()) {
    const attrs = xmlnsDeclaration(traits.xmlNamespace) + xmlAttributes(ns, v as Record<string, unknown>);
    return `<${name}${attrs}>${xmlMembers(ns, v as Record<string, unknown>)}</${name}>`;
  }
  return `<${name}>${escapeXml(scalarToText(ns, v))}</${name}>`;
}

/**
 * The namespace a member's xmlNamespace trait declares (S3's Grantee: `xmlns:xsi="…"`), so that
 * its prefixed attributes (`xsi:type`) are bound and namespace-aware parsers accept them.
 */
function xmlnsDeclaration(trait: unknown): string {
  if (!trait) return '';
  // The schemas give [prefix, uri], or a bare uri; the trait's JSON form is {prefix?, uri}.
  const [prefix, uri] = Array.isArray(trait) ? trait : typeof trait === 'string' ? [undefined, trait] : [(trait as { prefix?: string }).prefix, (trait as { uri: string }).uri];
  return ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeXml(String(uri))}"`;
}

function xmlAttributes(ns: NormalizedSchema, value: Record<string, unknown>): string {
  let out = '';
  for (const [name, member] of ns.structIterator()) {
    const traits = member.getMergedTraits();
    if (traits.xmlAttribute && value[name] != null) {
      out += ` ${(traits.xmlName as string | undefined) ?? name}="${escapeXml(scalarToText(member, value[name]))}"`;
    }
  }
  return out;
}
