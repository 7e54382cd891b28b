export { bootInstance, type BootedInstance } from './instance-host.js';
export { instanceProcesses } from './isolate.js';
export type { InstanceHost, InstanceHostOptions } from './types.js';
