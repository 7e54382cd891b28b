/**
 * Key pairs. CreateKeyPair makes a real key and hands the private half over once; ImportKeyPair
 * takes an OpenSSH (or RFC 4716) RSA or ED25519 public key. Fingerprints are computed as AWS does:
 * created RSA keys, SHA-1 of the PKCS#8 DER private key; imported RSA keys, MD5 of the DER
 * public key (SubjectPublicKeyInfo); ED25519 keys, base64 SHA-256 of the SSH public key blob.
 */
import type { KeyPairInfo } from '@aws-sdk/client-ec2';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import ssh2 from 'ssh2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { applyFilters, specTags, tagList } from './filters.js';
import { newId, nowIso, regionState } from './state.js';
import type { Input, KeyPairRecord, Output } from './types.js';
import { generateOpenSshKeyPair } from '../../instances/openssh-keys.js';

const { utils } = ssh2;

const colonHex = (buf: Buffer) => buf.toString('hex').match(/../g)!.join(':');
const sha256Base64 = (blob: Buffer) => createHash('sha256').update(blob).digest('base64');

async function generate(type: 'rsa' | 'ed25519'): Promise<{ privateKey: string; publicKey: string; fingerprint: string }> {
  if (type === 'ed25519') {
    // OpenSSH format, as AWS returns ED25519 private keys.
    const pair = await generateOpenSshKeyPair('ed25519');
    const parsed = utils.parseKey(pair.public);
    if (parsed instanceof Error) throw parsed;
    return { privateKey: `${pair.private.trim()}\n`, publicKey: pair.public.trim(), fingerprint: sha256Base64(parsed.getPublicSSH()) };
  }
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  const parsed = utils.parseKey(pem);
  if (parsed instanceof Error) throw parsed;
  return {
    privateKey: pem.trim(),
    publicKey: `ssh-rsa ${parsed.getPublicSSH().toString('base64')}`,
    fingerprint: colonHex(createHash('sha1').update(pkcs8).digest()),
  };
}

/** Parses an imported public key; AWS accepts OpenSSH lines, RFC 4716 blocks and base64 DER. */
function importedKey(material: Buffer): { type: 'rsa' | 'ed25519'; publicKey: string; fingerprint: string } {
  const invalid = () => new AwsError('InvalidKey.Format', 'Key is not in valid OpenSSH public key format');
  let text = material.toString('utf8').trim();
  if (/^[A-Za-z0-9+/=\s]+$/.test(text) && !text.startsWith('AAAA')) {
    // Base64 of an OpenSSH line or DER: what some clients send when they double-encode.
    const inner = Buffer.from(text, 'base64').toString('utf8').trim();
    if (/^(ssh-|----)/.test(inner)) text = inner;
  }
  const parsed = utils.parseKey(text);
  if (parsed instanceof Error || !parsed || Array.isArray(parsed) || parsed.isPrivateKey()) throw invalid();
  const blob = parsed.getPublicSSH();
  const publicKey = `${parsed.type} ${blob.toString('base64')}`;
  if (parsed.type === 'ssh-ed25519') return { type: 'ed25519', publicKey, fingerprint: sha256Base64(blob) };
  if (parsed.type !== 'ssh-rsa') throw invalid();
  const der = createPublicKey(parsed.getPublicPEM()).export({ type: 'spki', format: 'der' });
  return { type: 'rsa', publicKey, fingerprint: colonHex(createHash('md5').update(der).digest()) };
}

function add(ctx: RequestContext, name: string | undefined, key: Omit<KeyPairRecord, 'keyPairId' | 'keyName' | 'createTime' | 'tags'>, tags: Record<string, string>): KeyPairRecord {
  if (!name) throw new AwsError('MissingParameter', 'The request must contain the parameter KeyName');
  if (name.length > 255) throw new AwsError('InvalidParameterValue', `Value (${name}) for parameter keyName is invalid. Length exceeds maximum of 255.`);
  const state = regionState(ctx);
  if (state.keyPairs[name]) throw new AwsError('InvalidKeyPair.Duplicate', `The keypair already exists`);
  const record: KeyPairRecord = { keyPairId: newId('key'), keyName: name, createTime: nowIso(), tags, ...key };
  state.keyPairs[name] = record;
  return record;
}

