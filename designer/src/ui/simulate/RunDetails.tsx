/** The run's variables (live, last change highlighted), its dialog events, and its active states. */
import { useMemo } from 'react';
import { activePath, type MachineStateInfo } from '../../simulate/machine-states.js';
import { downloadJson } from '../editor/file-io.js';
import { useT } from '../i18n.js';
import { valueLabel } from './json-view.js';
import { useSim } from './sim-context.js';

export function SimVariables() {
  const t = useT();
  const variables = useSim((s) => s.view?.variables);
  const last = useSim((s) => s.view?.lastChanged ?? null);
  const scopes = Object.entries(variables ?? {});
  if (scopes.length === 0) return <p className="vm-empty">{t('sim.variables.none')}</p>;
  return (
    <div className="vm-sim-vars" data-testid="sim-variables">
      {scopes.map(([scope, vars]) => (
        <section key={scope}>
          <h3 className="vm-panel-title">{scope}</h3>
          <table className="vm-sim-table">
            <tbody>
              {Object.entries(vars).map(([name, value]) => {
                const changed = last?.scope === scope && last.name === name;
                return (
                  <tr key={name} className={changed ? 'is-changed' : ''} data-testid={`sim-var-${scope}-${name}`} data-changed={changed ? 'true' : undefined}>
                    <th>{name}</th>
                    <td>
                      <code title={JSON.stringify(value)}>{valueLabel(value, 120)}</code>
                      {changed && <span className="vm-sim-changed">{t('sim.variables.changed')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

export function SimEvents({ fileName }: { fileName: string }) {
  const t = useT();
  const events = useSim((s) => s.view?.events);
  if (!events) return null;
  return (
    <div className="vm-sim-events" data-testid="sim-events">
      <div className="vm-sim-events-head">
        <span className="vm-muted">{t('sim.events.count', { n: events.length })}</span>
        <button type="button" className="vm-button" onClick={() => downloadJson(events, fileName)} data-testid="sim-export">
          {t('sim.events.export')}
        </button>
      </div>
      <ol className="vm-sim-event-list">
        {events.map((e) => (
          <li key={e.seq}>
            <span className="vm-sim-seq">{e.seq}</span>
            <span className={`vm-sim-event-type vm-sim-event-${e.type.replace('.', '-')}`}>{e.type}</span>
            {e.state && <code className="vm-muted">{e.state}</code>}
            <code className="vm-sim-event-data">{valueLabel(e.data, 160)}</code>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function SimStates({ states }: { states: Map<string, MachineStateInfo> }) {
  const t = useT();
  const active = useSim((s) => s.view?.activeStates);
  const path = useMemo(() => activePath(states, active ?? []), [states, active]);
  return (
    <div className="vm-sim-states" data-testid="sim-states">
      <h3 className="vm-panel-title">{t('sim.states.active')}</h3>
      <div className="vm-sim-chart">
        {path.map(({ state, siblings }, i) => (
          <div key={state.id} className={`vm-sim-chart-state${i === path.length - 1 ? ' is-leaf' : ''}`} style={{ marginLeft: i * 14 }} data-testid="sim-active-state" data-state={state.id}>
            <div className="vm-sim-chart-name">
              <strong>{state.nodeId}</strong> <span className="vm-muted">{t(`kind.${state.kind}` as never) || state.kind}</span>
              {siblings > 0 && <span className="vm-sim-chart-siblings">{t('sim.states.siblings', { n: siblings })}</span>}
            </div>
            {i === path.length - 1 && state.transitions.length > 0 && (
              <ul className="vm-sim-chart-out" aria-label={t('sim.states.leaves')}>
                {state.transitions.map((tr) => (
                  <li key={tr.event}>
                    <code>{tr.event}</code> → {tr.targets.map((x) => <code key={x}>{x}</code>)}
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
