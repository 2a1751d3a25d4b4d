import { useEffect, useState, type ReactNode } from 'react';
import type { Diagnostic } from '@voiceman/compiler';
import { ApiError } from '../../api/client.js';
import { useT } from '../i18n.js';
import { Modal } from '../Modal.js';
import { DiagnosticButton } from './DiagnosticsPanel.js';

/**
 * Publishing needs a note and an error-free flow; the server recompiles and may still refuse.
 * Errors jump to their node (closing the dialog); an unchanged machine (409 `no_change`) is
 * said so, with "publish anyway" beside cancel.
 */
export function PublishDialog(props: {
  errors: Diagnostic[];
  onPublish(note: string, allowSame: boolean): Promise<void>;
  onClose(): void;
  /** More checks shown in the dialog (the scenario run), and whether they block publishing. */
  children?: ReactNode;
  extraBlocked?: boolean;
  /** A note written from the changes since the newest version; fills the field while it is empty. */
  suggestedNote?: string;
}) {
  const t = useT();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [unchangedSince, setUnchangedSince] = useState<number | undefined>();
  const suggested = props.suggestedNote;
  useEffect(() => {
    if (suggested) setNote((n) => (n === '' ? suggested : n));
  }, [suggested]);
  const blocked = props.errors.length > 0;
  return (
    <Modal title={t('publish.title')} onClose={props.onClose} testId="publish-dialog">
      {blocked ? (
        <>
          <p className="vm-error" data-testid="publish-blocked">
            {t('publish.blocked')}
          </p>
          <p className="vm-muted">{t('publish.jumpHint')}</p>
          <ul className="vm-diagnostic-list" data-testid="publish-errors">
            {props.errors.map((d, i) => (
              <li key={i}>
                <DiagnosticButton d={d} onJump={props.onClose} />
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
      {unchangedSince !== undefined && (
        <p className="vm-warning" data-testid="publish-unchanged">
          {t('publish.unchanged', { n: unchangedSince })}
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
              await props.onPublish(note, unchangedSince !== undefined);
            } catch (err) {
              if (err instanceof ApiError && err.code === 'no_change') setUnchangedSince(Number(err.details.number));
              else setFailure(err instanceof Error ? err.message : String(err));
            } finally {
              setBusy(false);
            }
          }}
        >
          {unchangedSince !== undefined ? t('publish.anyway') : t('publish.submit')}
        </button>
      </div>
    </Modal>
  );
}
