export { ssh, shell, SshConnection, type RunResult, type RunOptions, type SshOptions } from './connection.js';
export { resolveTarget, type ConnectOptions } from './connect.js';
export { hostKeyPinsFromConsole } from './console-pins.js';
export { SshError } from './errors.js';
export type { TerminalIo } from './interactive.js';
export type { SshTarget } from './target.js';
export { pawsHome } from './paths.js';
