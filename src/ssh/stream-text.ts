/**
 * A command's output as text, decoded a megabyte at a time as it comes (a character split between
 * chunks included), so the work overlaps the transfer and no copy of the whole output is made at
 * its end. Each chunk is copied into the batch as it arrives, while still in the CPU's cache.
 * Decoding each 32 KB packet alone would make strings small enough for V8 to copy at every young
 * collection. A batch of ASCII, which reads the same as Latin-1, becomes a Latin-1 string: node
 * keeps one over a megabyte outside V8's heap, in memory malloc reuses from run to run, where a
 * UTF-8 one takes fresh pages (a page fault every 4 KB) that V8 unmaps at the next collection.
 */
import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';

const BATCH = 1 << 20;

/** Collects `stream`'s text (copying each chunk to `live` too); call the result once it has ended. */
export function collectText(stream: NodeJS.ReadableStream, live?: NodeJS.WritableStream): () => string {
  const decoder = new StringDecoder('utf8');
  /** Nothing of a character is held back in the decoder: a batch that ends in ASCII completes it. */
  let decoderEmpty = true;
  let batch: Buffer | undefined;
  let used = 0;
  let text = '';
  const decode = (bytes: Buffer) => {
    if (decoderEmpty && isAscii(bytes)) text += bytes.toString('latin1');
    else {
      text += decoder.write(bytes);
      decoderEmpty = bytes[bytes.length - 1] < 0x80;
    }
    used = 0;
  };
  stream.on('data', (d: Buffer) => {
    live?.write(d);
    batch ??= Buffer.allocUnsafe(BATCH);
    for (let at = 0; at < d.length; ) {
      const copied = d.copy(batch, used, at);
      at += copied;
      used += copied;
      if (used === batch.length) decode(batch);
    }
  });
  return () => {
    if (batch && used) decode(batch.subarray(0, used));
    return text + decoder.end();
  };
}
