/**
 * The Simulate panel beside the canvas: run settings (language, clock, where, input variables),
 * the transcript with the answer bar, and tabs for variables, dialog events, WMS stubs and the
 * active states. All logic is in `simulate/` (the store and its helpers); this only lays it out.
 */
import { useMemo, useState } from 'react';
import type { FlowGraph } from '@voiceman/compiler';
import type { Lang } from '@voiceman/runtime';
import type { MessageKey } from '../../i18n/messages.js';
import { nodeAtLevel } from '../../simulate/canvas-run.js';
import { machineStates, requestStates, rootTransitions } from '../../simulate/machine-states.js';
import { inputVariables, parseInputs } from '../../simulate/run-inputs.js';
import { toStubs, type StubProblem } from '../../simulate/stub-form.js';
import type { ClockMode, RunWhere } from '../../simulate/sim-store.js';
import { useT } from '../i18n.js';
import { AnswerBar } from './AnswerBar.js';
import { InspectorConnect } from './InspectorConnect.js';
import { SimEvents, SimStates, SimVariables } from './RunDetails.js';
import { useSim, useSimStore } from './sim-context.js';
import { StubsEditor } from './StubsEditor.js';
import { Transcript } from './Transcript.js';
import { useSpeakPrompts } from './use-speak-prompts.js';
import { SaveScenario } from '../scenarios/SaveScenario.js';
import './simulate.css';

type Tab = 'run' | 'variables' | 'events' | 'stubs' | 'states';
const tabs: Tab[] = ['run', 'variables', 'events', 'stubs', 'states'];

const statusKey: Record<string, MessageKey> = {
  waiting: 'sim.status.waiting',
  busy: 'sim.status.busy',
  done: 'sim.status.done',
  error: 'sim.status.error',
};

