/** `npm run wms -w @voiceman/examples` (after `build`): the mock WMS alone, on WMS_HOST:WMS_PORT. */
import { startMockWms } from './server.js';

const wms = await startMockWms({
  port: Number(process.env.WMS_PORT ?? 4010),
  host: process.env.WMS_HOST ?? '127.0.0.1',
});
console.log(`mock WMS on ${wms.url} (OpenAPI at ${wms.url}/docs)`);
const stop = () => void wms.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
