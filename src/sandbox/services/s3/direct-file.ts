/**
 * Writing object data past the page cache (O_DIRECT). On this kind of machine a buffered write
 * costs more CPU than anything else in a big upload (about 2.5 s of kernel time per GiB, against
 * 0.2 s direct), and the sandbox shares its two cores with the client it serves: bench/s3.mjs.
 * Direct I/O wants block-aligned memory, offsets and lengths: bytes are gathered into aligned
 * 1 MiB blocks carved out of WebAssembly memory (which V8 maps page-aligned), and the last block is
 * written padded and the file then truncated to its real length. Where the file system refuses
 * O_DIRECT (tmpfs), the same code writes through the page cache.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

const BLOCK = 1024 * 1024;
const ALIGN = 4096;
const BLOCKS_PER_MEMORY = 8;
const WASM_PAGE = 64 * 1024;
const KEPT_BLOCKS = 64;
const WRITES_IN_FLIGHT = 2;

const spare: Buffer[] = [];

function takeBlock(): Buffer {
  const kept = spare.pop();
  if (kept) return kept;
  const pages = (BLOCK * BLOCKS_PER_MEMORY) / WASM_PAGE;
  const memory = Buffer.from(new WebAssembly.Memory({ initial: pages, maximum: pages }).buffer);
  for (let i = 1; i < BLOCKS_PER_MEMORY; i++) spare.push(memory.subarray(i * BLOCK, (i + 1) * BLOCK));
  return memory.subarray(0, BLOCK);
}

function giveBack(block: Buffer): void {
  if (spare.length < KEPT_BLOCKS) spare.push(block);
}

async function openNew(path: string): Promise<{ file: FileHandle; direct: boolean }> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL;
  try {
    return { file: await open(path, flags | constants.O_DIRECT, 0o600), direct: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EINVAL') throw err;
    return { file: await open(path, flags, 0o600), direct: false };
  }
}

/** Streams `body` into a new file at `path` and fsyncs it; resolves to the number of bytes. */
export async function writeFileDurably(path: string, body: AsyncIterable<Buffer>): Promise<number> {
  const { file, direct } = await openNew(path);
  const writes = new Set<Promise<void>>();
  let failure: Error | undefined;
  let position = 0;
  let block = takeBlock();
  let filled = 0;

  const flush = async (length: number): Promise<void> => {
    const full = block;
    const at = position;
    block = takeBlock();
    filled = 0;
    position += length;
    const write: Promise<void> = file.write(full, 0, length, at).then(
      () => giveBack(full),
      (err: Error) => void (failure ??= err),
    );
    writes.add(write);
    void write.then(() => writes.delete(write));
    if (writes.size >= WRITES_IN_FLIGHT) await Promise.race(writes);
    if (failure) throw failure;
  };

  try {
    for await (const chunk of body) {
      for (let offset = 0; offset < chunk.length; ) {
        const n = chunk.copy(block, filled, offset);
        filled += n;
        offset += n;
        if (filled === BLOCK) await flush(BLOCK);
      }
    }
    const size = position + filled;
    if (filled > 0) {
      const padded = direct ? Math.ceil(filled / ALIGN) * ALIGN : filled;
      block.fill(0, filled, padded);
      await flush(padded);
    }
    await Promise.all(writes);
    if (failure) throw failure;
    if (position !== size) await file.truncate(size);
    await file.sync();
    return size;
  } finally {
    await Promise.allSettled(writes);
    giveBack(block);
    await file.close();
  }
}
