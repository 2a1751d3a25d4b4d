/** `npm run flows -w @voiceman/examples`: regenerates examples/flows/*.flow.json from authoring/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { authoredFlows, flowFileText } from './index.js';

const dir = fileURLToPath(new URL('../flows/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const flow of authoredFlows()) {
  writeFileSync(`${dir}${flow.process.key}.flow.json`, flowFileText(flow));
  console.log(`flows/${flow.process.key}.flow.json: ${flow.nodes.length} nodes, ${flow.edges.length} edges`);
}
