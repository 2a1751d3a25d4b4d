/**
 * The editor page's two mounting points for a simulation, each subscribing to the editor store
 * only while it needs to, so the page itself does not re-render on every edit: the canvas with
 * the run drawn on it, and (while open) the panel with the machine its tabs read.
 */
import { useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { SimStore } from '../../simulate/sim-store.js';
import type { EditorStore } from '../../store/editor-store.js';
import type { NodeHeat } from '../../graph/canvas-mapping.js';
import type { CanvasDiff } from '../../diff/canvas-diff.js';
import { Canvas } from '../editor/Canvas.js';
import { RunOverlay } from './RunOverlay.js';
import { SimStoreContext } from './sim-context.js';
import { SimulatePanel } from './SimulatePanel.js';
import { useCanvasRun, usePanelMachine, type PublishedSource } from './use-simulation.js';

export function CanvasWithRun(props: { editor: EditorStore; sim: SimStore | undefined; uncovered?: ReadonlySet<string>; heat?: Readonly<Record<string, NodeHeat>>; diff?: CanvasDiff; children?: ReactNode; onInit(instance: unknown): void; onNodeFocus(): void }) {
  const run = useCanvasRun(props.sim, props.editor);
  const [follow, setFollow] = useState(true);
  return (
    <div className="vm-canvas-stack">
      <Canvas onInit={props.onInit} onNodeFocus={props.onNodeFocus} run={run?.main} uncovered={props.uncovered} heat={props.heat} diff={props.diff} />
      {run && <RunOverlay run={run} follow={follow} onFollow={setFollow} />}
      {props.children}
    </div>
  );
}

export function SimulateHost(props: {
  editor: EditorStore;
  sim: SimStore;
  published: PublishedSource | undefined;
  version?: number;
  onClose(): void;
  onFocusNode(nodeId: string): void;
  onScenarioSaved?(name: string): void;
}) {
  const graph = useStore(props.editor, (s) => s.graph);
  const machine = usePanelMachine(props.editor, props.published);
  return (
    <SimStoreContext.Provider value={props.sim}>
      <SimulatePanel graph={graph} version={props.version} machine={machine} onClose={props.onClose} onFocusNode={props.onFocusNode} onScenarioSaved={props.onScenarioSaved} />
    </SimStoreContext.Provider>
  );
}
