/**
 * The access keys the sandbox accepts: each sandbox account's root key (fixed, printed by
 * `paws sandbox`, like LocalStack's well-known test keys — they only open this local sandbox),
 * the keys IAM CreateAccessKey issues, and STS's temporary credentials (ASIA… keys that are
 * valid only with their session token, until they expire), persisted with the rest of the state.
 */
import type { Store } from './store.js';
import type { Principal } from './types.js';

export interface KeyRecord {
  secretAccessKey: string;
  principal: Principal;
  status: 'Active' | 'Inactive';
  /** Temporary credentials: the token every request must carry (expiry: principal.session). */
  sessionToken?: string;
  /** What GetAccessKeyLastUsed says: when, for which service, in which region. */
  lastUsed?: { date: string; service: string; region: string };
}

/** Last use is recorded to the minute or so, as AWS's is approximate: not a state write per request. */
const LAST_USED_GRAIN_MS = 60_000;

/** How long expired temporary keys are kept, so that their use is answered ExpiredToken rather than as an unknown key. */
const EXPIRED_KEPT_MS = 24 * 3600 * 1000;

const ROOT_KEY_PREFIX = 'AKIAPAWSSANDBOX';

/** At most as many accounts as an AWS Organization holds by default. */
export const MAX_SANDBOX_ACCOUNTS = 10;

/**
 * Sandbox account n (from 1) and its root key: the first two fixed (the default client's account,
 * and a second that owns some bucket names), more with `paws sandbox --accounts N`.
 */
function sandboxAccount(n: number) {
  const digits = String(n);
  return {
    accountId: n === 1 ? '123456789012' : n === 2 ? '210987654321' : digits.repeat(12).slice(0, 12),
    // 20 characters, as AWS's key ids.
    accessKeyId: `${`${ROOT_KEY_PREFIX}ROOT`.slice(0, 20 - digits.length)}${digits}`,
    secretAccessKey: `paws/sandbox/root/secret/key/for/local/use${digits}`,
  };
}

export function sandboxAccounts(count: number) {
  return Array.from({ length: count }, (_, i) => sandboxAccount(i + 1));
}

/** The default two accounts. */
export const SANDBOX_ACCOUNTS = sandboxAccounts(2);

export class KeyRing {
  /** When a last use was last marked for saving, and the save of later ones, if pending. */
  private lastSaved = -Infinity;
  private saveLater?: NodeJS.Timeout;

  constructor(
    private readonly store: Store,
    accounts = SANDBOX_ACCOUNTS,
  ) {
    const records = this.records();
    // An account a former run had and this one does not: its root key no longer opens it.
    for (const id of Object.keys(records)) if (id.startsWith(ROOT_KEY_PREFIX) && !accounts.some((a) => a.accessKeyId === id)) delete records[id];
    for (const a of accounts) {
      records[a.accessKeyId] ??= {
        secretAccessKey: a.secretAccessKey,
        principal: { accountId: a.accountId, accessKeyId: a.accessKeyId, arn: `arn:aws:iam::${a.accountId}:root` },
        status: 'Active',
      };
    }
  }

  lookup(accessKeyId: string): KeyRecord | undefined {
    return this.records()[accessKeyId];
  }

  add(principal: Principal, secretAccessKey: string): void {
    this.records()[principal.accessKeyId] = { principal, secretAccessKey, status: 'Active' };
    this.store.markDirty('keys');
  }

  /** Temporary credentials from STS; long-expired ones are forgotten meanwhile. */
  addTemporary(principal: Principal, secretAccessKey: string, sessionToken: string): void {
    const records = this.records();
    for (const [id, r] of Object.entries(records)) {
      if (r.principal.session && Date.parse(r.principal.session.expiration) + EXPIRED_KEPT_MS < Date.now()) delete records[id];
    }
    records[principal.accessKeyId] = { principal, secretAccessKey, status: 'Active', sessionToken };
    this.store.markDirty('keys');
  }

  /**
   * Records a request signed with the key. Keys used for one service, then another, change their
   * records each time: these are saved at most once a grain (the rest a grain later), so that
   * reads, most calls, do not each wait for a state write. What GetAccessKeyLastUsed answers is
   * always current; a crash may lose the last grain of it.
   */
  used(accessKeyId: string, service: string, region: string, now = Date.now()): void {
    const r = this.records()[accessKeyId];
    if (!r) return;
    const last = r.lastUsed;
    if (last && last.service === service && last.region === region && now - Date.parse(last.date) < LAST_USED_GRAIN_MS) return;
    r.lastUsed = { date: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'), service, region };
    if (now - this.lastSaved < LAST_USED_GRAIN_MS) {
      this.saveLater ??= setTimeout(() => {
        this.saveLater = undefined;
        this.lastSaved = Date.now();
        this.store.markDirty('keys');
      }, LAST_USED_GRAIN_MS).unref();
      return;
    }
    this.lastSaved = now;
    this.store.markDirty('keys');
  }

  setStatus(accessKeyId: string, status: 'Active' | 'Inactive'): void {
    const r = this.records()[accessKeyId];
    if (r) r.status = status;
    this.store.markDirty('keys');
  }

  remove(accessKeyId: string): void {
    delete this.records()[accessKeyId];
    this.store.markDirty('keys');
  }

  private records(): Record<string, KeyRecord> {
    return this.store.get<Record<string, KeyRecord>>('keys', 'all', 'global', () => ({}));
  }
}
