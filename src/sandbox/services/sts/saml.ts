/**
 * AssumeRoleWithSAML: an unsigned request carrying an IdP's base64 SAML response. PrincipalArn
 * must be a SAML provider (IAM CreateSAMLProvider) and the assertion must name the pair
 * "role,provider" in its Role attribute; it must not have expired; its audience must be AWS's
 * sign-in endpoint; the role's trust policy must let that provider's users in (its conditions
 * see SAML:aud, SAML:sub, SAML:iss …). Its XML signature (over the Response or the Assertion) must
 * verify with one of the provider's metadata certificates, never one the response itself carries,
 * and only what that signature covers is read (xml-crypto's advice against signature wrapping).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml_assertions.html
 */
import { createHash } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { XMLParser } from 'fast-xml-parser';
import { SignedXml } from 'xml-crypto';
import { AwsError, type RequestContext } from '../../core/types.js';
import { requestKeys } from '../../core/context-keys.js';
import { accountState } from '../iam/state.js';
import { trusts } from '../iam/trust.js';
import { checkSessionName, roleNamed, roleSession } from './sessions.js';
import type { Input, Output } from './types.js';

const ATTRIBUTE = 'https://aws.amazon.com/SAML/Attributes/';
const AUDIENCES = ['https://signin.aws.amazon.com/saml', 'urn:amazon:webservices'];
const PROVIDER_ARN = /^arn:aws:iam::(\d{12}):saml-provider\/([\w._-]+)$/;

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, trimValues: true });

function invalid(message: string): AwsError {
  return new AwsError('InvalidIdentityToken', message, 400);
}

/** Every element named `name` under `node`, at any depth. */
function all(node: unknown, name: string): unknown[] {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node as Node).flatMap(([k, v]) => [...(k === name ? [v].flat() : []), ...[v].flat().flatMap((c) => all(c, name))]);
}

