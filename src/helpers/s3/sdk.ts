/** The values paws takes from @aws-sdk/client-s3, loaded with require() for the reason ../ec2/sdk.ts gives (~0.1 s here). */
import { createRequire } from 'node:module';

const s3: typeof import('@aws-sdk/client-s3') = createRequire(import.meta.url)('@aws-sdk/client-s3');

export const { S3, paginateListObjectsV2, GetObjectCommand, PutObjectCommand } = s3;
