/** Who may deploy to which environment: a checkbox per user and environment, saved per user. */
import { useState } from 'react';
import { useSectionText } from '../text.js';
import { deployApi } from './api.js';
import { text } from './text.js';
import { messageOf, useLoad } from './use-load.js';

export function RightsView() {
  const t = useSectionText(text);
  const loaded = useLoad(() => Promise.all([deployApi.rights(), deployApi.matrix()]), []);
  const [edits, setEdits] = useState<Record<number, string[]>>({});
  const [status, setStatus] = useState<Record<number, string>>({});
  if (loaded.error) return <p className="vm-error">{loaded.error}</p>;
  if (!loaded.data) return <p className="vm-muted">{t('loading')}</p>;
  const [users, matrix] = loaded.data;
  const envs = matrix.environments;
  const save = async (userId: number) => {
    try {
      await deployApi.setRights(userId, edits[userId]!);
      setStatus({ ...status, [userId]: t('saved') });
      setEdits(({ [userId]: _, ...rest }) => rest);
      loaded.reload();
    } catch (e) {
      setStatus({ ...status, [userId]: messageOf(e) });
    }
  };
  return (
    <section data-testid="deploy-rights">
      <h2>{t('rightsTitle')}</h2>
      <p className="vm-hint">{t('rightsHelp')}</p>
      <table className="vm-console-deployments-table">
        <thead><tr><th>{t('user')}</th><th>{t('role')}</th>{envs.map((e) => <th key={e.name}>{e.name}</th>)}<th /></tr></thead>
        <tbody>
          {users.map((u) => {
            const id = u.userId!;
            const current = edits[id] ?? u.environments ?? [];
            return (
              <tr key={id} data-testid={`rights-${u.username}`}>
                <td>{u.username}</td>
                <td>{u.role}</td>
                {envs.map((e) => (
                  <td key={e.name}>
                    <input type="checkbox" aria-label={`${u.username} ${e.name}`} checked={current.includes(e.name)} disabled={u.role !== 'admin' || !e.mayDeploy}
                      title={u.role !== 'admin' ? t('onlyAdmins') : e.mayDeploy ? undefined : t('mayNot', { env: e.name })}
                      onChange={(ev) => setEdits({ ...edits, [id]: envs.map((x) => x.name).filter((n) => (n === e.name ? ev.target.checked : current.includes(n))) })}
                      data-testid={`rights-${u.username}-${e.name}`} />
                  </td>
                ))}
                <td>
                  <button type="button" className="vm-button" disabled={!edits[id]} onClick={() => save(id)} data-testid={`rights-save-${u.username}`}>{t('save')}</button>
                  {status[id] && <span className="vm-muted"> {status[id]}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
