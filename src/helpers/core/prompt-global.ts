/**
 * The registry every service folder fills in (`src/helpers/<svc>/globals.ts`): what the prompt
 * offers, with a one-line doc for `.help`, and a `load` that imports the implementation only on
 * first use, so the prompt opens without loading any SDK client.
 *
 * To add a convenience to a service object, add a method to its class in
 * `src/helpers/<svc>/service.ts` and list it in `members` of the service's entry. To add a helper
 * function (a recipe), add a `function` entry whose module exports `(session, ...args) => result`.
 */
import type { Session } from './session.js';

/** One line of `.help` under a service object: `zones()` — "Availability zones…". */
export interface MemberDoc {
  name: string;
  doc: string;
}

/** What `src/helpers/<svc>/service.ts` exports. */
export interface ServiceModule {
  /** Builds the service object — the SDK's aggregated client plus paws's conveniences — for one connection. */
  createService(config: Record<string, unknown>): object;
}

export interface ServiceGlobal {
  kind: 'service';
  /** The global's name at the prompt: `ec2`, `cw`. */
  name: string;
  /** How it prints: `EC2` → `EC2:us-east-1`. */
  title: string;
  doc: string;
  /** Conveniences beyond the SDK operations, for `.help`. */
  members?: MemberDoc[];
  load(): Promise<ServiceModule>;
}

/** A helper function at the prompt; it receives the session first, then the user's arguments. */
export type Helper = (session: Session, ...args: any[]) => unknown;

export interface FunctionGlobal {
  kind: 'function';
  name: string;
  /** Signature and purpose, e.g. `launchInstance({ami, type}) — starts an instance and waits`. */
  doc: string;
  load(): Promise<Helper>;
}

export type PromptGlobal = ServiceGlobal | FunctionGlobal;
