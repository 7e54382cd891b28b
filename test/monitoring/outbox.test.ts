/**
 * `outbox()` at the prompt: it reads the mail of the session's own sandbox, where the session says
 * that sandbox keeps its state — never guessed from a custom endpoint — and `mail.confirm()`
 * confirms with SNS's ConfirmSubscription.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorLine } from '../../src/helpers/core/errors.js';
import type { Email } from '../../src/helpers/sns/outbox.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { testSandbox } from '../helpers/index.js';
import { sandboxSession } from '../helpers/session.js';

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await testSandbox();
});
after(() => sandbox.close());

test("the session's sandbox: its mail, and a confirmation through ConfirmSubscription", async () => {
  const paws = sandboxSession(sandbox, { embedded: true });
  const outbox = paws.globals().outbox as (options?: { to?: string }) => Promise<Email[]>;
  const topic = await (await paws.service('sns')).topic('outboxed', { create: true });
  const sub = await topic.subscribe('email', 'ann@example.com');
  assert.equal(sub.pending, true);
  const [mail] = await outbox({ to: 'ann@example.com' });
  assert.equal(mail.subject, 'AWS Notification - Subscription Confirmation');
  assert.match(await mail.confirm(), /^arn:aws:sns:us-east-1:\d+:outboxed:/);
  assert.deepEqual((await topic.subscriptions()).map((s) => s.pending), [false]);
});

test('another endpoint is not taken for the sandbox: outbox() says so, once', async () => {
  const outbox = sandboxSession(sandbox).globals().outbox as () => Promise<Email[]>;
  await assert.rejects(outbox(), (error) => {
    assert.equal(errorLine(error), "NotSandbox: real SNS sends real e-mail; outbox() reads a sandbox's (pass {stateDir} for one)");
    return true;
  });
});
