export { ssh, shell, SshConnection, type RunResult, type RunOptions, type SshOptions } from './connection.js';
export { resolveTarget, type ConnectOptions } from './connect.js';
export { hostKeyPinsFromConsole } from './console-pins.js';
export { setTerminalHolder, type TerminalHolder, type TerminalIo } from './terminal.js';
export type { SshTarget } from './target.js';
