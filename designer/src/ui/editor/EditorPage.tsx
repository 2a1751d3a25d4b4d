/**
 * One open process: loads the draft (or a published version, read-only), creates this editor's
 * store, wires autosave, live lint, commands and keyboard, and lays out the panels.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, type Edge, type Node, type ReactFlowInstance } from '@xyflow/react';
import type { NodeKind } from '@voiceman/compiler';
import { api, type User } from '../../api/client.js';
import { runCommand, type CommandId } from '../../commands/commands.js';
import { chooseStartingPoint, createDraftSync, type DraftSync, type SyncState } from '../../drafts/draft-sync.js';
import type { MessageKey } from '../../i18n/messages.js';
import { createEditorStore, type EditorStore } from '../../store/editor-store.js';
import { EditorStoreContext } from '../editor-context.js';
import { useT } from '../i18n.js';
import { addNodeNearSelection } from '../../commands/add-node.js';
import { exportProcess } from '../scenarios/process-files.js';
import { revealNode, useCanvasDialogs } from './CanvasDialogs.js';
import { CommandPalette } from './CommandPalette.js';
import { ConflictDialog } from './ConflictDialog.js';
import { DiagnosticsPanel } from './DiagnosticsPanel.js';
import { EditorUiContext, type EditorUi } from './editor-ui.js';
import { HelpOverlay } from './HelpOverlay.js';
import { Inspector } from './Inspector.js';
import { useCommandKeys } from './keyboard.js';
import { lintNow, useLiveLint } from './live-lint.js';
import { useSubflowGraphs } from './subflow-graphs.js';
import { Palette } from './Palette.js';
import { ProcessSettingsPanel } from './ProcessSettingsPanel.js';
import { PublishDialog } from './PublishDialog.js';
import { useReleaseNote } from './use-release-note.js';
import { Toolbar } from './Toolbar.js';
import { useCommandContext } from './use-command-context.js';
import { VariablesPanel } from './VariablesPanel.js';
import { VersionsPanel } from './VersionsPanel.js';
import { CanvasWithRun, SimulateHost } from '../simulate/SimulateHost.js';
import { createPageSimStore, type PublishedSource } from '../simulate/use-simulation.js';
import type { SimStore } from '../../simulate/sim-store.js';
import { ApiError } from '../../api/client.js';
import type { BlockedPublish } from '../../scenarios/api.js';
import { replayPlan } from '../../scenarios/difference.js';
import { replayInSimulator } from '../../scenarios/replay.js';
import { PublishScenarios } from '../scenarios/PublishScenarios.js';
import { ScenariosPanel } from '../scenarios/ScenariosPanel.js';
import { useScenariosStore, useUncoveredEdges } from '../scenarios/use-scenarios.js';
import type { Scenario } from '@voiceman/simulator';
import { HeatmapControl } from '../../console/dashboard/index.js';
import type { NodeHeat } from '../../graph/canvas-mapping.js';
import type { CanvasDiff } from '../../diff/canvas-diff.js';

interface Loaded {
  store: EditorStore;
  sync?: DraftSync;
  name: string;
  version?: number;
  /** A published version: its stored machine, which a simulation runs as is. */
  published?: PublishedSource;
}

