/**
 * @voiceman/examples: the voice-picking example processes (flows/*.flow.json) and the mock WMS
 * they talk to (wms/). The server seeds the flows and starts the WMS at `npm start`.
 */
export { exampleFlows, exampleFlow, exampleKeys, resolveExampleProcess, type ExampleKey } from './flows.js';
export { exampleReferenceTables, exampleReferenceData, type ReferenceRow } from './reference.js';
export { createWmsApp, startMockWms, WmsStore, WmsError, seed, type MockWms, type WmsApp, type WmsAppOptions, type Seed } from '../wms/index.js';
