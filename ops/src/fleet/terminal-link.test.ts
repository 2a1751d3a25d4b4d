import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTerminalLink, type Rules } from './terminal-link.js';

// A stand-in for the server's rules route: brotli body, an ETag, 304 on If-None-Match.
const body = brotliCompressSync(JSON.stringify({ processes: [{ processKey: 'case-picking', versionNumber: 1, hash: 'h1', machine: { big: 'x'.repeat(1000) } }] }));
let server: http.Server;
let url = '';
const ports = new Set<number>();
beforeAll(async () => {
  server = http.createServer((req, res) => {
    ports.add(req.socket.remotePort!);
    if (req.headers['if-none-match'] === '"e1"') return res.writeHead(304).end();
    res.writeHead(200, { etag: '"e1"', 'content-encoding': 'br', 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('terminal link: rules', () => {
  it('parses an ETag once per process: links sharing the map get the very same rules object', async () => {
    const rulesByEtag = new Map<string, Rules['processes']>();
    const a = createTerminalLink({ servers: [url], token: 'a', rulesByEtag });
    const b = createTerminalLink({ servers: [url], token: 'b', rulesByEtag });
    const ra = await a.fetchRules();
    const rb = await b.fetchRules();
    expect(ra?.processes[0]?.hash).toBe('h1');
    expect(rb?.processes).toBe(ra?.processes);
    expect(rulesByEtag.size).toBe(1);
    // The next fetch sends If-None-Match and keeps what it has on 304.
    expect(await a.fetchRules()).toBe(ra);
    expect(a.rulesOutcome()).toBe('304');
    // One keep-alive agent for the process: sequential requests of both links reuse one connection.
    expect(ports.size).toBe(1);
  });

  it('says why the rules did not come: the network error', async () => {
    const link = createTerminalLink({ servers: ['http://127.0.0.1:1'], token: 't' });
    expect(await link.fetchRules()).toBeUndefined();
    expect(link.rulesOutcome()).toBe('ECONNREFUSED');
  });
});
