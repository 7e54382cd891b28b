/**
 * The kernel's five ZeroMQ sockets, bound as the connection file says: shell, control and stdin
 * (ROUTER), iopub (PUB) and the heartbeat (REP, echoing). Sends on one socket go one after
 * another (a zeromq socket takes one send at a time); each received, correctly signed message
 * goes to the channel's handler.
 */
import { readFileSync } from 'node:fs';
import * as zmq from 'zeromq';
import { decode, Signer, type Message } from './wire.js';

export interface ConnectionInfo {
  transport: string;
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
}

export type Channel = 'shell' | 'control' | 'stdin' | 'iopub';
type Frames = (string | Buffer)[];

export function readConnectionFile(file: string): ConnectionInfo {
  const info = JSON.parse(readFileSync(file, 'utf8')) as ConnectionInfo;
  if (info.signature_scheme && info.signature_scheme !== 'hmac-sha256') {
    throw new Error(`${file}: signature scheme ${info.signature_scheme} is not supported (hmac-sha256 is)`);
  }
  return info;
}

export class Channels {
  readonly signer: Signer;
  private readonly sockets: Record<Channel, zmq.Router | zmq.Publisher>;
  private readonly heartbeat = new zmq.Reply();
  private readonly queues = new Map<Channel, Promise<void>>();

  private constructor(readonly info: ConnectionInfo) {
    this.signer = new Signer(info.key);
    this.sockets = { shell: new zmq.Router(), control: new zmq.Router(), stdin: new zmq.Router(), iopub: new zmq.Publisher() };
  }

  static async open(info: ConnectionInfo): Promise<Channels> {
    const channels = new Channels(info);
    const address = (port: number) => `${info.transport}://${info.ip}${info.transport === 'ipc' ? '-' : ':'}${port}`;
    const { sockets } = channels;
    await Promise.all([
      sockets.shell.bind(address(info.shell_port)),
      sockets.control.bind(address(info.control_port)),
      sockets.stdin.bind(address(info.stdin_port)),
      sockets.iopub.bind(address(info.iopub_port)),
      channels.heartbeat.bind(address(info.hb_port)),
    ]);
    void channels.echoHeartbeats();
    return channels;
  }

  private async echoHeartbeats(): Promise<void> {
    for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
  }

  /** Calls `handler` with each signed message that arrives on `channel` (unsigned ones are dropped). */
  listen(channel: Exclude<Channel, 'iopub'>, handler: (message: Message) => void): void {
    const socket = this.sockets[channel] as zmq.Router;
    void (async () => {
      for await (const frames of socket) {
        const message = decode(frames, this.signer);
        if (message) handler(message);
        else process.stderr.write(`paws kernel: dropped a message on ${channel} that was not signed with the connection's key\n`);
      }
    })().catch(() => {}); // The socket was closed.
  }

  send(channel: Channel, frames: Frames): Promise<void> {
    const socket = this.sockets[channel];
    const sent = (this.queues.get(channel) ?? Promise.resolve()).then(() => socket.send(frames)).catch(() => {});
    this.queues.set(channel, sent);
    return sent;
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.values());
    for (const socket of [...Object.values(this.sockets), this.heartbeat]) socket.close();
  }
}
