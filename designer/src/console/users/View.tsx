/** Users and sessions: create (one-time password), roles, disable/enable, password reset, sessions. */
import { useState } from 'react';
import type { ManagedUser } from '@voiceman/server/api-types';
import type { Role } from '../../api/client.js';
import { Modal } from '../../ui/Modal.js';
import { useLang } from '../../ui/i18n.js';
import { ErrorLine, localTime, useAction, useResource } from '../admin-ui.js';
import type { SectionProps } from '../sections.js';
import { useSectionText } from '../text.js';
import { usersApi } from './api.js';
import { locked, newUserProblems } from './rules.js';
import { usersText } from './text.js';

const ROLES: Role[] = ['designer', 'tester', 'admin'];
type Dialog = { kind: 'disable' | 'sessions'; user: ManagedUser } | { kind: 'password'; user: ManagedUser; password: string };

export function UsersView({ user: me }: SectionProps) {
  const t = useSectionText(usersText);
  const { lang } = useLang();
  const users = useResource(usersApi.list, 'users');
  const action = useAction();
  const [dialog, setDialog] = useState<Dialog>();
  const act = async (fn: () => Promise<unknown>) => (await action.run(fn)) && users.reload();
  const all = users.data ?? [];
  return (
    <section data-testid="users">
      <NewUser onCreated={users.reload} />
      <ErrorLine error={users.error ?? action.error} testId="users-error" />
      <table className="vm-console-admin-table">
        <thead><tr><th>{t('username')}</th><th>{t('role')}</th><th>{t('state')}</th><th>{t('sessions')}</th><th>{t('created')}</th><th /></tr></thead>
        <tbody>
          {all.map((u) => {
            const lock = locked(u, me.username, all);
            return (
              <tr key={u.id} data-testid={`users-row-${u.username}`}>
                <td>{u.username}{lock && <div className="vm-muted">{t(lock === 'self' ? 'self' : 'lastAdmin')}</div>}</td>
                <td>
                  <select className="vm-input" value={u.role} disabled={lock !== undefined || action.busy} onChange={(e) => void act(() => usersApi.setRole(u.id, e.target.value as Role))} data-testid="users-role">
                    {ROLES.map((r) => <option key={r} value={r}>{t(r)}</option>)}
                  </select>
                </td>
                <td>
                  {u.disabledAt ? t('disabled', { by: u.disabledBy ?? '' }) : t('active')}
                  {u.mustChangePassword && <div className="vm-muted">{t('mustChange')}</div>}
                </td>
                <td><button type="button" className="vm-link-button" onClick={() => setDialog({ kind: 'sessions', user: u })}>{u.sessions}</button></td>
                <td>{localTime(u.createdAt, lang)}</td>
                <td>
                  {u.disabledAt
                    ? <button type="button" className="vm-link-button" onClick={() => void act(() => usersApi.enable(u.id))} data-testid="users-enable">{t('enable')}</button>
                    : <button type="button" className="vm-link-button vm-danger" disabled={lock !== undefined} onClick={() => setDialog({ kind: 'disable', user: u })} data-testid="users-disable">{t('disable')}</button>}{' '}
                  <button type="button" className="vm-link-button" disabled={lock === 'self'} data-testid="users-reset"
                    onClick={() => void action.run(async () => { const r = await usersApi.resetPassword(u.id); setDialog({ kind: 'password', user: u, password: r.password }); users.reload(); })}>
                    {t('reset')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {dialog?.kind === 'password' && (
        <Modal title={t('resetTitle', { name: dialog.user.username })} onClose={() => setDialog(undefined)} testId="users-password">
          <p className="vm-console-users-password" data-testid="users-new-password">{dialog.password}</p>
          <p className="vm-muted">{t('resetHint', { name: dialog.user.username })}</p>
          <div className="vm-actions"><button type="button" className="vm-button vm-primary" onClick={() => setDialog(undefined)}>{t('close')}</button></div>
        </Modal>
      )}
      {dialog?.kind === 'disable' && (
        <Modal title={t('disable')} onClose={() => setDialog(undefined)}>
          <p>{t('disableConfirm', { name: dialog.user.username })}</p>
          <div className="vm-actions">
            <button type="button" className="vm-button" onClick={() => setDialog(undefined)}>{t('cancel')}</button>
            <button type="button" className="vm-button vm-danger-button" data-testid="users-disable-confirm" onClick={() => (setDialog(undefined), void act(() => usersApi.disable(dialog.user.id)))}>{t('disable')}</button>
          </div>
        </Modal>
      )}
      {dialog?.kind === 'sessions' && <Sessions user={dialog.user} onClose={() => (setDialog(undefined), users.reload())} />}
    </section>
  );
}

function NewUser({ onCreated }: { onCreated(): void }) {
  const t = useSectionText(usersText);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('designer');
  const action = useAction();
  const problems = newUserProblems(username, password);
  return (
    <form className="vm-console-admin-bar" onSubmit={async (e) => {
      e.preventDefault();
      if (await action.run(() => usersApi.create(username, password, role))) (setUsername(''), setPassword(''), onCreated());
    }}>
      <strong>{t('newUser')}</strong>
      <label>{t('username')}<input className="vm-input" value={username} onChange={(e) => setUsername(e.target.value)} data-testid="users-new-name" /></label>
      <label>{t('password')}<input className="vm-input" type="text" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="users-new-password-input" /></label>
      <label>{t('role')}
        <select className="vm-input" value={role} onChange={(e) => setRole(e.target.value as Role)}>{ROLES.map((r) => <option key={r} value={r}>{t(r)}</option>)}</select>
      </label>
      <button type="submit" className="vm-button vm-primary" disabled={problems.length > 0 || action.busy} data-testid="users-create">{t('create')}</button>
      {username && problems.map((p) => <span key={p} className="vm-muted">{t(p)}</span>)}
      <ErrorLine error={action.error} />
    </form>
  );
}

function Sessions({ user, onClose }: { user: ManagedUser; onClose(): void }) {
  const t = useSectionText(usersText);
  const { lang } = useLang();
  const sessions = useResource(() => usersApi.sessions(user.id), `sessions-${user.id}`);
  const action = useAction();
  const end = async (fn: () => Promise<unknown>) => (await action.run(fn)) && sessions.reload();
  return (
    <Modal title={t('sessionsOf', { name: user.username })} onClose={onClose} testId="users-sessions">
      <ErrorLine error={sessions.error ?? action.error} />
      {sessions.data?.length === 0 ? <p className="vm-empty">{t('noSessions')}</p> : (
        <table className="vm-console-admin-table">
          <thead><tr><th>{t('startedAt')}</th><th>{t('expiresAt')}</th><th>{t('address')}</th><th /></tr></thead>
          <tbody>
            {sessions.data?.map((s) => (
              <tr key={s.id}>
                <td>{localTime(s.createdAt, lang)}</td><td>{localTime(s.expiresAt, lang)}</td><td>{s.address ?? ''}</td>
                <td>{s.current ? <span className="vm-muted">{t('current')}</span> : <button type="button" className="vm-link-button" onClick={() => void end(() => usersApi.endSession(user.id, s.id))}>{t('endSession')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="vm-actions">
        <button type="button" className="vm-button vm-danger-button" disabled={!sessions.data?.length || sessions.data.some((s) => s.current)} onClick={() => void end(() => usersApi.endAll(user.id))}>{t('endAll')}</button>
        <button type="button" className="vm-button vm-primary" onClick={onClose}>{t('close')}</button>
      </div>
    </Modal>
  );
}
