/**
 * "Save as scenario" in the Simulate panel: asks for a name (and a description), records the
 * panel's run with the simulator's recorder and saves it to the process on the server.
 */
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { MessageKey } from '../../i18n/messages.js';
import { scenariosApi } from '../../scenarios/api.js';
import { canSave, nameProblem, scenarioFromRun } from '../../scenarios/record.js';
import { useT } from '../i18n.js';
import { Modal } from '../Modal.js';
import { useSim } from '../simulate/sim-context.js';

const problemKey: Record<string, MessageKey> = { empty: 'scn.name.empty', tooLong: 'scn.name.tooLong', taken: 'scn.name.taken' };

export function SaveScenario(props: { processKey: string; onSaved(name: string): void }) {
  const t = useT();
  const view = useSim((s) => s.view);
  const busy = useSim((s) => s.busy);
  const settings = useSim((s) => s.settings);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  if (!canSave(view)) return null;

  const submit = async () => {
    const problem = nameProblem(name);
    if (problem) return setError(t(problemKey[problem]!));
    setSaving(true);
    setError(undefined);
    try {
      const scenario = scenarioFromRun({ view, processKey: props.processKey, language: settings.language, input: settings.input }, name, description);
      await scenariosApi.create(props.processKey, scenario);
      setOpen(false);
      setName('');
      setDescription('');
      props.onSaved(scenario.name);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'scenario_name_taken' ? t('scn.name.taken') : err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <button type="button" className="vm-button" disabled={busy} onClick={() => setOpen(true)} data-testid="scn-save">
        {t('scn.save')}
      </button>
      {open && (
        <Modal title={t('scn.save.title')} onClose={() => setOpen(false)} testId="scn-save-dialog">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <p className="vm-muted">{t('scn.save.hint')}</p>
            <label className="vm-field">
              <span className="vm-field-label">{t('scn.save.name')}</span>
              <input className="vm-input" value={name} autoFocus onChange={(e) => {
                  setName(e.target.value);
                  setError(undefined);
                }}
                data-testid="scn-save-name" />
            </label>
            <label className="vm-field">
              <span className="vm-field-label">{t('scn.save.description')}</span>
              <textarea className="vm-input" rows={2} value={description} onChange={(e) => setDescription(e.target.value)} data-testid="scn-save-description" />
            </label>
            {error && (
              <p className="vm-error" role="alert" data-testid="scn-save-error">
                {error}
              </p>
            )}
            <div className="vm-actions">
              <button type="button" className="vm-button" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="vm-button vm-primary" disabled={saving} data-testid="scn-save-submit">
                {t('scn.save.submit')}
              </button>
            </div>
          </form>
        </Modal>
      )}
    </>
  );
}
