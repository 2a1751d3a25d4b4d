/**
 * The toolbar's Export and Import with scenarios: Export writes the process bundle (flow and
 * its stored scenarios), Import reads a bundle, a plain flow file or scenario files, replaces
 * the graph (an undo step, as before) and imports the scenarios on the server.
 */
import type { FlowGraph } from '@voiceman/compiler';
import { scenariosApi } from '../../scenarios/api.js';
import { bundleFileName, parseImportFiles, processBundle } from '../../scenarios/bundle.js';
import type { EditorStore } from '../../store/editor-store.js';
import { downloadJson } from '../editor/file-io.js';

export async function exportProcess(graph: FlowGraph): Promise<void> {
  const stored = await scenariosApi.list(graph.process.key);
  downloadJson(processBundle(graph, stored.map((s) => s.scenario)), bundleFileName(graph.process.key));
}

/** Null when imported, else the error to show (nothing is changed then). */
export async function importIntoProcess(files: File[], store: EditorStore): Promise<string | null> {
  const read = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
  const parsed = parseImportFiles(read, store.getState().graph);
  if (!parsed.ok) return parsed.error;
  try {
    if (parsed.scenarios.length > 0) await scenariosApi.importMany(store.getState().graph.process.key, parsed.scenarios);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  if (parsed.graph) store.getState().replaceGraph(parsed.graph);
  return null;
}
