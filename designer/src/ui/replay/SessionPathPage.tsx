/**
 * A logged session on the canvas, step by step: the graph of the version it ran (read-only)
 * with the states it had entered up to the chosen step marked as a simulation marks them.
 */
import { useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import type { FlowGraph } from '@voiceman/compiler';
import { api } from '../../api/client.js';
import { replayApi, type SessionSteps } from '../../replay/replay-api.js';
import { describeInput } from '../../replay/report.js';
import { runSnapshotAt } from '../../replay/session-path.js';
import { runMarks } from '../../simulate/canvas-run.js';
import { createEditorStore } from '../../store/editor-store.js';
import { EditorStoreContext } from '../editor-context.js';
import { Canvas } from '../editor/Canvas.js';
import { useT } from '../i18n.js';
import './replay.css';

const noop = () => {};
const enc = encodeURIComponent;

export function SessionPathPage({ processKey, sessionId }: { processKey: string; sessionId: string }) {
  const t = useT();
  const [session, setSession] = useState<SessionSteps | null>(null);
  const [graph, setGraph] = useState<FlowGraph | null>(null);
  const [error, setError] = useState('');
  const [k, setK] = useState(0);
  useEffect(() => {
    let live = true;
    (async () => {
      const s = await replayApi.sessionSteps(sessionId);
      // The graph of the version the session ran; the draft when that version is unknown here.
      const g = s.version !== null ? (await api.getVersion(s.processKey, s.version)).graph : (await api.getProcess(s.processKey)).graph;
      if (!live) return;
      setSession(s);
      setGraph(g);
      setK(s.steps.length - 1);
    })().catch((e: Error) => live && setError(e.message));
    return () => void (live = false);
  }, [sessionId]);
  const store = useMemo(() => (graph ? createEditorStore(graph, { readOnly: true }) : null), [graph]);
  const marks = useMemo(() => (graph && session ? runMarks(graph, runSnapshotAt(session.steps, k), '') : undefined), [graph, session, k]);
  const steps = session?.steps ?? [];
  return (
    <div className="vm-replay-page vm-path-page">
      <nav className="vm-replay-nav">
        <a href={`#/p/${enc(processKey)}`}>{processKey}</a>
        <a href={`/history/sessions/${enc(sessionId)}`}>{t('replay.history')}</a>
      </nav>
      <h1>{t('path.title', { session: sessionId })}</h1>
      {error && <p className="vm-error" role="alert">{error}</p>}
      {session && (
        <p className="vm-muted">{session.version !== null ? t('path.version', { process: session.processKey, n: session.version }) : t('path.draft', { process: session.processKey })} · {session.siteId} · {session.outcome}</p>
      )}
      {store && marks && (
        <div className="vm-path-body">
          <div className="vm-path-canvas" data-testid="path-canvas" data-step={k}>
            <EditorStoreContext.Provider value={store}>
              <ReactFlowProvider>
                <Canvas onInit={noop} onNodeFocus={noop} run={marks} />
              </ReactFlowProvider>
            </EditorStoreContext.Provider>
          </div>
          <aside className="vm-path-steps">
            <div className="vm-path-controls">
              <button type="button" className="vm-button" disabled={k <= 0} onClick={() => setK(k - 1)} data-testid="path-prev">{t('path.prev')}</button>
              <span data-testid="path-position">{t('path.step', { k, n: steps.length - 1 })}</span>
              <button type="button" className="vm-button" disabled={k >= steps.length - 1} onClick={() => setK(k + 1)} data-testid="path-next">{t('path.next')}</button>
            </div>
            <ol start={0}>
              {steps.map((s) => (
                <li key={s.step} className={s.step === k ? 'is-current' : s.step > k ? 'is-later' : ''}>
                  <button type="button" onClick={() => setK(s.step)} data-testid="path-step">
                    <strong>{describeInput(s)}</strong>
                    {s.prompts.map((p, i) => <span key={i} className="vm-step-prompt">“{p}”</span>)}
                    <span className="vm-muted">{s.end ? `${s.end.status} · ${s.state}` : s.state}</span>
                  </button>
                </li>
              ))}
            </ol>
          </aside>
        </div>
      )}
    </div>
  );
}
