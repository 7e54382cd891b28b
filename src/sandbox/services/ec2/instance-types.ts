/**
 * The instance types the sandbox offers (RunInstances and ModifyInstanceAttribute accept exactly
 * these) and DescribeInstanceTypes. Sizes, vCPUs and memory are AWS's own; families whose sizes
 * follow one rule (m: 4 GiB, c: 2 GiB, r: 8 GiB a vCPU) are generated from it.
 */
import type { InstanceTypeInfo } from '@aws-sdk/client-ec2';
import { AwsError, type Wire } from '../../core/types.js';
import { applyFilters, paginate } from './filters.js';
import type { Input, Output } from './types.js';

export interface InstanceTypeSpec {
  name: string;
  vcpus: number;
  memoryMiB: number;
  architecture: 'x86_64' | 'arm64';
  threadsPerCore: number;
  currentGeneration: boolean;
  burstable: boolean;
  hypervisor: 'xen' | 'nitro';
  /** Free tier: t2.micro, and t3.micro where t2 is not offered (every region here offers both). */
  freeTier: boolean;
  tags: Record<string, never>;
}

const GiB = 1024;
/** size → [vCPUs, MiB] of the burstable families t3, t3a and t4g (t2 has one vCPU up to small). */
const BURSTABLE: Array<[string, number, number]> = [
  ['nano', 2, GiB / 2], ['micro', 2, GiB], ['small', 2, 2 * GiB], ['medium', 2, 4 * GiB], ['large', 2, 8 * GiB], ['xlarge', 4, 16 * GiB], ['2xlarge', 8, 32 * GiB],
];
const SIZES: Array<[string, number]> = [['large', 2], ['xlarge', 4], ['2xlarge', 8], ['4xlarge', 16]];
const MIB_PER_VCPU: Record<string, number> = { m: 4 * GiB, c: 2 * GiB, r: 8 * GiB };
const FAMILIES = ['m5', 'm5a', 'm6i', 'm6a', 'm6g', 'm7i', 'm7g', 'c5', 'c5a', 'c6i', 'c6g', 'c7i', 'c7g', 'r5', 'r5a', 'r6i', 'r6g', 'r7i', 'r7g'];

function spec(name: string, vcpus: number, memoryMiB: number, more: Partial<InstanceTypeSpec> = {}): InstanceTypeSpec {
  const arm = /^(t4g|[mcr]\dg)\./.test(name);
  return {
    name, vcpus, memoryMiB, architecture: arm ? 'arm64' : 'x86_64', threadsPerCore: arm || vcpus === 1 ? 1 : 2,
    currentGeneration: true, burstable: false, hypervisor: 'nitro', freeTier: false, tags: {}, ...more,
  };
}

const CATALOGUE: InstanceTypeSpec[] = [
  spec('t1.micro', 1, 627, { currentGeneration: false, hypervisor: 'xen' }),
  ...([['small', 1, 1740], ['medium', 1, 3840], ['large', 2, 7680], ['xlarge', 4, 15360]] as const).map(([size, v, m]) => spec(`m1.${size}`, v, m, { currentGeneration: false, hypervisor: 'xen' })),
  // t2 has one thread a core, and one vCPU up to small.
  ...BURSTABLE.map(([size, v, m], i) => spec(`t2.${size}`, i < 3 ? 1 : v, m, { threadsPerCore: 1, burstable: true, hypervisor: 'xen', freeTier: size === 'micro' })),
  ...['t3', 't3a', 't4g'].flatMap((family) => BURSTABLE.map(([size, v, m]) => spec(`${family}.${size}`, v, m, { burstable: true, freeTier: `${family}.${size}` === 't3.micro' }))),
  ...FAMILIES.flatMap((family) => SIZES.map(([size, v]) => spec(`${family}.${size}`, v, v * MIB_PER_VCPU[family[0]]))),
];
const BY_NAME = new Map(CATALOGUE.map((t) => [t.name, t]));

/** The offered type of that name, or undefined. */
export function offeredType(name: string): InstanceTypeSpec | undefined {
  return BY_NAME.get(name);
}

function info(t: InstanceTypeSpec): Wire<InstanceTypeInfo> {
  return {
    InstanceType: t.name,
    CurrentGeneration: t.currentGeneration,
    FreeTierEligible: t.freeTier,
    SupportedUsageClasses: ['on-demand', 'spot'],
    SupportedRootDeviceTypes: t.currentGeneration ? ['ebs'] : ['ebs', 'instance-store'],
    SupportedVirtualizationTypes: t.hypervisor === 'xen' ? ['hvm', 'paravirtual'] : ['hvm'],
    BareMetal: false,
    Hypervisor: t.hypervisor,
    // The Xen generations also run 32-bit images.
    ProcessorInfo: { SupportedArchitectures: t.architecture === 'arm64' ? ['arm64'] : t.hypervisor === 'xen' ? ['i386', 'x86_64'] : ['x86_64'] },
    VCpuInfo: { DefaultVCpus: t.vcpus, DefaultCores: t.vcpus / t.threadsPerCore, DefaultThreadsPerCore: t.threadsPerCore },
    MemoryInfo: { SizeInMiB: t.memoryMiB },
    InstanceStorageSupported: false,
    EbsInfo: { EbsOptimizedSupport: t.hypervisor === 'nitro' ? 'default' : 'unsupported', EncryptionSupport: 'supported', NvmeSupport: t.hypervisor === 'nitro' ? 'required' : 'unsupported' },
    BurstablePerformanceSupported: t.burstable,
    AutoRecoverySupported: true,
    HibernationSupported: t.architecture === 'x86_64' && t.currentGeneration,
  };
}

export function describeInstanceTypes(input: Input<'DescribeInstanceTypes'>): Output<'DescribeInstanceTypes'> {
  const unknown = (input.InstanceTypes ?? []).filter((name) => !BY_NAME.has(name));
  if (unknown.length) throw new AwsError('InvalidInstanceType', `The following supplied instance types do not exist: [${unknown.join(', ')}]`);
  const asked = new Set<string>(input.InstanceTypes);
  const named = asked.size ? CATALOGUE.filter((t) => asked.has(t.name)) : CATALOGUE;
  const picked = applyFilters(named, input.Filters, {
    'instance-type': (t) => t.name,
    'current-generation': (t) => t.currentGeneration,
    'free-tier-eligible': (t) => t.freeTier,
    'burstable-performance-supported': (t) => t.burstable,
    'bare-metal': () => false,
    hypervisor: (t) => t.hypervisor,
    'processor-info.supported-architecture': (t) => t.architecture,
    'vcpu-info.default-vcpus': (t) => t.vcpus,
    'memory-info.size-in-mib': (t) => t.memoryMiB,
  });
  // Without MaxResults AWS still answers a page of 100.
  const { page, nextToken } = paginate(picked, input.MaxResults ?? 100, input.NextToken, 5, 100);
  return { InstanceTypes: page.map(info), NextToken: nextToken };
}
