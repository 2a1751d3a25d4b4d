import { useState } from 'react';
import { api, ApiError, type User } from '../api/client.js';
import { useT } from './i18n.js';
import { LangSwitch } from './LangSwitch.js';

export function Login({ onLogin }: { onLogin(user: User): void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [failed, setFailed] = useState<'login.failed' | 'login.disabled'>();
  return (
    <div className="vm-login">
      <form
        className="vm-login-box"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            onLogin(await api.login(username, password));
          } catch (err) {
            // A disabled account is said so (only after the right password: guessers learn nothing).
            setFailed(err instanceof ApiError && err.code === 'user_disabled' ? 'login.disabled' : 'login.failed');
          }
        }}
      >
        <h1>{t('app.title')}</h1>
        <label className="vm-field">
          <span className="vm-field-label">{t('login.username')}</span>
          <input className="vm-input" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        </label>
        <label className="vm-field">
          <span className="vm-field-label">{t('login.password')}</span>
          <input className="vm-input" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {failed && <p className="vm-error" role="alert">{t(failed)}</p>}
        <div className="vm-actions">
          <LangSwitch />
          <button type="submit" className="vm-button vm-primary" data-testid="login-submit">
            {t('login.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
