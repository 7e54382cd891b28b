/** EC2's error codes and message shapes, for the errors that several operations share. */
import { AwsError } from '../../core/types.js';

const PREFIXES: Record<string, string> = { instance: 'i', volume: 'vol', snapshot: 'snap', image: 'ami', group: 'sg', allocation: 'eipalloc', vpc: 'vpc', subnet: 'subnet',
  internetGateway: 'igw', routeTable: 'rtb', networkAcl: 'acl', networkInterface: 'eni', routeTableAssociation: 'rtbassoc', aclAssociation: 'aclassoc', attachment: 'eni-attach' };
const CODES: Record<string, string> = {
  instance: 'InvalidInstanceID',
  volume: 'InvalidVolume',
  snapshot: 'InvalidSnapshot',
  image: 'InvalidAMIID',
  group: 'InvalidGroup',
  allocation: 'InvalidAllocationID',
  vpc: 'InvalidVpcID',
  subnet: 'InvalidSubnetID',
  internetGateway: 'InvalidInternetGatewayID',
  routeTable: 'InvalidRouteTableID',
  networkAcl: 'InvalidNetworkAclID',
  networkInterface: 'InvalidNetworkInterfaceID',
  routeTableAssociation: 'InvalidAssociationID',
  aclAssociation: 'InvalidAssociationID',
  attachment: 'InvalidAttachmentID',
};
const NOUNS: Record<string, string> = {
  instance: 'instance ID',
  volume: 'volume',
  snapshot: 'snapshot',
  image: 'image id',
  group: 'security group',
  allocation: 'allocation ID',
  vpc: 'vpc ID',
  subnet: 'subnet ID',
  internetGateway: 'internetGateway ID',
  routeTable: 'routeTable ID',
  networkAcl: 'networkAcl ID',
  networkInterface: 'networkInterface ID',
  routeTableAssociation: 'association ID',
  aclAssociation: 'association ID',
  attachment: 'attachment ID',
};
/** The parameter that names one resource of a kind, for MissingParameter. */
const PARAMETERS: Partial<Record<string, string>> = {
  instance: 'InstanceId',
  volume: 'VolumeId',
  snapshot: 'SnapshotId',
  vpc: 'VpcId',
  subnet: 'SubnetId',
  internetGateway: 'InternetGatewayId',
  routeTable: 'RouteTableId',
  networkAcl: 'NetworkAclId',
  networkInterface: 'NetworkInterfaceId',
  routeTableAssociation: 'AssociationId',
  aclAssociation: 'AssociationId',
  attachment: 'AttachmentId',
};

export type IdKind = keyof typeof PREFIXES;

/** `InvalidInstanceID.Malformed: Invalid id: "x" (expecting "i-...")` unless `id` looks right. */
export function checkId(kind: IdKind, id: string): void {
  if (!new RegExp(`^${PREFIXES[kind]}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id)) {
    throw new AwsError(`${CODES[kind]}.Malformed`, `Invalid id: "${id}" (expecting "${PREFIXES[kind]}-...")`);
  }
}

/** `InvalidInstanceID.NotFound: The instance ID 'i-…' does not exist` (or, for several, `IDs '…, …' do not exist`). */
export function notFound(kind: IdKind, ids: string[]): AwsError {
  const code = `${CODES[kind]}.NotFound`;
  const noun = NOUNS[kind];
  if (kind === 'image') return new AwsError(code, `The image id '[${ids.join(', ')}]' does not exist`);
  if (ids.length === 1) return new AwsError(code, `The ${noun} '${ids[0]}' does not exist${kind === 'volume' || kind === 'snapshot' ? '.' : ''}`);
  return new AwsError(code, `The ${noun}s '${ids.join(', ')}' do not exist${kind === 'volume' || kind === 'snapshot' ? '.' : ''}`);
}

/** Looks up each id (checking its shape first), failing with every missing one named, as EC2 does. */
export function findAll<T>(kind: IdKind, table: Record<string, T>, ids: string[], visible: (r: T) => boolean = () => true): T[] {
  ids.forEach((id) => checkId(kind, id));
  const missing = ids.filter((id) => !table[id] || !visible(table[id]));
  if (missing.length) throw notFound(kind, missing);
  return ids.map((id) => table[id]);
}

/** What a Describe call names by id (each must exist), or, naming none, every one of `table`. */
export function namedOrAll<T>(kind: IdKind, table: Record<string, T>, ids: string[] | undefined): T[] {
  return ids?.length ? findAll(kind, table, ids) : Object.values(table);
}

export function findOne<T>(kind: IdKind, table: Record<string, T>, id: string | undefined, visible?: (r: T) => boolean): T {
  if (!id) throw missingParameter(PARAMETERS[kind] ?? 'Id');
  return findAll(kind, table, [id], visible)[0];
}

export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
}

export function invalidValue(value: unknown, parameter: string): AwsError {
  return new AwsError('InvalidParameterValue', `Invalid value '${value}' for ${parameter}.`);
}
