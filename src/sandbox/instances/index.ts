export { bootInstance, type BootedInstance } from './instance-host.js';
export type { InstanceHost, InstanceHostOptions } from './types.js';
