/** Import/export of flow JSON files (the same format teams keep in git). */
import { parseFlow, type FlowGraph } from '@voiceman/compiler';

/** Saves a value as a pretty-printed JSON file through the browser's download. */
export function downloadJson(value: unknown, fileName: string): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}


/**
 * Reads a flow file for the open process: the file's nodes, edges, variables and words, under
 * this process's key (the key is the server's identity of the process, not the file's).
 */
export function parseFlowFile(text: string, into: FlowGraph): { ok: true; graph: FlowGraph } | { ok: false; error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : 'not JSON' };
  }
  const parsed = parseFlow(value);
  if (!parsed.ok) return { ok: false, error: parsed.diagnostics.map((d) => d.message).slice(0, 3).join('; ') };
  return { ok: true, graph: { ...parsed.flow, process: { ...parsed.flow.process, key: into.process.key, name: into.process.name } } };
}
