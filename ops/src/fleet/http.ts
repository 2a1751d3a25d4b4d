/**
 * HTTP for simulated terminals: node:http with one keep-alive agent per terminal (a real
 * terminal holds its own connections), much cheaper per request than fetch's web streams,
 * so one generator process carries hundreds of terminals.
 */
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export type HttpClient = (method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number) => Promise<HttpAnswer>;

/** What node:http does not do by itself: the server compresses the rules when asked (`accept-encoding`). */
function decode(encoding: string | undefined, body: Buffer): Buffer {
  if (!encoding || encoding === 'identity') return body;
  if (encoding === 'gzip') return gunzipSync(body);
  if (encoding === 'br') return brotliDecompressSync(body);
  throw new Error(`unexpected content-encoding ${encoding}`);
}

export function httpClient(): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  return (method, url, headers, body, timeoutMs) =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text: decode(res.headers['content-encoding'], Buffer.concat(chunks)).toString('utf8') });
          } catch (err) {
            reject(err);
          }
        });
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
}