export function SimulatePanel(props: {
  graph: FlowGraph;
  /** Published version shown, or undefined for the draft. */
  version?: number;
  /** The machine the run will use (compiled draft or stored version), for stubs and states; null while it does not compile. */
  machine: unknown;
  onClose(): void;
  /** Shows a node of the process on the canvas (a compile problem, a state's target). */
  onFocusNode(nodeId: string): void;
  /** Set where a run may be saved as a scenario (the process's editor). */
  onScenarioSaved?(name: string): void;
}) {
  const t = useT();
  const store = useSimStore();
  const phase = useSim((s) => s.phase);
  const view = useSim((s) => s.view);
  const busy = useSim((s) => s.busy);
  const error = useSim((s) => s.error);
  const problems = useSim((s) => s.problems);
  const settings = useSim((s) => s.settings);
  const inputText = useSim((s) => s.inputText);
  const inputsLoading = useSim((s) => s.inputsLoading);
  const stubForm = useSim((s) => s.stubForm);
  const [tab, setTab] = useState<Tab>('run');
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [stubProblems, setStubProblems] = useState<StubProblem[]>([]);
  const states = useMemo(() => machineStates(props.machine), [props.machine]);
  const requests = useMemo(() => requestStates(states), [states]);
  const global = useMemo(() => rootTransitions(props.machine), [props.machine]);
  const variables = useMemo(() => inputVariables(props.graph), [props.graph]);
  const languages = props.graph.process.languages;
  useSpeakPrompts();

  const start = () => {
    const input = parseInputs(variables, inputText);
    const stubs = toStubs(stubForm);
    setFormErrors(input.ok ? [] : Object.entries(input.errors).map(([name, e]) => t('sim.inputBad', { name, error: e })));
    setStubProblems(stubs.ok ? [] : stubs.problems);
    if (!stubs.ok) setTab('stubs');
    if (!input.ok || !stubs.ok) return;
    store.getState().setSettings({ input: input.value, stubs: stubs.stubs });
    setTab('run');
    void store.getState().start();
  };

  const running = phase === 'running' && view !== null;
  const source =
    props.version !== undefined
      ? t('sim.source.version', { n: props.version })
      : settings.where === 'server'
        ? t('sim.source.draftServer')
        : t('sim.source.draft');

  return (
    <aside className="vm-side vm-sim" data-testid="sim-panel" data-phase={phase}>
      <header className="vm-sim-header">
        <h2 className="vm-sim-title">{t('sim.title')}</h2>
        <span className="vm-muted vm-sim-source" data-testid="sim-source">
          {source}
        </span>
        <button type="button" className="vm-icon-button vm-sim-close" aria-label={t('sim.close')} title={t('sim.close')} onClick={props.onClose} data-testid="sim-close">
          ×
        </button>
      </header>

      <details className="vm-sim-settings" open={!running} key={running ? 'running' : 'idle'}>
        <summary>
          {t('sim.language')}: <strong>{settings.language}</strong> · {t(settings.clock === 'virtual' ? 'sim.clock.virtual' : 'sim.clock.real')}
        </summary>
        <div className="vm-sim-grid">
          <label>
            {t('sim.language')}
            <select className="vm-input" value={settings.language} onChange={(e) => store.getState().setSettings({ language: e.target.value as Lang })} data-testid="sim-language">
              {languages.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('sim.clock')}
            <select
              className="vm-input"
              value={settings.where === 'server' ? 'virtual' : settings.clock}
              disabled={settings.where === 'server'}
              onChange={(e) => store.getState().setSettings({ clock: e.target.value as ClockMode })}
              data-testid="sim-clock"
            >
              <option value="virtual">{t('sim.clock.virtual')}</option>
              <option value="real">{t('sim.clock.real')}</option>
            </select>
          </label>
          <label>
            {t('sim.where')}
            <select className="vm-input" value={settings.where} onChange={(e) => store.getState().setSettings({ where: e.target.value as RunWhere })} data-testid="sim-where">
              <option value="page">{t('sim.where.page')}</option>
              <option value="server">{t('sim.where.server')}</option>
            </select>
          </label>
          <label>
            {t('sim.operatorId')}
            <input className="vm-input" value={settings.operatorId} onChange={(e) => store.getState().setSettings({ operatorId: e.target.value })} data-testid="sim-operator" />
          </label>
        </div>
        {variables.length > 0 && (
          <fieldset className="vm-sim-inputs">
            <legend>{t('sim.inputs')}</legend>
            {variables.map((v) => (
              <label key={v.name} title={v.description}>
                <span>
                  <code>{v.name}</code> <span className="vm-muted">{v.type}</span>
                </span>
                <input className="vm-input" value={inputText[v.name] ?? ''} onChange={(e) => store.getState().setInputText(v.name, e.target.value)} data-testid={`sim-input-${v.name}`} />
              </label>
            ))}
          </fieldset>
        )}
        {formErrors.map((e) => (
          <p key={e} className="vm-error">
            {e}
          </p>
        ))}
        {stubProblems.length > 0 && <p className="vm-error">{t('sim.stubs.bad')}</p>}
        <InspectorConnect />
      </details>

      <div className="vm-sim-bar">
        <button type="button" className="vm-button vm-primary" onClick={start} disabled={phase === 'starting' || inputsLoading} data-testid="sim-start">
          {running ? t('sim.newRun') : t('sim.start')}
        </button>
        {running && (
          <>
            <button type="button" className="vm-button" disabled={busy} onClick={() => void store.getState().restart()} data-testid="sim-restart">
              {t('sim.restart')}
            </button>
            <button type="button" className="vm-button" onClick={() => store.getState().stop()} data-testid="sim-stop">
              {t('sim.stop')}
            </button>
            {props.onScenarioSaved && <SaveScenario processKey={props.graph.process.key} onSaved={props.onScenarioSaved} />}
            <span className={`vm-sim-pill vm-sim-pill-${busy ? 'busy' : view.status}`} data-testid="sim-status" data-status={busy ? 'busy' : view.status}>
              {t(statusKey[busy ? 'busy' : view.status] ?? 'sim.status.busy')}
            </span>
          </>
        )}
      </div>

      {error && phase === 'failed' && problems.length > 0 ? (
        <div className="vm-sim-problems" role="alert" data-testid="sim-problems">
          <p className="vm-error">{t('sim.compileFailed')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                {p.nodeId ? (
                  <button type="button" className="vm-link-button" onClick={() => props.onFocusNode(p.nodeId!)}>
                    {p.nodeId}
                  </button>
                ) : null}{' '}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        error && (
          <p className="vm-error vm-sim-error-line" role="alert" data-testid="sim-error">
            {t('sim.failed', { message: error })}
          </p>
        )
      )}

      <div className="vm-tabs" role="tablist">
        {tabs.map((id) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'is-active' : ''} data-testid={`sim-tab-${id}`} onClick={() => setTab(id)}>
            {t(`sim.tab.${id}`)}
          </button>
        ))}
      </div>
      <div className={`vm-sim-body vm-sim-body-${tab}`}>
        {tab === 'run' && (running ? <Transcript /> : <p className="vm-empty">{t('sim.empty')}</p>)}
        {tab === 'variables' && <SimVariables />}
        {tab === 'events' && <SimEvents fileName={`${props.graph.process.key}-simulation.events.json`} />}
        {tab === 'stubs' && (props.machine ? <StubsEditor requests={requests} problems={stubProblems} /> : <p className="vm-empty">{t('sim.noMachine')}</p>)}
        {tab === 'states' && <SimStates states={states} global={global} onFocus={(stateId) => props.onFocusNode(nodeAtLevel(stateId, '') ?? stateId)} />}
      </div>
      {tab === 'run' && running && <AnswerBar />}
    </aside>
  );
}
