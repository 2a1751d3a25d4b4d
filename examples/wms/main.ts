/**
 * `npm run wms -w @voiceman/examples` (after `build`): the mock WMS alone, on WMS_HOST:WMS_PORT.
 * `WMS_TEST_ROUTES=on` mounts the reset and fault-injection routes.
 */
import { startMockWms } from './server.js';

const wms = await startMockWms({
  port: Number(process.env.WMS_PORT ?? 4010),
  host: process.env.WMS_HOST ?? '127.0.0.1',
  testRoutes: process.env.WMS_TEST_ROUTES === 'on',
});
console.log(`mock WMS on ${wms.url} (OpenAPI at ${wms.url}/docs)`);
const stop = () => void wms.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
