/** Recipe 3.5: the total storage a bucket uses. */
import type { Session } from '../../core/session.js';
import { refOf, type Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import { formatBytes } from '../progress-bar.js';
import { s3Of } from './lookup.js';

/** Recipe 3.5: total bytes of a bucket, streaming the listing page by page with a running count. */
export async function bucketDu(session: Session, bucketName: Ref<Bucket>): Promise<number> {
  const out = session.reporter;
  const bucket = await (await s3Of(session)).lookup(bucketName);
  if (!bucket) {
    out.say(`Warning: bucket ${refOf(bucketName, 'a bucket')} was not found!`);
    return 0;
  }
  const totals = await bucket.du((t) => out.progress(`${t.keys.toLocaleString('en-US')} keys, ${formatBytes(t.bytes)}`));
  out.end();
  return totals.bytes;
}
