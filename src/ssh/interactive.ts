/**
 * The interactive session: the local terminal becomes the remote one until the remote shell exits
 * or the connection drops (src/ssh/terminal.ts hands the terminal over and gives it back).
 */
import type { Client, ClientChannel } from 'ssh2';
import type { HandedTerminal } from './terminal.js';

/** Runs a remote shell on the handed terminal; resolves with its exit code (null when the connection dropped). */
export async function remoteShell(client: Client, terminal: HandedTerminal): Promise<number | null> {
  const { output, size } = terminal;
  const stream = await new Promise<ClientChannel>((resolve, reject) =>
    client.shell({ term: terminal.term, ...size(), height: 0, width: 0 }, (err, ch) => (err ? reject(err) : resolve(ch))),
  );
  // A prompt drawn while this shell was starting (`conn.shell()` without await) is not the remote's.
  output.write('\r\x1b[K');
  terminal.sendKeysTo((data) => stream.write(data));
  const onResize = () => stream.setWindow(size().rows, size().cols, 0, 0);
  output.on('resize', onResize);
  let onGone = () => {};
  try {
    return await new Promise<number | null>((resolve) => {
      let code: number | null = null;
      stream.on('data', (d: Buffer) => output.write(d));
      stream.stderr.on('data', (d: Buffer) => output.write(d));
      stream.on('exit', (c: number | null) => (code = c));
      stream.on('close', () => resolve(code));
      // A dropped connection may never close the channel.
      onGone = () => {
        output.write('\r\nConnection closed by the remote host.\r\n');
        resolve(code);
      };
      client.once('close', onGone);
    });
  } finally {
    output.removeListener('resize', onResize);
    client.removeListener('close', onGone);
  }
}
