/**
 * The two other processes of bench/sandbox.mjs, so neither shares a core's time with the server
 * it measures:
 *   node bench/http-load.mjs hit URL REQUEST_JSON SECONDS CONCURRENCY [WARM_SECONDS] — replays one
 *     signed request on CONCURRENCY keep-alive connections for SECONDS; prints {"warm":true} after a
 *     warm-up (0.5 s unless WARM_SECONDS), then requests/s and how many it sent after the warm-up;
 *   node bench/http-load.mjs serve RESPONSE_JSON — the peer: a bare node http server that reads
 *     each request and answers with the sandbox's own status, headers and body; prints its URL.
 */
import { Agent, createServer, request } from 'node:http';

const [mode, ...args] = process.argv.slice(2);

/** One request, answered 200, body read; rejects on anything else. */
function once(agent, url, { method, headers, body }) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${method} ${url}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function hit(url, spec, seconds, concurrency, warmSeconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const run = async (ms) => {
    let done = 0;
    const until = performance.now() + ms;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await once(agent, url, spec);
        done++;
      }
    }));
    return done;
  };
  await run(warmSeconds * 1000); // connections, JIT
  console.log(JSON.stringify({ warm: true }));
  const started = performance.now();
  const done = await run(seconds * 1000);
  console.log(JSON.stringify({ perSecond: done / ((performance.now() - started) / 1000), requests: done }));
  agent.destroy();
}

function serve({ status, headers, body }) {
  const server = createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body));
  });
  server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ url: `http://127.0.0.1:${server.address().port}` })));
  process.stdin.on('end', () => process.exit(0)).resume(); // ends with its parent
}

if (mode === 'hit') await hit(args[0], JSON.parse(args[1]), Number(args[2]), Number(args[3]), Number(args[4] ?? 0.5));
else if (mode === 'serve') serve(JSON.parse(args[0]));
else {
  console.error('usage: node bench/http-load.mjs hit URL REQUEST_JSON SECONDS CONCURRENCY [WARM_SECONDS] | serve RESPONSE_JSON');
  process.exit(2);
}
