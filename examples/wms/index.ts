export { createWmsApp, type WmsApp, type WmsAppOptions } from './app.js';
export { startMockWms, type MockWms, type StartMockWmsOptions } from './server.js';
export { WmsStore, WmsError } from './store.js';
export { seed, type Seed } from './seed.js';
