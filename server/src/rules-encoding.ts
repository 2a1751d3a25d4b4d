/**
 * Compressed terminal rules. A fleet's start is a download storm (each terminal's first fetch
 * is the site's whole rules, about 100 KB of JSON; gzip makes it about 8 KB, brotli 7 KB), so
 * the rules route answers in the encoding the terminal accepts. The compressed bytes are made
 * once per ETag (the ETag is a hash of the body, so the bytes are the same for every request
 * and every rebuild of the cache entry), off the event loop (zlib's thread pool), and kept
 * beside the rules: a request costs no compression.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';

export type RulesEncoding = 'br' | 'gzip';
/** In order of preference when the terminal accepts both equally. */
const SUPPORTED: RulesEncoding[] = ['br', 'gzip'];

/** The encoding to answer in, from `Accept-Encoding` (undefined: send the JSON as it is). */
export function rulesEncoding(acceptEncoding: string | string[] | undefined): RulesEncoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : acceptEncoding;
  return header ? ((negotiate(header, SUPPORTED) as RulesEncoding | null) ?? undefined) : undefined;
}

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const compressors: Record<RulesEncoding, (body: string) => Promise<Buffer>> = {
  // Quality 9, not the default 11: 11 saves another ~10 % of 7 KB for about 40 times the CPU.
  br: (body) => brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(body) } }),
  gzip: (body) => gzipAsync(body, { level: 9 }),
};

/**
 * Compressed bodies by ETag and encoding, the `limit` most recently used ETags kept (a site's
 * body and its rollout variants; an old version's bytes fall out). `get` answers the bytes at
 * once when they are ready, so the common 200 stays synchronous, else a promise that every
 * request waiting for the same bytes shares (compressed once, even in a storm).
 */
export function encodedBodies(limit = 64) {
  const byEtag = new Map<string, Partial<Record<RulesEncoding, Buffer | Promise<Buffer>>>>();
  return {
    get(etag: string, body: string, encoding: RulesEncoding): Buffer | Promise<Buffer> {
      let forEtag = byEtag.get(etag);
      if (forEtag) {
        // Most recently used last: the first key is the one to drop.
        byEtag.delete(etag);
        byEtag.set(etag, forEtag);
      } else {
        forEtag = {};
        byEtag.set(etag, forEtag);
        if (byEtag.size > limit) byEtag.delete(byEtag.keys().next().value!);
      }
      const known = forEtag[encoding];
      if (known) return known;
      const slot = forEtag;
      const pending = compressors[encoding](body).then(
        (bytes) => {
          slot[encoding] = bytes;
          return bytes;
        },
        (err: unknown) => {
          // Not kept: the next request tries again.
          delete slot[encoding];
          throw err;
        },
      );
      slot[encoding] = pending;
      return pending;
    },
    /** ETags with bytes kept (for tests). */
    size: () => byEtag.size,
  };
}
export type EncodedBodies = ReturnType<typeof encodedBodies>;
