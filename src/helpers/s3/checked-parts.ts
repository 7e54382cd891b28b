/**
 * Multipart parts that carry a flexible checksum in a header (`x-amz-checksum-crc32`, which the
 * SDK adds by default to a part given as bytes, and multipartUpload computes as it reads each
 * part) are sent with an UNSIGNED-PAYLOAD signature instead of a SHA-256 of the whole part.
 * S3 still verifies the body against the checksum, and the signature covers the checksum header;
 * the SDK does the same for every streamed body (STREAMING-UNSIGNED-PAYLOAD-TRAILER). Hashing each
 * part with SHA-256 too cost the client (and S3) a second pass over every byte: bench/s3.mjs.
 */
import type { S3 } from '@aws-sdk/client-s3';

const CHECKSUM_HEADER = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/i;

type Middleware = Parameters<S3['middlewareStack']['addRelativeTo']>[0];
type Args = { request: { headers?: Record<string, string> } };

function unsignedCheckedParts(next: (args: Args) => Promise<unknown>, context: { commandName?: string }) {
  return (args: Args) => {
    const headers = args.request.headers;
    if (context.commandName === 'UploadPartCommand' && headers && Object.keys(headers).some((h) => CHECKSUM_HEADER.test(h))) {
      headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    }
    return next(args);
  };
}

export function sendCheckedPartsUnsigned(client: S3): void {
  // Before signing, after the checksum middleware (build step) has added its header.
  client.middlewareStack.addRelativeTo(unsignedCheckedParts as unknown as Middleware, { name: 'unsignedCheckedParts', relation: 'before', toMiddleware: 'httpSigningMiddleware' });
}
