/**
 * A process's export: its flow and its scenarios in one file (`<key>.process.json`), and the
 * Import that reads it back. The Import also takes a plain flow file (as before) and scenario
 * files (`*.scenario.json`, the format teams keep in git beside the flows).
 */
import type { FlowGraph } from '@voiceman/compiler';
import { parseScenario, ScenarioFormatError, type Scenario } from '@voiceman/simulator';
import { parseFlowFile } from '../ui/editor/file-io.js';

export const BUNDLE_FORMAT = 'voiceman/process-bundle';
export const BUNDLE_VERSION = 1;

export interface ProcessBundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: typeof BUNDLE_VERSION;
  flow: FlowGraph;
  scenarios: Scenario[];
}

export function processBundle(flow: FlowGraph, scenarios: Scenario[]): ProcessBundle {
  return { format: BUNDLE_FORMAT, formatVersion: BUNDLE_VERSION, flow, scenarios };
}

export const bundleFileName = (key: string) => `${key}.process.json`;
export const scenarioFileName = (process: string, name: string) =>
  `${process}.${name.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'scenario'}.scenario.json`;

export type ImportedFile =
  | { ok: true; graph?: FlowGraph; scenarios: Scenario[] }
  | { ok: false; error: string };

const isBundle = (v: unknown): v is { format: string; flow?: unknown; scenarios?: unknown } =>
  typeof v === 'object' && v !== null && (v as { format?: unknown }).format === BUNDLE_FORMAT;

/** Scenarios belong to the process they are imported into, whatever key the file names. */
const intoProcess = (s: Scenario, key: string): Scenario => ({ ...s, process: key });

function readScenario(value: unknown, file: string, key: string): Scenario {
  return intoProcess(parseScenario(JSON.stringify(value), file), key);
}

/**
 * One file for the open process `into`: a bundle (flow and scenarios), a flow file, or a
 * scenario file. The flow keeps this process's key and name (the server's identity of the
 * process, not the file's); a bad scenario names the file and the field.
 */
export function parseImportFile(text: string, fileName: string, into: FlowGraph): ImportedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `${fileName}: not JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const key = into.process.key;
  try {
    if (isBundle(value)) {
      const flow = readFlow(value.flow, fileName, into);
      if (!flow.ok) return flow;
      if (!Array.isArray(value.scenarios)) return { ok: false, error: `${fileName} at /scenarios: not a list` };
      const scenarios = value.scenarios.map((s, i) => readScenario(s, `${fileName} (scenario ${i + 1})`, key));
      return { ok: true, graph: flow.graph, scenarios };
    }
    if (typeof value === 'object' && value !== null && 'steps' in value && !('nodes' in value)) {
      return { ok: true, scenarios: [readScenario(value, fileName, key)] };
    }
  } catch (err) {
    if (err instanceof ScenarioFormatError) return { ok: false, error: err.message };
    throw err;
  }
  const flow = readFlow(value, fileName, into);
  return flow.ok ? { ok: true, graph: flow.graph, scenarios: [] } : flow;
}

function readFlow(value: unknown, fileName: string, into: FlowGraph): { ok: true; graph: FlowGraph } | { ok: false; error: string } {
  const parsed = parseFlowFile(JSON.stringify(value ?? null), into);
  return parsed.ok ? parsed : { ok: false, error: `${fileName}: ${parsed.error}` };
}

/** Several files at once (a flow and its scenario files): all or nothing, the first error wins. */
export function parseImportFiles(files: { name: string; text: string }[], into: FlowGraph): ImportedFile {
  let graph: FlowGraph | undefined;
  const scenarios: Scenario[] = [];
  for (const f of files) {
    const one = parseImportFile(f.text, f.name, into);
    if (!one.ok) return one;
    if (one.graph) {
      if (graph) return { ok: false, error: `${f.name}: a second flow in one import` };
      graph = one.graph;
    }
    scenarios.push(...one.scenarios);
  }
  return { ok: true, ...(graph ? { graph } : {}), scenarios };
}
