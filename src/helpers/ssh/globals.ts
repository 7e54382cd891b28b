/** What SSH puts at the prompt (see ../core/prompt-global.ts). */
import type { PromptGlobal } from '../core/prompt-global.js';

const commands = () => import('./commands.js');

export const sshGlobals: PromptGlobal[] = [
  { kind: 'function', name: 'shell', doc: "shell(instance | 'i-…', {user?, identityFile?}) — the instance's terminal; `exit` comes back here", load: async () => (await commands()).shell },
  { kind: 'function', name: 'ssh', doc: 'ssh(instance, opts?) — a connection with run(cmd), put(local, remote), get(remote, local), shell(), close()', load: async () => (await commands()).ssh },
  { kind: 'function', name: 'run', doc: "run(instance, 'cmd', {stream?}) — runs a command, returns {stdout, stderr, exitCode}", load: async () => (await commands()).run },
  { kind: 'function', name: 'put', doc: 'put(instance, localPath, remotePath) — copies a file to the instance (SFTP)', load: async () => (await commands()).put },
  { kind: 'function', name: 'get', doc: 'get(instance, remotePath, localPath) — copies a file from the instance (SFTP)', load: async () => (await commands()).get },
];
