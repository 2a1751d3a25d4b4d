/**
 * The run inside a subflow, on the canvas: a breadcrumb of the calls down to the active node,
 * and (when following) the callee's own graph, read-only, with the run's marks on it.
 */
import { useMemo } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { FlowGraph } from '@voiceman/compiler';
import type { RunMarks } from '../../simulate/canvas-run.js';
import { createEditorStore } from '../../store/editor-store.js';
import { EditorStoreContext } from '../editor-context.js';
import { Canvas } from '../editor/Canvas.js';
import { useT } from '../i18n.js';
import type { CanvasRun } from './use-simulation.js';

const noop = () => {};

function CalleeCanvas({ graph, marks }: { graph: FlowGraph; marks: RunMarks }) {
  const store = useMemo(() => createEditorStore(graph, { readOnly: true }), [graph]);
  return (
    <EditorStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <Canvas onInit={noop} onNodeFocus={noop} run={marks} />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

export function RunOverlay({ run, follow, onFollow }: { run: CanvasRun; follow: boolean; onFollow(follow: boolean): void }) {
  const t = useT();
  if (run.crumbs.length < 2) return null;
  return (
    <>
      {follow && run.callee && (
        <div className="vm-callee-canvas" data-testid="callee-canvas" data-process={run.callee.graph.process.key}>
          <CalleeCanvas graph={run.callee.graph} marks={run.callee.marks} />
        </div>
      )}
      <nav className="vm-run-crumbs" data-testid="run-crumbs" aria-label={t('sim.canvas.inside')}>
        <span className="vm-muted">{t('sim.canvas.inside')}</span>
        {run.crumbs.map((c, i) => (
          <span key={c.stateId}>
            {i > 0 && <span className="vm-muted"> › </span>}
            <code className={i === run.crumbs.length - 1 ? 'vm-run-crumb-active' : ''} title={c.processKey}>
              {i > 0 && i < run.crumbs.length ? `${c.processKey}: ` : ''}
              {c.nodeId}
            </code>
          </span>
        ))}
        <label className="vm-sim-inline">
          <input type="checkbox" checked={follow} onChange={(e) => onFollow(e.target.checked)} data-testid="run-follow" />
          {t('sim.canvas.follow')}
        </label>
      </nav>
    </>
  );
}
