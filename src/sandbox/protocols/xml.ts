/**
 * Schema-driven XML writing for the query, EC2 and REST-XML protocols: element names come from
 * the model's xmlName traits, lists are wrapped (`member`/`item`) or flattened as the model says.
 * Each shape's writer is compiled once, on its first answer: its traits, member list and element
 * names are read from the model then, not again for every value of every response.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { scalarToText } from './values.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const XML_SPECIAL = /[&<>"']/;

export function escapeXml(s: string): string {
  return XML_SPECIAL.test(s) ? s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]) : s;
}

/** The child elements of a structure (its members that have a value). */
export function xmlMembers(ns: NormalizedSchema, value: Record<string, unknown> | undefined): string {
  if (!value || !ns.isStructSchema()) return '';
  return membersWriter(ns)(value);
}

/** One member as XML: `<name>…</name>`, or repeated elements for a flattened list or map. */
export function xmlElement(name: string, ns: NormalizedSchema, v: unknown): string {
  return elementWriter(name, ns)(v);
}

type Write = (v: unknown) => string;
type WriteMembers = (value: Record<string, unknown>) => string;

/** Compiled writers by schema (the SDK's schema objects live as long as their client package) and element name. */
const elementWriters = new WeakMap<NormalizedSchema, Map<string, Write>>();
const memberWriters = new WeakMap<NormalizedSchema, WriteMembers>();

function elementWriter(name: string, ns: NormalizedSchema): Write {
  let byName = elementWriters.get(ns);
  if (!byName) elementWriters.set(ns, (byName = new Map()));
  let write = byName.get(name);
  if (!write) byName.set(name, (write = compileElement(name, ns)));
  return write;
}

function xmlNameOf(ns: NormalizedSchema): string | undefined {
  return ns.getMergedTraits().xmlName as string | undefined;
}

function compileElement(name: string, ns: NormalizedSchema): Write {
  const traits = ns.getMergedTraits();
  if (ns.isListSchema()) {
    const member = ns.getValueSchema();
    if (traits.xmlFlattened) {
      const item = elementWriter(name, member);
      return (v) => (v as unknown[]).map((i) => item(i)).join('');
    }
    const item = elementWriter(xmlNameOf(member) ?? 'member', member);
    return (v) => `<${name}>${(v as unknown[]).map((i) => item(i)).join('')}</${name}>`;
  }
  if (ns.isMapSchema()) {
    const keyName = xmlNameOf(ns.getKeySchema()) ?? 'key';
    const valueSchema = ns.getValueSchema();
    const value = elementWriter(xmlNameOf(valueSchema) ?? 'value', valueSchema);
    const entries = (v: unknown) => Object.entries(v as Record<string, unknown>).map(([k, val]) => `<${keyName}>${escapeXml(k)}</${keyName}>${value(val)}`);
    if (traits.xmlFlattened) return (v) => entries(v).map((e) => `<${name}>${e}</${name}>`).join('');
    return (v) => `<${name}>${entries(v).map((e) => `<entry>${e}</entry>`).join('')}</${name}>`;
  }
  if (ns.isStructSchema()) {
    const open = `<${name}${xmlnsDeclaration(traits.xmlNamespace)}`;
    const attributes = attributesWriter(ns);
    // Members are compiled on first use: models may be recursive.
    return (v) => `${open}${attributes(v as Record<string, unknown>)}>${xmlMembers(ns, v as Record<string, unknown>)}</${name}>`;
  }
  return (v) => `<${name}>${escapeXml(scalarToText(ns, v))}</${name}>`;
}

/** A structure's members in order, each with its value's writer; HTTP-bound members and attributes are not elements. */
function membersWriter(ns: NormalizedSchema): WriteMembers {
  let write = memberWriters.get(ns);
  if (write) return write;
  const members = [...ns.structIterator()]
    .filter(([, member]) => {
      const t = member.getMergedTraits();
      return !(t.httpHeader || t.httpQuery || t.httpResponseCode || t.httpPayload || t.xmlAttribute);
    })
    .map(([name, member]): [string, Write] => [name, elementWriter(xmlNameOf(member) ?? name, member)]);
  write = (value) => {
    let out = '';
    for (const [name, member] of members) {
      const v = value[name];
      if (v !== undefined && v !== null) out += member(v);
    }
    return out;
  };
  memberWriters.set(ns, write);
  return write;
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

function attributesWriter(ns: NormalizedSchema): WriteMembers {
  const attributes = [...ns.structIterator()].filter(([, member]) => member.getMergedTraits().xmlAttribute);
  return (value) => {
    let out = '';
    for (const [name, member] of attributes) {
      if (value[name] != null) out += ` ${xmlNameOf(member) ?? name}="${escapeXml(scalarToText(member, value[name]))}"`;
    }
    return out;
  };
}