export function EditorPage(props: { processKey: string; version?: number; user: User; navigate(path: string): void }) {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [syncState, setSyncState] = useState<SyncState | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    let sync: DraftSync | undefined;
    setLoaded(undefined);
    (async () => {
      try {
        if (props.version !== undefined) {
          const v = await api.getVersion(props.processKey, props.version);
          if (live) setLoaded({ store: createEditorStore(v.graph, { readOnly: true }), name: v.graph.process.name, version: v.number, published: { number: v.number, machine: v.machine, hash: v.hash } });
          return;
        }
        const draft = await api.getProcess(props.processKey);
        if (!live) return;
        // A tester reads and simulates drafts but does not edit them (the server refuses the save).
        if (props.user.role === 'tester') {
          setLoaded({ store: createEditorStore(draft.graph, { readOnly: true }), name: draft.name });
          return;
        }
        const start = chooseStartingPoint(localStorage, draft, props.processKey);
        const store = createEditorStore(start.graph);
        sync = createDraftSync({
          processKey: props.processKey,
          revision: start.revision,
          store,
          api,
          storage: localStorage,
          dirty: start.fromLocal,
          onChange: (s) => setSyncState(s),
        });
        setSyncState(sync.getState());
        setLoaded({ store, sync, name: draft.name });
      } catch (err) {
        if (live) setLoadError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => {
      live = false;
      void sync?.flush();
      sync?.dispose();
    };
  }, [props.processKey, props.version, props.user.role]);

  // Leaving the page with unsaved edits: they are in localStorage, but try to save too.
  useEffect(() => {
    const onLeave = () => void loaded?.sync?.flush();
    window.addEventListener('pagehide', onLeave);
    return () => window.removeEventListener('pagehide', onLeave);
  }, [loaded]);

  if (loadError) return <p className="vm-error vm-page-error">{t('error.generic', { message: loadError })}</p>;
  if (!loaded) return <div className="vm-loading">…</div>;
  return (
    <EditorStoreContext.Provider value={loaded.store}>
      <ReactFlowProvider>
        <EditorLayout {...props} loaded={loaded} syncState={syncState} />
      </ReactFlowProvider>
    </EditorStoreContext.Provider>
  );
}

type RightTab = 'inspector' | 'process' | 'variables' | 'versions' | 'scenarios';
const TAB_TITLES = { inspector: 'inspector.title', process: 'settings.title', variables: 'variables.title', versions: 'versions.title', scenarios: 'scn.tab' } as const satisfies Record<RightTab, MessageKey>;

function EditorLayout(props: { processKey: string; user: User; navigate(path: string): void; loaded: Loaded; syncState?: SyncState }) {
  const { store, sync, version } = props.loaded;
  const t = useT();
  const flow = useRef<ReactFlowInstance<Node, Edge> | null>(null);
  const [help, setHelp] = useState(false);
  const [palette, setPalette] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [tab, setTab] = useState<RightTab>('inspector');
  const [toast, setToast] = useState<string | undefined>();
  const [versionsRefresh, setVersionsRefresh] = useState(0);
  const [sim, setSim] = useState<SimStore | undefined>();
  const [simOpen, setSimOpen] = useState(false);
  const openSimulator = useCallback(() => {
    setSim((current) => current ?? createPageSimStore(store, props.processKey, props.loaded.published, sync ? () => sync.flush() : undefined));
    setSimOpen((open) => !open);
  }, [store, props.processKey, props.loaded.published, sync]);
  const closeSimulator = useCallback(() => {
    sim?.getState().stop();
    setSimOpen(false);
  }, [sim]);
  useEffect(() => () => sim?.getState().stop(), [sim]);
  const saveFirst = useMemo(() => (sync ? async () => void (await sync.flush()) : undefined), [sync]);
  const scenarios = useScenariosStore(props.processKey, saveFirst, version);
  const uncovered = useUncoveredEdges(scenarios, store);
  const [heat, setHeat] = useState<Readonly<Record<string, NodeHeat>>>();
  const [diff, setDiff] = useState<CanvasDiff>();
  const [scenarioBlocked, setScenarioBlocked] = useState(false);
  const openScenarioAt = useCallback(
    (scenario: Scenario, step: number) => {
      const target = sim ?? createPageSimStore(store, props.processKey, props.loaded.published, sync ? () => sync.flush() : undefined);
      setSim(target);
      setSimOpen(true);
      void replayInSimulator(target, replayPlan(scenario, step), store.getState().graph.process.languages);
    },
    [sim, store, props.processKey, props.loaded.published, sync],
  );

  const callees = useSubflowGraphs(store);
  useLiveLint(store, callees);
  useEffect(() => store.getState().setCallees(callees), [store, callees]);

  const notifyText = useCallback((text: string) => {
    setToast(text);
    setTimeout(() => setToast((cur) => (cur === text ? undefined : cur)), 4000);
  }, []);
  const editorUi = useMemo<EditorUi>(
    () => ({
      focusNode(id) {
        const node = store.getState().graph.nodes.find((n) => n.id === id);
        if (!node) return;
        store.getState().select({ nodes: [id], edges: [] });
        setTab('inspector');
        const size = store.getState().measured[id] ?? { width: 220, height: 100 };
        void flow.current?.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom: Math.max(flow.current.getZoom(), 1), duration: 250 });
      },
    }),
    [store],
  );

  const canvasDialogs = useCanvasDialogs(store, flow, editorUi.focusNode);
  const canPublish = !!sync && props.user.role === 'admin';
  const startPublish = useCallback(() => {
    lintNow(store, callees);
    setPublishing(true);
  }, [store, callees]);
  const ui = useMemo(
    () => ({
      toggleHelp: () => setHelp((h) => !h),
      openPalette: () => setPalette(true),
      notify: (m: MessageKey) => notifyText(t(m)),
      // The same bundle as the toolbar's Export: the flow with its scenarios.
      exportFlow: () => void exportProcess(store.getState().graph).catch((err: unknown) => notifyText(err instanceof Error ? err.message : String(err))),
      openProcessSettings: () => setTab('process'),
      ...(canPublish ? { publish: startPublish } : {}),
      ...canvasDialogs.ui,
    }),
    [notifyText, t, store, canPublish, startPublish, canvasDialogs.ui],
  );
  const ctx = useCommandContext(store, flow, ui);
  useCommandKeys(ctx, !help && !palette && !publishing && !canvasDialogs.open);

  const showInspector = useCallback(() => setTab('inspector'), []);
  const setFlow = useCallback((i: unknown) => void (flow.current = i as ReactFlowInstance<Node, Edge>), []);
  const addNode = useCallback((kind: NodeKind) => {
    const id = addNodeNearSelection(ctx, kind);
    setTab('inspector');
    // React Flow places the new card on its next render; pan to it after that.
    if (id) requestAnimationFrame(() => requestAnimationFrame(() => revealNode(flow.current, id)));
  }, [ctx]);
  const command = useCallback((id: CommandId) => void runCommand(id, ctx), [ctx]);

  const draftGraph = useCallback(() => store.getState().graph, [store]);
  const suggestedNote = useReleaseNote(props.processKey, draftGraph, publishing);
  const publish = async (note: string, allowSame: boolean) => {
    if (!sync) return;
    await sync.flush();
    const state = sync.getState();
    if (state.status !== 'saved') throw new Error(t('editor.unsaved'));
    let result;
    try {
      result = await api.publish(props.processKey, note, state.revision, allowSame);
    } catch (err) {
      if (!(err instanceof ApiError) || err.code !== 'scenarios_failed') throw err;
      const names = ((err.details as unknown as BlockedPublish).failed ?? []).map((f) => f.name).join(', ');
      throw new Error(`${t('publish.scenarios.blocked')} ${names}`);
    }
    setPublishing(false);
    setVersionsRefresh((n) => n + 1);
    notifyText(t('publish.done', { n: result.number }));
  };

  const conflict = props.syncState?.status === 'conflict' ? props.syncState.conflict : undefined;

  return (
    <EditorUiContext.Provider value={editorUi}>
      <div className="vm-editor">
        <Toolbar
          processKey={props.processKey}
          name={props.loaded.name}
          user={props.user}
          version={version}
          syncState={props.syncState}
          ctx={ctx}
          onCommand={command}
          onBack={() => props.navigate('/')}
          onBackToDraft={() => props.navigate(`/p/${encodeURIComponent(props.processKey)}`)}
          onPublish={startPublish}
          onImportError={(error) => notifyText(t('editor.importFailed', { error }))}
          simulating={simOpen}
          onSimulate={openSimulator}
        />
        <div className="vm-editor-main">
          <Palette onAdd={addNode} disabled={store.getState().readOnly} />
          <div className="vm-editor-center">
            <CanvasWithRun editor={store} sim={simOpen ? sim : undefined} uncovered={uncovered} heat={heat} diff={diff} onInit={setFlow} onNodeFocus={showInspector}>
              <HeatmapControl processKey={props.processKey} onHeat={setHeat} />
            </CanvasWithRun>
            <DiagnosticsPanel />
          </div>
          {simOpen && sim ? (
            <SimulateHost
              editor={store}
              sim={sim}
              published={props.loaded.published}
              version={version}
              onClose={closeSimulator}
              onFocusNode={(id) => editorUi.focusNode(id)}
              onScenarioSaved={(name) => {
                void scenarios.getState().load();
                notifyText(t('scn.save.done', { name }));
              }}
            />
          ) : (
          <aside className="vm-side">
            <div className="vm-tabs" role="tablist">
              {(['inspector', 'process', 'variables', 'versions', 'scenarios'] as const).map((id) => (
                <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'is-active' : ''} data-testid={`tab-${id}`} onClick={() => setTab(id)}>
                  {t(TAB_TITLES[id])}
                </button>
              ))}
            </div>
            <div className="vm-side-body">
              {tab === 'inspector' && <Inspector />}
              {tab === 'process' && <ProcessSettingsPanel />}
              {tab === 'variables' && <VariablesPanel />}
              {tab === 'scenarios' && <ScenariosPanel store={scenarios} graph={store.getState().graph} canSetGate={props.user.role === 'admin'} onOpen={openScenarioAt} />}
              {tab === 'versions' && (
                <VersionsPanel
                  processKey={props.processKey}
                  refresh={versionsRefresh}
                  current={version}
                  openGraph={draftGraph}
                  onDiff={setDiff}
                  onOpen={(n) => props.navigate(`/p/${encodeURIComponent(props.processKey)}/v/${n}`)}
                />
              )}
            </div>
          </aside>
          )}
        </div>
        {help && <HelpOverlay onClose={() => setHelp(false)} />}
        {palette && <CommandPalette ctx={ctx} onClose={() => setPalette(false)} onAdd={addNode} onCommand={command} />}
        {canvasDialogs.dialogs}
        {publishing && (
          <PublishDialog
            errors={store.getState().diagnostics.filter((d) => d.severity === 'error')}
            onPublish={publish}
            onClose={() => {
              setPublishing(false);
              setScenarioBlocked(false);
            }}
            extraBlocked={scenarioBlocked}
            suggestedNote={suggestedNote}
          >
            <PublishScenarios processKey={props.processKey} beforeRun={saveFirst} onBlocked={setScenarioBlocked} />
          </PublishDialog>
        )}
        {conflict && sync && <ConflictDialog conflict={conflict} onTheirs={() => sync.takeTheirs()} onMine={() => void sync.keepMine()} />}
        {toast && (
          <div className="vm-toast" role="status" data-testid="toast">
            {toast}
          </div>
        )}
      </div>
    </EditorUiContext.Provider>
  );
}