export async function createKeyPair(input: Input<'CreateKeyPair'>, ctx: RequestContext): Promise<Output<'CreateKeyPair'>> {
  const type = (input.KeyType ?? 'rsa') as 'rsa' | 'ed25519';
  if (type !== 'rsa' && type !== 'ed25519') throw new AwsError('InvalidParameterValue', `Invalid value '${input.KeyType}' for KeyType.`);
  if (input.KeyFormat && input.KeyFormat !== 'pem') throw new AwsError('InvalidParameterValue', `The paws sandbox creates keys in pem format only, not '${input.KeyFormat}'.`);
  const key = await generate(type);
  // Checked after generating: another CreateKeyPair of the same name may have run meanwhile.
  if (input.KeyName && regionState(ctx).keyPairs[input.KeyName]) throw new AwsError('InvalidKeyPair.Duplicate', `The keypair already exists`);
  const record = add(ctx, input.KeyName, { keyType: type, keyFingerprint: key.fingerprint, publicKey: key.publicKey }, specTags(input.TagSpecifications, 'key-pair'));
  return { KeyName: record.keyName, KeyFingerprint: record.keyFingerprint, KeyMaterial: key.privateKey, KeyPairId: record.keyPairId, Tags: tagList(record.tags) };
}

export function importKeyPair(input: Input<'ImportKeyPair'>, ctx: RequestContext): Output<'ImportKeyPair'> {
  if (!input.PublicKeyMaterial?.length) throw new AwsError('MissingParameter', 'The request must contain the parameter PublicKeyMaterial');
  const key = importedKey(Buffer.from(input.PublicKeyMaterial));
  const record = add(ctx, input.KeyName, { keyType: key.type, keyFingerprint: key.fingerprint, publicKey: key.publicKey }, specTags(input.TagSpecifications, 'key-pair'));
  return { KeyName: record.keyName, KeyFingerprint: record.keyFingerprint, KeyPairId: record.keyPairId, Tags: tagList(record.tags) };
}

export function describeKeyPairs(input: Input<'DescribeKeyPairs'>, ctx: RequestContext): Output<'DescribeKeyPairs'> {
  const all = Object.values(regionState(ctx).keyPairs);
  for (const name of input.KeyNames ?? []) {
    if (!all.some((k) => k.keyName === name)) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${name}' does not exist`);
  }
  for (const id of input.KeyPairIds ?? []) {
    if (!all.some((k) => k.keyPairId === id)) throw new AwsError('InvalidKeyPair.NotFound', `The key pair ID '${id}' does not exist`);
  }
  const picked = all.filter((k) => (!input.KeyNames?.length || input.KeyNames.includes(k.keyName)) && (!input.KeyPairIds?.length || input.KeyPairIds.includes(k.keyPairId)));
  const keys = applyFilters(picked, input.Filters, {
    'key-name': (k) => k.keyName,
    'key-pair-id': (k) => k.keyPairId,
    'fingerprint': (k) => k.keyFingerprint,
    'key-type': (k) => k.keyType,
  });
  return {
    KeyPairs: keys.map((k): Wire<KeyPairInfo> => ({
      KeyPairId: k.keyPairId,
      KeyName: k.keyName,
      KeyFingerprint: k.keyFingerprint,
      KeyType: k.keyType,
      CreateTime: k.createTime,
      Tags: tagList(k.tags),
      PublicKey: input.IncludePublicKey ? `${k.publicKey} ${k.keyName}\n` : undefined,
    })),
  };
}

export function deleteKeyPair(input: Input<'DeleteKeyPair'>, ctx: RequestContext): Output<'DeleteKeyPair'> {
  const state = regionState(ctx);
  const key = input.KeyName ? state.keyPairs[input.KeyName] : Object.values(state.keyPairs).find((k) => k.keyPairId === input.KeyPairId);
  if (!input.KeyName && !input.KeyPairId) throw new AwsError('MissingParameter', 'The request must contain the parameter KeyName or KeyPairId');
  // Deleting a key that does not exist succeeds on AWS.
  if (key) delete state.keyPairs[key.keyName];
  return { Return: true, KeyPairId: key?.keyPairId };
}
