// pako's `deflate(data)` (zlib format, level 6, window 15, memLevel 8), the bytes pdf-lib wrote, without
// its cost per call: pako allocates and zeroes about 260 KB of state (window, hash chains, pending
// buffer) for every call, which was most of a small PDF stream's deflate and much of the garbage. One
// state is kept; before each call every field is set back to what a new state holds (the numbers,
// flags and arrays as deflateInit2 left them), so each call writes the same bytes as a new one
// (test/unit/deflate.test.ts compares with pako.deflate). Synchronous: no two calls share the state at once.
import zlib from 'pako/lib/zlib/deflate.js';
import ZStream from 'pako/lib/zlib/zstream.js';

const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_FINISH = 4;
const Z_DEFLATED = 8;
const Z_DEFAULT_COMPRESSION = -1;
const Z_DEFAULT_STRATEGY = 0;
/** pako's Deflate chunkSize. */
const CHUNK = 16384;

let stream: ZStream | undefined;
/** What a new stream and state hold besides arrays (numbers, flags), and each tree's max_code. */
let pristine: {
  strm: Record<string, unknown>;
  state: Record<string, unknown>;
  maxCodes: Record<string, unknown>;
  /** Copies of the state's arrays: mostly zeros, but not all (the end-of-block code's count is 1). */
  arrays: Array<[Uint8Array | Uint16Array, Uint8Array | Uint16Array]>;
};

const scalars = (o: object) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v === null || typeof v !== 'object'));
const TREES = ['l_desc', 'd_desc', 'bl_desc'];

/** A stream whose every field is what deflateInit2 leaves in a new one. */
function fresh(): ZStream {
  if (!stream) {
    stream = new ZStream();
    const status = zlib.deflateInit2(stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY);
    if (status !== Z_OK) throw new Error(`deflateInit2: ${status}`);
    const state = stream.state as Record<string, unknown>;
    pristine = {
      strm: scalars(stream),
      state: scalars(state),
      maxCodes: Object.fromEntries(TREES.map((t) => [t, (state[t] as { max_code: number }).max_code])),
      arrays: Object.values(state).flatMap((v) =>
        v instanceof Uint8Array || v instanceof Uint16Array ? [[v, v.slice()] as [typeof v, typeof v]] : [],
      ),
    };
    return stream;
  }
  const state = stream.state as Record<string, unknown>;
  Object.assign(stream, pristine.strm);
  Object.assign(state, pristine.state);
  for (const t of TREES) (state[t] as { max_code: unknown }).max_code = pristine.maxCodes[t];
  for (const [array, initial] of pristine.arrays) array.set(initial);
  return stream;
}

export function deflate(input: Uint8Array): Uint8Array {
  const strm = fresh();
  strm.input = input;
  strm.next_in = 0;
  strm.avail_in = input.length;
  strm.avail_out = 0;
  const chunks: Uint8Array[] = [];
  let status: number;
  do {
    if (strm.avail_out === 0) {
      strm.output = new Uint8Array(CHUNK);
      strm.next_out = 0;
      strm.avail_out = CHUNK;
    }
    status = zlib.deflate(strm, Z_FINISH);
    if (status !== Z_STREAM_END && status !== Z_OK) throw new Error(`deflate: ${status}`);
    if (strm.avail_out === 0 || strm.avail_in === 0) chunks.push(strm.output.subarray(0, strm.next_out));
  } while ((strm.avail_in > 0 || strm.avail_out === 0) && status !== Z_STREAM_END);
  strm.input = null;
  return chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks);
}
