/** Per request node: the real WMS (through the server's proxy) or a sequence of stub answers. */
import type { MachineStateInfo } from '../../simulate/machine-states.js';
import { draftOf, newResponse, type StubDraft, type StubProblem } from '../../simulate/stub-form.js';
import { useT } from '../i18n.js';
import { useSim, useSimStore } from './sim-context.js';

const types: StubDraft['type'][] = ['response', 'timeout', 'networkError'];

export function StubsEditor({ requests, problems }: { requests: MachineStateInfo[]; problems: StubProblem[] }) {
  const t = useT();
  const store = useSimStore();
  const form = useSim((s) => s.stubForm);
  const phase = useSim((s) => s.phase);
  if (requests.length === 0) return <p className="vm-empty">{t('sim.stubs.none')}</p>;
  const edit = (stateId: string, change: (list: StubDraft[]) => StubDraft[]) =>
    store.getState().setStubForm((f) => ({ ...f, [stateId]: change(f[stateId] ?? []) }));
  const bad = (stateId: string, index: number, problem: StubProblem['problem']) =>
    problems.some((p) => p.stateId === stateId && p.index === index && p.problem === problem);

  return (
    <div className="vm-sim-stubs" data-testid="sim-stubs">
      <p className="vm-muted vm-sim-small">{t('sim.stubs.hint')}</p>
      {phase === 'running' && <p className="vm-sim-note">{t('sim.stubs.appliesNext')}</p>}
      {requests.map((r) => {
        const list = form[r.id] ?? [];
        return (
          <section key={r.id} className="vm-sim-stub" data-testid={`stub-${r.id}`}>
            <header>
              <code className="vm-sim-stub-id">{r.id}</code>
              <span className="vm-sim-method">{r.request?.method}</span>
              <span className="vm-sim-url" title={r.request?.url}>
                {r.request?.url}
              </span>
            </header>
            {list.length === 0 && <span className="vm-sim-live">{t('sim.stubs.live')}</span>}
            <ol className="vm-sim-stub-list">
              {list.map((d, i) => (
                <li key={i} className="vm-sim-stub-answer">
                  <select
                    className="vm-input vm-sim-stub-type"
                    value={d.type}
                    aria-label={t('sim.stubs.type.response')}
                    onChange={(e) => edit(r.id, (l) => l.map((x, j) => (j === i ? draftOf(e.target.value as StubDraft['type'], x) : x)))}
                    data-testid="stub-type"
                  >
                    {types.map((ty) => (
                      <option key={ty} value={ty}>
                        {t(`sim.stubs.type.${ty}`)}
                      </option>
                    ))}
                  </select>
                  {d.type === 'response' && (
                    <>
                      <label className="vm-sim-field">
                        {t('sim.stubs.status')}
                        <input
                          className={`vm-input vm-input-number${bad(r.id, i, 'status') ? ' is-invalid' : ''}`}
                          type="number"
                          value={d.status}
                          onChange={(e) => edit(r.id, (l) => l.map((x, j) => (j === i ? { ...d, status: Number(e.target.value) } : x)))}
                          data-testid="stub-status"
                        />
                      </label>
                      <label className="vm-sim-field">
                        {t('sim.stubs.delay')}
                        <input
                          className={`vm-input vm-input-number${bad(r.id, i, 'delay') ? ' is-invalid' : ''}`}
                          type="number"
                          min={0}
                          value={d.delayMs}
                          onChange={(e) => edit(r.id, (l) => l.map((x, j) => (j === i ? { ...d, delayMs: Number(e.target.value) } : x)))}
                          data-testid="stub-delay"
                        />
                      </label>
                      <label className="vm-sim-field vm-sim-field-wide">
                        {t('sim.stubs.body')}
                        <textarea
                          className={`vm-input vm-mono${bad(r.id, i, 'body') ? ' is-invalid' : ''}`}
                          rows={2}
                          value={d.body}
                          onChange={(e) => edit(r.id, (l) => l.map((x, j) => (j === i ? { ...d, body: e.target.value } : x)))}
                          data-testid="stub-body"
                        />
                      </label>
                    </>
                  )}
                  {d.type === 'networkError' && (
                    <label className="vm-sim-field vm-sim-field-wide">
                      {t('sim.stubs.message')}
                      <input className="vm-input" value={d.message} onChange={(e) => edit(r.id, (l) => l.map((x, j) => (j === i ? { ...d, message: e.target.value } : x)))} />
                    </label>
                  )}
                  <button type="button" className="vm-icon-button" aria-label={t('sim.stubs.remove')} title={t('sim.stubs.remove')} onClick={() => edit(r.id, (l) => l.filter((_, j) => j !== i))}>
                    ×
                  </button>
                </li>
              ))}
            </ol>
            <div className="vm-sim-stub-actions">
              <button type="button" className="vm-link-button" onClick={() => edit(r.id, (l) => [...l, newResponse()])} data-testid="stub-add">
                + {t('sim.stubs.add')}
              </button>
              {list.length > 0 && (
                <button type="button" className="vm-link-button" onClick={() => edit(r.id, () => [])}>
                  {t('sim.stubs.clear')}
                </button>
              )}
            </div>
          </section>
        );
      })}
    </div>
  );
}
