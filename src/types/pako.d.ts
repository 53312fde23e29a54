// pako 1.0.x, the deflate pdf-lib used (statement PDFs keep its bytes): only the low-level parts the
// project calls (src/server/generators/deflate.ts).
declare module 'pako/lib/zlib/zstream.js' {
  class ZStream {
    input: Uint8Array | null;
    next_in: number;
    avail_in: number;
    output: Uint8Array;
    next_out: number;
    avail_out: number;
    state: Record<string, unknown> | null;
  }
  export default ZStream;
}

declare module 'pako/lib/zlib/deflate.js' {
  import type ZStream from 'pako/lib/zlib/zstream.js';

  const zlib: {
    deflateInit2(
      strm: ZStream,
      level: number,
      method: number,
      windowBits: number,
      memLevel: number,
      strategy: number,
    ): number;
    deflateReset(strm: ZStream): number;
    deflate(strm: ZStream, flush: number): number;
  };
  export default zlib;
}

declare module 'pako' {
  const pako: { deflate(data: Uint8Array): Uint8Array };
  export default pako;
}
