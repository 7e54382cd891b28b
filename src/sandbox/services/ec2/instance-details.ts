/**
 * The members of a described instance that say how it was launched and what it runs on: the type
 * catalogue's CPU layout, boot mode, metadata, hibernation, enclave, maintenance and capacity
 * options, billing details, and the reason for its state. Networking members are ./instances.ts's.
 */
import type { Instance } from '@aws-sdk/client-ec2';
import { AwsError, type Wire } from '../../core/types.js';
import { invalidValue } from './errors.js';
import { offeredType } from './instance-types.js';
import type { Input, InstanceOptions, InstanceRecord } from './types.js';

/** What a new instance keeps of its request's options (and of its image: boot mode, OS). */
export function launchOptions(input: Input<'RunInstances'>, image: Pick<InstanceOptions, 'bootMode' | 'os'>): InstanceOptions {
  const m = input.MetadataOptions ?? {};
  const hopLimit = m.HttpPutResponseHopLimit ?? 2;
  if (hopLimit < 1 || hopLimit > 64) throw invalidValue(hopLimit, 'HttpPutResponseHopLimit');
  if (m.HttpTokens !== undefined && m.HttpTokens !== 'required' && m.HttpTokens !== 'optional') throw invalidValue(m.HttpTokens, 'HttpTokens');
  const type = offeredType(input.InstanceType ?? 'm1.small');
  if (input.HibernationOptions?.Configured && type && !(type.architecture === 'x86_64' && type.currentGeneration)) {
    throw new AwsError('UnsupportedHibernationConfiguration', `Hibernation is not supported for the ${type.name} instance type.`);
  }
  return {
    metadata: { httpTokens: m.HttpTokens ?? 'required', httpPutResponseHopLimit: hopLimit, httpEndpoint: m.HttpEndpoint ?? 'enabled', instanceMetadataTags: m.InstanceMetadataTags ?? 'disabled' },
    hibernation: input.HibernationOptions?.Configured ?? false,
    enclave: input.EnclaveOptions?.Enabled ?? false,
    bootMode: image.bootMode,
    os: image.os,
  };
}

const DEFAULTS: InstanceOptions = {
  metadata: { httpTokens: 'required', httpPutResponseHopLimit: 2, httpEndpoint: 'enabled', instanceMetadataTags: 'disabled' },
  hibernation: false,
  enclave: false,
};

export function instanceDetails(inst: InstanceRecord): Wire<Instance> {
  const type = offeredType(inst.instanceType);
  const o = inst.options ?? DEFAULTS;
  const nitro = type?.hypervisor === 'nitro';
  return {
    // AWS gives a reason while an instance boots, as it does once it has stopped or ended.
    StateReason: inst.state === 'pending' ? { Code: 'pending', Message: 'pending' } : inst.stateReason && { Code: inst.stateReason.code, Message: inst.stateReason.message },
    CpuOptions: type ? { CoreCount: type.vcpus / type.threadsPerCore, ThreadsPerCore: type.threadsPerCore } : undefined,
    EnaSupport: nitro,
    Hypervisor: 'xen',
    VirtualizationType: 'hvm',
    RootDeviceType: 'ebs',
    RootDeviceName: inst.rootDeviceName,
    HibernationOptions: { Configured: o.hibernation },
    EnclaveOptions: { Enabled: o.enclave },
    MetadataOptions: {
      State: inst.state === 'pending' ? 'pending' : 'applied',
      HttpTokens: o.metadata.httpTokens,
      HttpPutResponseHopLimit: o.metadata.httpPutResponseHopLimit,
      HttpEndpoint: o.metadata.httpEndpoint,
      HttpProtocolIpv6: 'disabled',
      InstanceMetadataTags: o.metadata.instanceMetadataTags,
    },
    BootMode: o.bootMode,
    // UEFI where the image prefers it and the type (Nitro) supports it, else legacy BIOS.
    CurrentInstanceBootMode: nitro && (o.bootMode === 'uefi' || o.bootMode === 'uefi-preferred') ? 'uefi' : 'legacy-bios',
    MaintenanceOptions: { AutoRecovery: 'default', RebootMigration: 'default' },
    CapacityReservationSpecification: { CapacityReservationPreference: 'open' },
    NetworkPerformanceOptions: { BandwidthWeighting: 'default' },
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    UsageOperationUpdateTime: inst.launchTime,
    Operator: { Managed: false },
  };
}
