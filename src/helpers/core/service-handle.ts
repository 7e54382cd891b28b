/**
 * A service object at the prompt (`ec2`, `s3`…): a stand-in that stays the same object for the
 * whole session while the client behind it is imported on first use and rebuilt when the
 * connection changes (`.region`). Before the SDK module is loaded, `ec2.describeInstances(...)`
 * still works: the member is a function that loads the module, then calls the real one.
 */
import { inspect } from 'node:util';
import type { CreateService, ServiceObjectSpec } from './folder.js';
import { pawsError } from './errors.js';
import { typedInput } from './input-check.js';
import { normalize } from './schema.js';
import { sdkOperation } from './operation-model.js';
import type { Session } from './session.js';

export interface ServiceHandle {
  spec: ServiceObjectSpec;
  /** The stand-in given to the user. */
  proxy: object;
  /** The service object for the current connection, importing its module if needed. */
  load(): Promise<any>;
  /** The service object for the current connection, or undefined if its module is not loaded yet. */
  current(): any;
}

/** What `help(ec2.describeInstances)` is about: `ec2.describeInstances`, set on every method the proxy hands out. */
export const HELP_TOPIC = Symbol('paws.helpTopic');

function withTopic<F extends Function>(fn: F, topic: string): F {
  return Object.defineProperty(fn, HELP_TOPIC, { value: topic });
}

/** The proxy's target: prints as the service (`EC2:us-east-1`), and is no plain object to copy. */
class StandIn {
  constructor(readonly toString: () => string) {}
  [inspect.custom](): string {
    return this.toString();
  }
}

/**
 * The answer's members on the Promise an SDK call gives: `(s3.getObject(…)).Body` read without
 * await was undefined, the call's own error printed later, at another input. Reading one now
 * throws the fix, and the call's error is taken (it is not awaited).
 */
function notAwaitedHint(answer: unknown, call: string, members: string[]): unknown {
  if (!(answer instanceof Promise)) return answer;
  for (const member of members) {
    Object.defineProperty(answer, member, {
      get() {
        throw notAwaited(answer, call, member);
      },
    });
  }
  return answer;
}

/**
 * The same for a service object's first call, made before its SDK module (and so the answer's
 * member names) is loaded: a PascalCase name, as every answer member's is.
 */
function pendingAnswerHint(answer: Promise<unknown>, call: string): Promise<unknown> {
  return new Proxy(answer, {
    get(target, prop) {
      if (typeof prop === 'string' && /^[A-Z]/.test(prop) && !(prop in target)) throw notAwaited(target, call, prop);
      const value: unknown = Reflect.get(target, prop, target);
      // A Promise's methods work on the Promise itself, not on a proxy of it.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function notAwaited(answer: Promise<unknown>, call: string, member: string): Error {
  answer.catch(() => {});
  return pawsError('NotAwaited', `${call}(…) gives a Promise, which has no ${member}: write (await ${call}(…)).${member}`);
}

export function createServiceHandle(spec: ServiceObjectSpec, session: Session): ServiceHandle {
  let create: CreateService | undefined;
  let loading: Promise<CreateService> | undefined;
  let built: { generation: number; service: any } | undefined;

  const current = () => {
    if (!create) return undefined;
    if (built?.generation !== session.generation) {
      built = { generation: session.generation, service: session.instrument(create(session.clientConfig(), session.serviceContext())) };
    }
    return built.service;
  };
  const load = async () => {
    create ??= await (loading ??= spec.load());
    return current();
  };
  const repr = () => {
    const { region, endpointLabel } = session.connection;
    return `${spec.title}:${region}${endpointLabel === 'AWS' ? '' : ` (${endpointLabel})`}`;
  };

  // What the user calls an SDK operation with is checked strictly, unknown members included (by
  // the client's input check); conveniences are not, as the SDK calls they make are paws's own.
  // Which names are operations (and their answers' members) is looked up once each (a lookup costs
  // about as much as the check).
  const operations = new Map<string, string[] | null>();
  const answerMembers = (method: string): string[] | null => {
    let known = operations.get(method);
    if (known === undefined) {
      const schema = sdkOperation(spec.title, method);
      const answer = schema && normalize(schema[5]);
      operations.set(method, (known = !answer ? null : answer.isStructSchema() ? [...answer.structIterator()].map(([name]) => name) : []));
    }
    return known;
  };
  const checked = (method: string, call: (...args: unknown[]) => unknown) => {
    const members = answerMembers(method);
    return members ? (input?: unknown, ...rest: unknown[]) => notAwaitedHint(call(typedInput(input), ...rest), `${spec.name}.${method}`, members) : call;
  };

  // inspect() formats a proxy's target without running traps, so the repr lives on the target.
  const proxy = new Proxy(new StandIn(repr), {
    get(_, prop) {
      if (prop === inspect.custom || prop === 'toString') return repr;
      // Not a thenable: `await ec2` and async helpers returning it must not try to call `then`.
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      const service = current();
      if (service) {
        const value = service[prop];
        return typeof value === 'function' ? withTopic(checked(prop, value.bind(service)), `${spec.name}.${prop}`) : value;
      }
      const lazy = (...args: unknown[]) =>
        pendingAnswerHint(
          load().then((loaded) => {
            if (typeof loaded[prop] !== 'function') throw new TypeError(`${spec.name}.${prop} is not a function`);
            return checked(prop, loaded[prop].bind(loaded))(...args);
          }),
          `${spec.name}.${prop}`,
        );
      return withTopic(Object.defineProperty(lazy, 'name', { value: prop }), `${spec.name}.${prop}`);
    },
    has(_, prop) {
      const service = current();
      return service ? prop in service : false;
    },
  });
  return { spec, proxy, load, current };
}
