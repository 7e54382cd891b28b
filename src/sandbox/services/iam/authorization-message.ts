/**
 * The encoded authorization failure message AWS appends to a refusal (EC2's UnauthorizedOperation)
 * and STS's DecodeAuthorizationMessage reads back. AWS's message is opaque, so the sandbox's is
 * encrypted too (AES-256-GCM under a key of the account's, kept with its state): only a caller of
 * that account with sts:DecodeAuthorizationMessage learns what was checked.
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_DecodeAuthorizationMessage.html
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AwsError, type Principal, type SandboxRuntime } from '../../core/types.js';
import { principalKeys } from '../../core/context-keys.js';
import { list, type RequestFacts, type Statement } from '../../core/policy.js';
import type { Verdict } from './authorize.js';

/** AWS's JSON lists are `{ items: [...] }`, and each value `{ value }`. */
const items = <T>(xs: T[]) => ({ items: xs });
const values = (v: unknown) => items(list(v).map((value) => ({ value })));

function keyOf(runtime: SandboxRuntime, accountId: string): Buffer {
  const state = runtime.store.get('sts', accountId, 'global', () => ({ messageKey: randomBytes(32).toString('base64') }));
  return Buffer.from(state.messageKey, 'base64');
}

function statementJson(s: Statement) {
  return {
    statementId: s.Sid ?? '',
    effect: s.Effect.toUpperCase(),
    principals: items([]),
    principalGroups: items([]),
    actions: values(s.Action ?? s.NotAction),
    resources: values(s.Resource ?? s.NotResource),
    conditions: items(Object.entries(s.Condition ?? {}).flatMap(([op, byKey]) => Object.entries(byKey).map(([key, v]) => ({ key: `${op}:${key}`, values: values(v) })))),
  };
}

export function encodeAuthorizationMessage(runtime: SandboxRuntime, principal: Principal, facts: RequestFacts, verdict: Verdict): string {
  const message = {
    allowed: false,
    explicitDeny: verdict.decision === 'ExplicitDeny',
    matchedStatements: items(verdict.decision === 'ExplicitDeny' ? (verdict.statements ?? []).map(statementJson) : []),
    failures: items([]),
    context: {
      principal: { id: principal.userId ?? principal.accountId, ...(principal.userName ? { name: principal.userName } : {}), arn: principal.arn },
      action: facts.action,
      resource: facts.resource,
      conditions: items(Object.entries({ ...facts.keys, ...principalKeys(principal) }).filter(([, v]) => v !== undefined).map(([key, v]) => ({ key, values: values(v) }))),
    },
  };
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(runtime, principal.accountId), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(message), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The JSON a message of `accountId`'s encodes; another account's, or an altered one, is invalid as on AWS. */
export function decodeAuthorizationMessage(runtime: SandboxRuntime, accountId: string, encoded: string): string {
  const raw = Buffer.from(encoded.trim(), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(runtime, accountId), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    throw new AwsError('InvalidAuthorizationMessageException', 'The encoded authorization message is invalid.', 400);
  }
}
