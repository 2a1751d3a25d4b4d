/**
 * Change your own password. Forced (no way out) after signing in with the server's one-time
 * first-start password; otherwise opened from the header and dismissable.
 */
import { useState } from 'react';
import { api, MIN_PASSWORD_LENGTH } from '../api/client.js';
import { passwordErrorProblem, passwordFormProblem, type PasswordProblem } from './change-password.js';
import { useT } from './i18n.js';
import { Modal } from './Modal.js';

export function ChangePasswordDialog({ forced, onChanged, onClose }: { forced: boolean; onChanged(): void; onClose?: () => void }) {
  const t = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<PasswordProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const close = forced ? undefined : onClose;
  return (
    <Modal title={t('password.title')} testId="password-dialog" onClose={close}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const local = passwordFormProblem(current, next, repeat);
          if (local) return setProblem(local);
          setBusy(true);
          try {
            await api.changePassword(current, next);
            onChanged();
          } catch (err) {
            setProblem(passwordErrorProblem(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {forced && <p>{t('password.required')}</p>}
        <label className="vm-field">
          <span className="vm-field-label">{t('password.current')}</span>
          <input className="vm-input" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} autoFocus data-testid="password-current" />
        </label>
        <label className="vm-field">
          <span className="vm-field-label">{t('password.new')}</span>
          <input className="vm-input" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="password-new" />
          <span className="vm-field-hint">{t('password.hint', { min: MIN_PASSWORD_LENGTH })}</span>
        </label>
        <label className="vm-field">
          <span className="vm-field-label">{t('password.repeat')}</span>
          <input className="vm-input" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} data-testid="password-repeat" />
        </label>
        {problem && (
          <p className="vm-error" role="alert" data-testid="password-error">
            {problem.key ? t(problem.key, { min: MIN_PASSWORD_LENGTH }) : problem.text}
          </p>
        )}
        <div className="vm-actions">
          {close && (
            <button type="button" className="vm-button" onClick={close} data-testid="password-cancel">
              {t('password.cancel')}
            </button>
          )}
          <button type="submit" className="vm-button vm-primary" disabled={busy} data-testid="password-submit">
            {t('password.submit')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
