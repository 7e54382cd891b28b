/** What SSH puts at the prompt: an instance's terminal, commands and file copies (see ../core/folder.ts). */
import { describeFolder, helper } from '../core/folder.js';

const commands = () => import('./commands.js');

export const sshFolder = describeFolder({
  helpers: {
    shell: helper("shell(instance | 'i-…', {user?, identityFile?}) — the instance's terminal; `exit` comes back here; shell() offers the running ones", async () => (await commands()).shell),
    ssh: helper('ssh(instance, opts?) — a connection with run(cmd), put(local, remote), get(remote, local), shell(), close()', async () => (await commands()).ssh),
    run: helper("run(instance, 'cmd', {stream?}) — runs a command, returns {stdout, stderr, exitCode}", async () => (await commands()).run),
    put: helper('put(instance, localPath, remotePath) — copies a file to the instance (SFTP)', async () => (await commands()).put),
    get: helper('get(instance, remotePath, localPath) — copies a file from the instance (SFTP)', async () => (await commands()).get),
  },
});
