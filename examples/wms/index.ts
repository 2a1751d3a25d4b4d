export { createWmsApp, type WmsApp, type WmsAppOptions } from './app.js';
export { startMockWms, type MockWms } from './server.js';
export { WmsStore, WmsError } from './store.js';
export { seed, type Seed } from './seed.js';
