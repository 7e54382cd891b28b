/**
 * Recipe 1.8 Controlling Socket Timeouts in boto — a connect and request timeout for every call. Creates nothing.
 *
 * Book: [Boto] http_socket_timeout = 5 in the boto config. paws: `paws --timeout 5 run
 * recipes/general/socket-timeouts.ts` (or at the prompt, start paws with --timeout); a call
 * that takes longer fails with one line, `TimeoutError: … — raise --timeout or check the network`.
 */
const started = Date.now();
console.log(await ec2.zones());
console.log(`answered in ${Date.now() - started} ms`);
