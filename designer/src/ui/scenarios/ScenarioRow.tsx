/** One stored scenario in the panel: name, last result, its first difference when it failed, actions. */
import { useState } from 'react';
import type { MessageKey } from '../../i18n/messages.js';
import type { ScenarioDifference } from '@voiceman/simulator';
import type { StoredScenario } from '../../scenarios/api.js';
import { differenceText } from '../../scenarios/difference.js';
import { useT } from '../i18n.js';

export interface RowResult {
  passed: boolean;
  difference?: ScenarioDifference;
}

export function DifferenceView({ difference, onOpen }: { difference: ScenarioDifference; onOpen?: () => void }) {
  const t = useT();
  const d = differenceText(difference);
  return (
    <div className="vm-scn-diff" title={d.message} data-testid="scn-diff" data-kind={d.kind} data-step={d.step}>
      <div className="vm-scn-diff-head">
        <b>{t('scn.diff.step', { step: d.step })}</b> · {t(`scn.diff.kind.${d.kind}` as MessageKey)}
      </div>
      <dl>
        <dt>{t('scn.diff.expected')}</dt>
        <dd data-testid="scn-diff-expected">{d.expected}</dd>
        <dt>{t('scn.diff.actual')}</dt>
        <dd data-testid="scn-diff-actual">{d.actual}</dd>
      </dl>
      {onOpen && (
        <button type="button" className="vm-link-button" onClick={onOpen} data-testid="scn-open">
          {t('scn.open', { step: d.step })}
        </button>
      )}
    </div>
  );
}

export function ScenarioRow(props: {
  item: StoredScenario;
  result: RowResult | null;
  busy: boolean;
  onRun(): void;
  onOpen(step: number): void;
  onSave(change: { name: string; description: string }): Promise<void>;
  onDelete(): void;
  onExport(): void;
}) {
  const t = useT();
  const { item, result } = props;
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.name);
  const [description, setDescription] = useState(item.scenario.description ?? '');
  const [error, setError] = useState<string | undefined>();
  const state = result === null ? 'never' : result.passed ? 'passed' : 'failed';
  return (
    <li className={`vm-scn-row vm-scn-${state}`} data-testid="scn-row" data-name={item.name} data-result={state}>
      <div className="vm-scn-row-head">
        <span className={`vm-scn-badge vm-scn-badge-${state}`} data-testid="scn-result">
          {t(state === 'never' ? 'scn.last.never' : state === 'passed' ? 'scn.last.passed' : 'scn.last.failed')}
        </span>
        <b className="vm-scn-name" title={item.scenario.description}>
          {item.name}
        </b>
        <span className="vm-muted">{t('scn.steps', { n: item.scenario.steps.length })}</span>
        <span className="vm-scn-actions">
          <button type="button" className="vm-link-button" disabled={props.busy} onClick={props.onRun} data-testid="scn-run-one">
            {t('scn.runOne')}
          </button>
          <button type="button" className="vm-link-button" onClick={() => setEditing((e) => !e)} data-testid="scn-edit">
            {t('scn.edit')}
          </button>
          <button type="button" className="vm-link-button" onClick={props.onExport} data-testid="scn-export">
            {t('scn.export')}
          </button>
          <button type="button" className="vm-link-button vm-danger" onClick={props.onDelete} data-testid="scn-delete">
            {t('scn.delete')}
          </button>
        </span>
      </div>
      {item.scenario.description && !editing && <p className="vm-muted vm-scn-description">{item.scenario.description}</p>}
      {editing && (
        <form
          className="vm-scn-edit"
          onSubmit={(e) => {
            e.preventDefault();
            setError(undefined);
            props.onSave({ name, description }).then(
              () => setEditing(false),
              (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
            );
          }}
        >
          <label className="vm-field">
            <span className="vm-field-label">{t('scn.save.name')}</span>
            <input className="vm-input" value={name} required onChange={(e) => setName(e.target.value)} data-testid="scn-edit-name" />
          </label>
          <label className="vm-field">
            <span className="vm-field-label">{t('scn.save.description')}</span>
            <textarea className="vm-input" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="scn-edit-description" />
          </label>
          {error && <p className="vm-error">{error}</p>}
          <div className="vm-actions">
            <button type="button" className="vm-button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="vm-button vm-primary" data-testid="scn-edit-save">
              {t('scn.save.submit')}
            </button>
          </div>
        </form>
      )}
      {result && !result.passed && result.difference && <DifferenceView difference={result.difference} onOpen={() => props.onOpen(result.difference!.step)} />}
    </li>
  );
}