const text = (v: unknown): string => String(v && typeof v === 'object' ? ((v as Node)['#text'] ?? '') : (v ?? '')).trim();
const attr = (v: unknown, name: string): string | undefined => (v && typeof v === 'object' ? ((v as Node)[`@${name}`] as string | undefined) : undefined);
const certificates = (node: unknown) => all(node, 'X509Certificate').map((c) => text(c).replace(/\s+/g, ''));
const pem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)?.join('\n')}\n-----END CERTIFICATE-----\n`;
const XMLDSIG = 'http://www.w3.org/2000/09/xmldsig#';

interface Assertion {
  issuer: string;
  subject: string;
  subjectType: string;
  recipient: string;
  audiences: string[];
  notOnOrAfter?: string;
  attributes: Record<string, string[]>;
}

/** The element the IdP signed (the Response, or its Assertion) as canonical XML, once a `trusted` certificate verifies it. */
function signedPart(xml: string, trusted: string[]): string {
  const quiet = { warning: () => {}, error: () => {}, fatalError: () => {} };
  const signatures = new DOMParser({ errorHandler: quiet }).parseFromString(xml, 'text/xml').getElementsByTagNameNS(XMLDSIG, 'Signature');
  for (let i = 0; i < signatures.length; i++) {
    for (const cert of trusted) {
      // getCertFromKeyInfo: never the certificate the response offers, only the provider's.
      const signed = new SignedXml({ publicCert: pem(cert), getCertFromKeyInfo: () => null });
      try {
        signed.loadSignature(signatures[i]);
        if (signed.checkSignature(xml)) return signed.getSignedReferences()[0];
      } catch {
        // Malformed or by another key: the next certificate or signature may still verify.
      }
    }
  }
  throw invalid('Response signature invalid');
}

/** The assertion of a base64 SAML response, read only from what a `trusted` certificate signed. */
function readResponse(base64: string | undefined, trusted: string[]): Assertion {
  const xml = Buffer.from(base64 ?? '', 'base64').toString('utf8');
  try {
    parser.parse(xml, true);
  } catch {
    throw invalid('Invalid SAML response: not well-formed XML');
  }
  const doc = parser.parse(signedPart(xml, trusted)) as Node;
  const assertion = all(doc, 'Assertion')[0];
  if (!assertion) throw invalid('Invalid SAML response: no Assertion');
  const nameId = all(assertion, 'NameID')[0];
  const confirmation = all(assertion, 'SubjectConfirmationData')[0];
  const conditions = all(assertion, 'Conditions')[0];
  const attributes = Object.fromEntries(all(assertion, 'Attribute').map((a) => [attr(a, 'Name') ?? '', all(a, 'AttributeValue').map(text)]));
  const format = attr(nameId, 'Format') ?? '';
  return {
    issuer: text(all(assertion, 'Issuer')[0]),
    subject: text(nameId),
    // AWS reports the two common formats by their last word, any other by its URI.
    subjectType: /:nameid-format:(persistent|transient)$/.exec(format)?.[1] ?? format,
    recipient: attr(confirmation, 'Recipient') ?? '',
    audiences: all(conditions, 'Audience').map(text),
    notOnOrAfter: attr(confirmation, 'NotOnOrAfter') ?? attr(conditions, 'NotOnOrAfter'),
    attributes,
  };
}

export function assumeRoleWithSAML(input: Input<'AssumeRoleWithSAML'>, ctx: RequestContext): Output<'AssumeRoleWithSAML'> {
  const providerArn = input.PrincipalArn ?? '';
  const m = PROVIDER_ARN.exec(providerArn);
  if (!m) throw new AwsError('ValidationError', `${providerArn} is invalid`);
  const provider = accountState(ctx.sandbox, m[1]).samlProviders[providerArn];
  if (!provider) throw invalid("Specified provider doesn't exist.");
  const saml = readResponse(input.SAMLAssertion, certificates(parser.parse(provider.metadata)));
  if (!saml.audiences.some((a) => AUDIENCES.includes(a))) throw invalid('Invalid SAML response: audience is not https://signin.aws.amazon.com/saml');
  if (!saml.notOnOrAfter || Date.parse(saml.notOnOrAfter) <= Date.now()) {
    throw new AwsError('ExpiredTokenException', `Token expired: current date/time ${new Date().toISOString()} must be before the expiration date/time ${saml.notOnOrAfter ?? ''}`, 400);
  }
  const arn = input.RoleArn ?? '';
  const pairs = (saml.attributes[`${ATTRIBUTE}Role`] ?? []).map((v) => v.split(',').map((s) => s.trim()).sort());
  const refused = () => new AwsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithSAML', 403);
  if (!pairs.some((p) => p.join() === [arn, providerArn].sort().join())) throw refused();
  const sessionName = checkSessionName(saml.attributes[`${ATTRIBUTE}RoleSessionName`]?.[0], 'roleSessionName', 2, 64);
  const { state, role } = roleNamed(ctx, arn);
  // AWS's documented derivation: base64(SHA1(Issuer + account + "/" + provider name)).
  const nameQualifier = createHash('sha1').update(`${saml.issuer}${m[1]}/${m[2]}`).digest('base64');
  const keys = {
    ...requestKeys(ctx.req, undefined),
    'SAML:namequalifier': nameQualifier,
    'SAML:aud': saml.recipient,
    'SAML:sub': saml.subject,
    'SAML:sub_type': saml.subjectType,
    'SAML:iss': saml.issuer,
    'sts:RoleSessionName': sessionName,
  };
  if (!role || trusts(role, { federated: providerArn }, 'sts:AssumeRoleWithSAML', keys).decision !== 'Allow') throw refused();
  // The assertion's SessionDuration is the default; DurationSeconds, when given, overrides it.
  const sessionDuration = Number(saml.attributes[`${ATTRIBUTE}SessionDuration`]?.[0]) || undefined;
  const session = roleSession(ctx, state, role, sessionName, { ...input, DurationSeconds: input.DurationSeconds ?? sessionDuration }, { mfa: false });
  return {
    ...session,
    Subject: saml.subject,
    SubjectType: saml.subjectType,
    Issuer: saml.issuer,
    Audience: saml.recipient,
    NameQualifier: nameQualifier,
  };
}
