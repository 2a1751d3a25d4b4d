/**
 * Processes: search, create, rename, duplicate, delete (confirmed; a deployed one explains where
 * it runs and offers an admin the undeploy), open; where each runs, subflows marked, links to the
 * dialog history and the API documentation.
 */
import { useCallback, useEffect, useState } from 'react';
import { isProcessKey } from '@voiceman/compiler';
import { api, type ProcessSummary, type User } from '../api/client.js';
import { newFlow } from '../graph/new-flow.js';
import { formatDateTime } from '../i18n/messages.js';
import { useLang, useT } from './i18n.js';
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
  const { lang } = useLang();
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
  const keyProblem = dialog && (dialog.type === 'create' || dialog.type === 'duplicate') && key !== '' && !isProcessKey(key) ? t('processes.keyRule') : undefined;
  const deployedAt = dialog?.type === 'delete' ? (items?.find((p) => p.key === dialog.p.key) ?? dialog.p).deployments : [];
  const undeploy = async (p: ProcessSummary, siteId: string) => {
    try {
      await api.undeploy(siteId, p.key);
      await reload();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };
  const submit = async () => {
    if (!dialog || keyProblem) return;
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
        <span className="vm-process-links">
          <a href="#/admin" data-testid="link-console">
            {t('processes.console')}
          </a>
          <a href="/history" data-testid="link-history">
            {t('processes.history')}
          </a>
          <a href="/docs" data-testid="link-api-docs">
            {t('processes.apiDocs')}
          </a>
        </span>
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
              {p.subflow && (
                <span className="vm-chip vm-subflow-chip" title={t('processes.subflowHint')} data-testid={`subflow-${p.key}`}>
                  {t('processes.subflow')}
                </span>
              )}
              {p.calledBy.length > 0 && <span className="vm-muted">{t('processes.calledBy', { keys: p.calledBy.join(', ') })}</span>}
              {p.deployments.length > 0 && (
                <span className="vm-muted" data-testid={`deployments-${p.key}`}>
                  {t('processes.runsAt')}{' '}
                  {p.deployments.map((d) => (
                    <span key={d.siteId} className="vm-chip vm-deploy-chip">
                      {t('processes.siteVersion', { site: d.siteId, n: d.versionNumber })}
                    </span>
                  ))}
                </span>
              )}
              <span className="vm-muted vm-process-meta">{t('processes.updated', { when: formatDateTime(lang, p.updatedAt), who: p.updatedBy })}</span>
            </button>
            <a className="vm-link-button" href={`/history?process=${encodeURIComponent(p.key)}`} data-testid={`history-${p.key}`}>
              {t('processes.history')}
            </a>
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
            {dialog.type === 'delete' && deployedAt.length > 0 ? (
              <div data-testid="delete-deployed">
                <p>{t('processes.deployedExplain', { name: dialog.p.name, sites: deployedAt.map((d) => d.siteId).join(', ') })}</p>
                {user.role === 'admin' ? (
                  <div className="vm-actions">
                    {deployedAt.map((d) => (
                      <button key={d.siteId} type="button" className="vm-button" data-testid={`undeploy-${d.siteId}`} onClick={() => void undeploy(dialog.p, d.siteId)}>
                        {t('processes.undeploy', { site: d.siteId })}
                      </button>
                    ))}
                  </div>
                ) : (
                  <p className="vm-muted">{t('processes.undeployAdminOnly')}</p>
                )}
              </div>
            ) : dialog.type === 'delete' ? (
              <p>{t('processes.confirmDelete', { name: dialog.p.name })}</p>
            ) : (
              <>
                {(dialog.type === 'create' || dialog.type === 'duplicate') && (
                  <label className="vm-field">
                    <span className="vm-field-label">{dialog.type === 'duplicate' ? t('processes.copyKey') : t('processes.key')}</span>
                    <input
                      className={`vm-input${keyProblem ? ' is-invalid' : ''}`}
                      value={key}
                      required
                      autoFocus
                      aria-invalid={keyProblem !== undefined}
                      aria-describedby="process-key-rule"
                      onChange={(e) => setKey(e.target.value)}
                      data-testid="process-key"
                    />
                    <span id="process-key-rule" className={keyProblem ? 'vm-error vm-field-hint' : 'vm-field-hint'} data-testid="process-key-rule">
                      {t('processes.keyRule')}
                    </span>
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
              <button
                type="submit"
                className={`vm-button ${dialog.type === 'delete' ? 'vm-danger-button' : 'vm-primary'}`}
                disabled={keyProblem !== undefined || (dialog.type === 'delete' && deployedAt.length > 0)}
                data-testid="process-dialog-ok"
              >
                {dialog.type === 'delete' ? t('processes.delete') : t('common.ok')}
              </button>
            </div>
          </form>
        </Modal>
      )}
    </div>
  );
}
