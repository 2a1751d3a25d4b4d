/**
 * HTTP for simulated terminals: node:http with one keep-alive agent per terminal (a real
 * terminal holds its own connections), much cheaper per request than fetch's web streams,
 * so one generator process carries hundreds of terminals.
 */
import http from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export type HttpClient = (method: string, url: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number) => Promise<HttpAnswer>;

export function httpClient(): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
  return (method, url, headers, body, timeoutMs) =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method, agent, headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) }, timeout: timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`timeout after ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
}
