/**
 * A file the lookup keeps in the data repository's `.git/gjerde` folder (the kept index, the kept readings):
 * the length of a JSON header (4 bytes), the header with a CRC-32 of what follows, then the payload. Written
 * beside and renamed, so a reader never sees half a file; a file whose payload changed on disk is not read.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DefaultDeserializer } from 'node:v8';
import { crc32 } from 'node:zlib';

export async function writeKeptFile(file: string, header: object, payload: Buffer): Promise<void> {
  const head = Buffer.from(JSON.stringify({ ...header, crc: crc32(payload) }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(head.length);
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  const handle = await open(partial, 'w');
  try {
    for (const part of [length, head, payload]) await handle.write(part);
  } finally {
    await handle.close();
  }
  await rename(partial, file);
}

/** The header and payload; undefined when there is no such file or its payload is not what was written. */
export async function readKeptFile<Header extends object>(
  file: string,
): Promise<{ header: Header; payload: Buffer } | undefined> {
  try {
    const data = await readFile(file);
    const length = data.readUInt32BE(0);
    const header = JSON.parse(data.subarray(4, 4 + length).toString('utf8')) as Header & { crc: number };
    const payload = data.subarray(4 + length);
    return header.crc === crc32(payload) ? { header, payload } : undefined;
  } catch {
    return undefined;
  }
}

type View = NodeJS.TypedArray | DataView;
const readView = (DefaultDeserializer.prototype as unknown as { _readHostObject(): View })._readHostObject;

/**
 * `v8.deserialize` whose typed arrays have memory of their own. Node's makes each a view of the payload, so the
 * kept index's columns (1.2 MB in 311 arrays on the benchmark corpus) held the whole 12 MB file in memory for
 * as long as the service ran.
 */
export function deserializeApart(payload: Buffer): unknown {
  const deserializer = new DefaultDeserializer(payload);
  Object.assign(deserializer, {
    _readHostObject(): View {
      const view = readView.call(deserializer);
      const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice();
      const Kind = view.constructor as new (buffer: ArrayBufferLike, offset: number, length: number) => View;
      return new Kind(bytes.buffer, 0, view instanceof DataView ? view.byteLength : view.length);
    },
  });
  deserializer.readHeader();
  return deserializer.readValue();
}
