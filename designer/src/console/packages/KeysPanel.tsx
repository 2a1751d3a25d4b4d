/** The installation's public key, the signature setting and the trusted keys. */
import { useCallback, useEffect, useState } from 'react';
import { useSectionText } from '../text.js';
import { packagesApi, type Installation, type TrustedKey } from './api.js';
import { text } from './text.js';

export function KeysPanel({ onError }: { onError(err: unknown): void }) {
  const t = useSectionText(text);
  const [inst, setInst] = useState<Installation>();
  const [keys, setKeys] = useState<TrustedKey[]>([]);
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const load = useCallback(async () => {
    try {
      const [i, k] = await Promise.all([packagesApi.installation(), packagesApi.trustedKeys()]);
      setInst(i);
      setKeys(k);
    } catch (err) {
      onError(err);
    }
  }, [onError]);
  useEffect(() => void load(), [load]);
  const act = (fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
      await load();
    } catch (err) {
      onError(err);
    }
  };
  if (!inst) return <p className="vm-muted">{t('loading')}</p>;
  return (
    <section className="vm-console-packages-panel" data-testid="packages-keys">
      <h2>{t('installation')}</h2>
      <dl className="vm-console-packages-facts">
        <dt>{t('installationId')}</dt><dd>{inst.installationId}</dd>
        <dt>{t('fingerprint')}</dt><dd data-testid="packages-fingerprint">{inst.fingerprint}</dd>
      </dl>
      <label className="vm-field-label">{t('publicKey')}</label>
      <input className="vm-input vm-console-packages-key" readOnly value={inst.publicKey} data-testid="packages-public-key" onFocus={(e) => e.currentTarget.select()} />
      <label className="vm-console-packages-check">
        <input type="checkbox" checked={inst.requireSignature} data-testid="packages-require-signature" onChange={(e) => void act(() => packagesApi.setRequireSignature(e.target.checked))()} />
        {t('requireSignature')}
      </label>
      <h2>{t('trusted')}</h2>
      {keys.length === 0 ? <p className="vm-muted">{t('noTrusted')}</p> : (
        <table className="vm-console-packages-table">
          <thead><tr><th>{t('name')}</th><th>{t('fingerprint')}</th><th>{t('addedBy')}</th><th /></tr></thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} data-testid={`packages-trusted-${k.name}`}>
                <td>{k.name}</td><td>{k.fingerprint}</td><td>{k.addedBy} · {new Date(k.addedAt).toLocaleDateString()}</td>
                <td><button type="button" className="vm-button" onClick={act(() => packagesApi.distrust(k.id))}>{t('remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="vm-console-packages-row">
        <input className="vm-input" placeholder={t('keyName')} aria-label={t('keyName')} value={name} onChange={(e) => setName(e.target.value)} data-testid="packages-key-name" />
        <input className="vm-input vm-console-packages-key" placeholder={t('keyValue')} aria-label={t('keyValue')} value={publicKey} onChange={(e) => setPublicKey(e.target.value)} data-testid="packages-key-value" />
        <button type="button" className="vm-button" disabled={!name.trim() || !publicKey.trim()} data-testid="packages-key-add"
          onClick={act(async () => { await packagesApi.trust(name.trim(), publicKey.trim()); setName(''); setPublicKey(''); })}>{t('add')}</button>
      </div>
    </section>
  );
}
