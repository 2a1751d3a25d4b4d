import { useState, type ReactNode } from 'react';
import type { Diagnostic } from '@voiceman/compiler';
import { useT } from '../i18n.js';
import { Modal } from '../Modal.js';

/** Publishing needs a note and an error-free flow; the server recompiles and may still refuse. */
export function PublishDialog(props: {
  errors: Diagnostic[];
  onPublish(note: string): Promise<void>;
  onClose(): void;
  /** More checks shown in the dialog (the scenario run), and whether they block publishing. */
  children?: ReactNode;
  extraBlocked?: boolean;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const blocked = props.errors.length > 0;
  return (
    <Modal title={t('publish.title')} onClose={props.onClose} testId="publish-dialog">
      {blocked ? (
        <>
          <p className="vm-error" data-testid="publish-blocked">
            {t('publish.blocked')}
          </p>
          <ul className="vm-diagnostic-list">
            {props.errors.map((d, i) => (
              <li key={i} className="vm-diagnostic vm-diagnostic-error">
                {d.nodeId && <code>{d.nodeId}</code>} {d.message}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <label className="vm-field">
          <span className="vm-field-label">{t('publish.note')}</span>
          <textarea className="vm-input" rows={3} value={note} data-testid="publish-note" onChange={(e) => setNote(e.target.value)} />
        </label>
      )}
      {props.children}
      {failure && (
        <p className="vm-error" data-testid="publish-failure">
          {failure}
        </p>
      )}
      <div className="vm-actions">
        <button type="button" className="vm-button" onClick={props.onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="vm-button vm-primary"
          disabled={blocked || busy || props.extraBlocked}
          data-testid="publish-submit"
          onClick={async () => {
            setBusy(true);
            setFailure(undefined);
            try {
              await props.onPublish(note);
            } catch (err) {
              setFailure(err instanceof Error ? err.message : String(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          {t('publish.submit')}
        </button>
      </div>
    </Modal>
  );
}
