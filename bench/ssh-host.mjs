/**
 * A sandbox instance's SSH host in a process of its own, as in the sandbox (which runs apart from
 * the REPL), so bench/ssh.mjs's paws client does not share its thread with the server it reads
 * from. `node bench/ssh-host.mjs OPTIONS_JSON` prints {address, port, console} once it listens and
 * stops when its stdin closes.
 */
import { bootInstance } from '../dist/src/sandbox/instances/index.js';

let consoleText = '';
const host = await bootInstance({ ...JSON.parse(process.argv[2]), appendConsole: (t) => (consoleText += t) });
console.log(JSON.stringify({ address: host.address, port: host.port, console: consoleText }));
process.stdin.on('end', async () => {
  await host.stop();
  process.exit(0);
}).resume();
