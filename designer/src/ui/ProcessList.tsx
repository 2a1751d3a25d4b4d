/** Processes: search, create, rename, duplicate, delete (confirmed), open. */
import { useCallback, useEffect, useState } from 'react';
import { api, type ProcessSummary, type User } from '../api/client.js';
import { newFlow } from '../graph/new-flow.js';
import { useT } from './i18n.js';
import { LangSwitch } from './LangSwitch.js';
import { Modal } from './Modal.js';
import { LastRunBadge } from './scenarios/LastRunBadge.js';

type Dialog =
  | { type: 'create' }
  | { type: 'rename'; p: ProcessSummary }
  | { type: 'duplicate'; p: ProcessSummary }
  | { type: 'delete'; p: ProcessSummary };

export function ProcessList({
  user,
  navigate,
  onLogout,
  onChangePassword,
}: {
  user: User;
  navigate(path: string): void;
  onLogout(): void;
  onChangePassword(): void;
}) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<ProcessSummary[] | undefined>();
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const canEdit = user.role !== 'tester';

  const reload = useCallback(async () => {
    try {
      setItems(await api.listProcesses(query));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }, [query]);
  useEffect(() => {
    const timer = setTimeout(() => void reload(), 150);
    return () => clearTimeout(timer);
  }, [reload]);

  const open = (d: Dialog) => {
    setError(undefined);
    setDialog(d);
    setKey(d.type === 'duplicate' ? `${d.p.key}-copy` : '');
    setName(d.type === 'rename' || d.type === 'duplicate' ? d.p.name : '');
  };
  const submit = async () => {
    if (!dialog) return;
    try {
      if (dialog.type === 'create') {
        await api.createProcess(key, name, newFlow(key, name));
        setDialog(undefined);
        navigate(`/p/${encodeURIComponent(key)}`);
        return;
      }
      if (dialog.type === 'rename') await api.renameProcess(dialog.p.key, name);
      if (dialog.type === 'duplicate') await api.duplicateProcess(dialog.p.key, key, name);
      if (dialog.type === 'delete') await api.deleteProcess(dialog.p.key);
      setDialog(undefined);
      await reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className="vm-processes">
      <header className="vm-toolbar">
        <h1 className="vm-title">{t('processes.title')}</h1>
        <input className="vm-input vm-search" type="search" placeholder={t('processes.search')} value={query} onChange={(e) => setQuery(e.target.value)} data-testid="process-search" />
        {canEdit && (
          <button type="button" className="vm-button vm-primary" onClick={() => open({ type: 'create' })} data-testid="process-new">
            {t('processes.new')}
          </button>
        )}
        <span className="vm-muted">
          {user.username} ({user.role})
        </span>
        <LangSwitch />
        <button type="button" className="vm-link-button" onClick={onChangePassword} data-testid="change-password">
          {t('password.change')}
        </button>
        <button type="button" className="vm-link-button" onClick={onLogout} data-testid="logout">
          {t('app.logout')}
        </button>
      </header>
      {error && !dialog && <p className="vm-error">{error}</p>}
      {items && items.length === 0 && <p className="vm-empty">{t('processes.empty')}</p>}
      <ul className="vm-process-list" data-testid="process-list">
        {items?.map((p) => (
          <li key={p.key} className="vm-process" data-testid={`process-${p.key}`}>
            <button type="button" className="vm-process-open" onClick={() => navigate(`/p/${encodeURIComponent(p.key)}`)}>
              <b>{p.name}</b> <code className="vm-muted">{p.key}</code>
              {p.latestVersion != null && <span className="vm-chip">{t('processes.version', { n: p.latestVersion })}</span>}
              <LastRunBadge run={p.lastScenarioRun} />
              <span className="vm-muted vm-process-meta">{t('processes.updated', { when: new Date(p.updatedAt).toLocaleString(), who: p.updatedBy })}</span>
            </button>
            {canEdit && (
              <span className="vm-process-actions">
                <button type="button" className="vm-link-button" onClick={() => open({ type: 'rename', p })}>
                  {t('processes.rename')}
                </button>
                <button type="button" className="vm-link-button" onClick={() => open({ type: 'duplicate', p })}>
                  {t('processes.duplicate')}
                </button>
                <button type="button" className="vm-link-button vm-danger" onClick={() => open({ type: 'delete', p })} data-testid={`process-delete-${p.key}`}>
                  {t('processes.delete')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      {dialog && (
        <Modal
          title={t(dialog.type === 'create' ? 'processes.new' : dialog.type === 'rename' ? 'processes.rename' : dialog.type === 'duplicate' ? 'processes.duplicate' : 'processes.delete')}
          onClose={() => setDialog(undefined)}
          testId="process-dialog"
        >
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            {dialog.type === 'delete' ? (
              <p>{t('processes.confirmDelete', { name: dialog.p.name })}</p>
            ) : (
              <>
                {(dialog.type === 'create' || dialog.type === 'duplicate') && (
                  <label className="vm-field">
                    <span className="vm-field-label">{dialog.type === 'duplicate' ? t('processes.copyKey') : t('processes.key')}</span>
                    <input className="vm-input" value={key} pattern="[a-z0-9][a-z0-9_\-]*" required autoFocus onChange={(e) => setKey(e.target.value)} data-testid="process-key" />
                  </label>
                )}
                <label className="vm-field">
                  <span className="vm-field-label">{dialog.type === 'rename' ? t('processes.newName') : t('processes.name')}</span>
                  <input className="vm-input" value={name} required onChange={(e) => setName(e.target.value)} data-testid="process-name" />
                </label>
              </>
            )}
            {error && <p className="vm-error">{error}</p>}
            <div className="vm-actions">
              <button type="button" className="vm-button" onClick={() => setDialog(undefined)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className={`vm-button ${dialog.type === 'delete' ? 'vm-danger-button' : 'vm-primary'}`} data-testid="process-dialog-ok">
                {dialog.type === 'delete' ? t('processes.delete') : t('common.ok')}
              </button>
            </div>
          </form>
        </Modal>
      )}
    </div>
  );
}
