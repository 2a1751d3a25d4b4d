import { createWmsApp } from './app.js';

export interface MockWms {
  /** Base URL, e.g. `http://127.0.0.1:4010`: what the flows' `wmsUrl` variable takes. */
  url: string;
  close(): Promise<void>;
}

export interface StartMockWmsOptions {
  port?: number;
  host?: string;
  /** Mount `/test/reset` and `/test/faults` (default off; tests turn them on). */
  testRoutes?: boolean;
}

/** Starts the mock WMS on `host:port` (defaults 127.0.0.1:4010; port 0 = any free port). */
export async function startMockWms(options: StartMockWmsOptions = {}): Promise<MockWms> {
  const app = createWmsApp({ testRoutes: options.testRoutes ?? false });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 4010, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { url: `http://${shownHost}:${port}`, close: () => app.close() };
}
