/**
 * HTTP for simulated terminals: node:http (much cheaper per request than fetch's web streams)
 * through ONE keep-alive agent per generator process, shared by all its terminals.
 *
 * Why shared: a fleet's terminals reach the servers through HAProxy (README: production
 * topology), which reuses its server-side connections across clients, so a server sees tens of
 * pooled connections, not one per terminal. One agent per terminal (as before) gave 2,000
 * terminals about 4,000 sockets to the one server, and every terminal's start a TCP handshake
 * on both ends of a starved machine.
 */
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as text, decoded (decompressed) on first read: a caller may not need it (rules it already holds). */
  readonly text: string;
}

export type HttpClient = (method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number) => Promise<HttpAnswer>;

/** What node:http does not do by itself: the server compresses the rules when asked (`accept-encoding`). */
function decode(encoding: string | undefined, body: Buffer): Buffer {
  if (!encoding || encoding === 'identity') return body;
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  throw new Error(`unexpected content-encoding ${encoding}`);
}

/**
 * At most this many connections per server from one generator process: 1,000 POSTs/s of a few
 * ms each need about ten; the cap only bounds a start storm (a request waiting for a socket
 * counts in its latency, as it would waiting in HAProxy's queue).
 */
const MAX_SOCKETS = 128;
let shared: http.Agent | undefined;
/** The process's agent (created on first use, so a process without terminals opens nothing). */
export function sharedAgent(): http.Agent {
  shared ??= new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS });
  return shared;
}

export function httpClient(agent: http.Agent = sharedAgent()): HttpClient {
  return (method, url, headers, body, timeoutMs) =>
    new Promise((resolve, reject) => {
      // The timeout counts from the call, as a terminal's does: a request waiting for one of the
      // agent's connections times out too (the socket's idle timeout alone let queued requests
      // wait for minutes behind a starved server).
      const timer = setTimeout(() => req.destroy(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
      const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          let text: string | undefined;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            get text() {
              text ??= decode(res.headers['content-encoding'], raw).toString('utf8');
              return text;
            },
          });
        });
        res.on('error', reject);
      });
      req.on('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      req.end(body);
    });
}
