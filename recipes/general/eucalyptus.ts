/**
 * Recipe 1.4 Using boto with Eucalyptus — any EC2/S3-compatible cloud, through --endpoint. Creates nothing.
 *
 * Book: boto.connect_euca(), boto.connect_walrus(). paws: `paws --endpoint https://euca.example:8773
 * run recipes/general/eucalyptus.ts` (or AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL_S3 for two hosts);
 * the sandbox is such a cloud, on 127.0.0.1.
 */
const endpoint = await ec2.config.endpoint?.();
console.log(`EC2 endpoint: ${endpoint ? `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}${endpoint.path}` : 'AWS'}`);
console.log(await ec2.zones());
console.log(`buckets there: ${(await s3.buckets()).length}`);
