/**
 * How `.cleanup` deletes the network pieces that have no resource object of their own: each is
 * first freed from what holds it (an interface from its instance, a gateway from its VPC, a route
 * table from its subnets), as AWS refuses to delete them before.
 */
import type { EC2 } from '@aws-sdk/client-ec2';
import { retryWhile, type WaitOptions } from './wait.js';

export async function removeNetworkInterface(ec2: EC2, id: string, wait: WaitOptions): Promise<void> {
  const [eni] = (await ec2.describeNetworkInterfaces({ NetworkInterfaceIds: [id] })).NetworkInterfaces ?? [];
  const attachment = eni?.Attachment?.AttachmentId;
  if (attachment) await ec2.detachNetworkInterface({ AttachmentId: attachment, Force: true });
  // Detaching takes a moment on AWS: the interface is in use until then.
  await retryWhile(ec2, 'InvalidNetworkInterface.InUse', () => ec2.deleteNetworkInterface({ NetworkInterfaceId: id }), wait);
}

export async function removeRouteTable(ec2: EC2, id: string): Promise<void> {
  const [table] = (await ec2.describeRouteTables({ RouteTableIds: [id] })).RouteTables ?? [];
  for (const a of table?.Associations ?? []) if (!a.Main && a.RouteTableAssociationId) await ec2.disassociateRouteTable({ AssociationId: a.RouteTableAssociationId });
  await ec2.deleteRouteTable({ RouteTableId: id });
}

export async function removeInternetGateway(ec2: EC2, id: string, wait: WaitOptions): Promise<void> {
  const [gateway] = (await ec2.describeInternetGateways({ InternetGatewayIds: [id] })).InternetGateways ?? [];
  for (const a of gateway?.Attachments ?? []) {
    // Public addresses of instances still shutting down keep it attached for a moment.
    await retryWhile(ec2, 'DependencyViolation', () => ec2.detachInternetGateway({ InternetGatewayId: id, VpcId: a.VpcId }), wait);
  }
  await ec2.deleteInternetGateway({ InternetGatewayId: id });
}
