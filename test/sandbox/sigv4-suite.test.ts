/**
 * The sandbox's SigV4 verifier against the official SigV4 test suite (fixtures/sigv4): each signed
 * request verifies, and fails once a byte of its signature or of a header it signed changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSignature, verifySignature, type Verdict, type WireRequest } from '../../src/sandbox/core/sigv4.js';
import { requestTarget } from '../../src/sandbox/protocols/request-target.js';
import { REPO } from '../helpers/index.js';

const DIR = join(REPO, 'test', 'sandbox', 'fixtures', 'sigv4');
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const SIGNED_AT = Date.parse('2015-08-30T12:36:00Z');
const CASES = readdirSync(DIR).filter((f) => f.endsWith('.sreq')).map((f) => f.slice(0, -'.sreq'.length));

/** A `.sreq` file as an HTTP server would have received it. */
function parseSreq(text: string): WireRequest {
  const [head, ...rest] = text.split('\n\n');
  const [requestLine, ...headerLines] = head.split('\n');
  // `GET /example space/ HTTP/1.1`: the target is all between the method and the version.
  const method = requestLine.slice(0, requestLine.indexOf(' '));
  const target = requestLine.slice(method.length + 1, requestLine.lastIndexOf(' '));
  const headers: NodeJS.Dict<string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  const { path, query } = requestTarget(target);
  const body = rest.join('\n\n');
  return { method, path, query, headers, body: Buffer.from(body) };
}

async function verify(name: string, request: WireRequest, now = SIGNED_AT): Promise<Verdict> {
  const sig = parseSignature(request.headers, request.query);
  assert.ok(sig, `${name} is signed`);
  return verifySignature(sig, request, {
    secretOf: (id) => (id === 'AKIDEXAMPLE' ? SECRET : undefined),
    now,
    uriEscapePath: !name.includes('-unnormalized'),
  });
}

function load(name: string): WireRequest {
  return parseSreq(readFileSync(join(DIR, `${name}.sreq`), 'utf8'));
}

/** The same text with the character at `i` replaced by another of the same kind. */
function flip(s: string, i: number): string {
  const c = s[i];
  const other = /[0-9a-f]/.test(c) ? (c === '0' ? '1' : '0') : c === 'a' ? 'b' : 'a';
  return s.slice(0, i) + other + s.slice(i + 1);
}

test('the suite has its cases', () => {
  assert.ok(CASES.length >= 20, CASES.join(', '));
});

for (const name of CASES) {
  test(`SigV4 suite: ${name} verifies, and not with one byte of its signature or a signed header changed`, async () => {
    assert.equal(await verify(name, load(name)), 'valid');

    const badSignature = load(name);
    const presigned = badSignature.query.has('X-Amz-Signature');
    if (presigned) {
      badSignature.query.set('X-Amz-Signature', flip(badSignature.query.get('X-Amz-Signature')!, 7));
    } else {
      badSignature.headers.authorization = [flip(badSignature.headers.authorization![0], badSignature.headers.authorization![0].length - 7)];
    }
    assert.equal(await verify(name, badSignature), 'mismatch');

    const badHeader = load(name);
    badHeader.headers.host = [flip(badHeader.headers.host![0], 0)];
    assert.equal(await verify(name, badHeader), 'mismatch');
  });
}

test('SigV4 suite: an unknown key, a request out of its time and an expired presigned URL are told apart', async () => {
  const vanilla = load('get-vanilla');
  assert.equal(await verifySignature(parseSignature(vanilla.headers, vanilla.query)!, vanilla, { secretOf: () => undefined, now: SIGNED_AT, uriEscapePath: true }), 'unknown-key');
  assert.equal(await verify('get-vanilla', vanilla, SIGNED_AT + 16 * 60 * 1000), 'too-skewed');
  assert.equal(await verify('get-vanilla', vanilla, SIGNED_AT - 16 * 60 * 1000), 'too-skewed');
  const presigned = load('get-vanilla-utf8-query.presigned');
  assert.equal(await verify('get-vanilla-utf8-query.presigned', presigned, SIGNED_AT + 3599 * 1000), 'valid');
  assert.equal(await verify('get-vanilla-utf8-query.presigned', presigned, SIGNED_AT + 3601 * 1000), 'expired');
});
