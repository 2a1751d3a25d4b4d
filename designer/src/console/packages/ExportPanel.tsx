/** Choose versions, download them (with their subflows and reference revisions) as one package. */
import { useEffect, useState } from 'react';
import { api, type ProcessSummary, type VersionSummary } from '../../api/client.js';
import { useSectionText } from '../text.js';
import { packagesApi, type VersionRef } from './api.js';
import { addVersion, packageFileName, refLabel, removeVersion } from './model.js';
import { text } from './text.js';

function download(name: string, body: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(body)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ExportPanel({ onError }: { onError(err: unknown): void }) {
  const t = useSectionText(text);
  const [processes, setProcesses] = useState<ProcessSummary[]>([]);
  const [key, setKey] = useState('');
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [number, setNumber] = useState<number>();
  const [chosen, setChosen] = useState<VersionRef[]>([]);
  const [sign, setSign] = useState(true);
  const [done, setDone] = useState<string>();
  useEffect(() => {
    api.listProcesses().then((list) => setProcesses(list.filter((p) => p.latestVersion != null)), onError);
  }, [onError]);
  useEffect(() => {
    setVersions([]);
    setNumber(undefined);
    if (key) api.listVersions(key).then((v) => { setVersions(v); setNumber(v[0]?.number); }, onError);
  }, [key, onError]);
  const exportNow = async () => {
    try {
      const pkg = await packagesApi.exportPackage(chosen, sign);
      const file = packageFileName(chosen, new Date());
      download(file, pkg);
      setDone(file);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <section className="vm-console-packages-panel" data-testid="packages-export">
      <h2>{t('export')}</h2>
      <div className="vm-console-packages-row">
        <select className="vm-input" aria-label={t('process')} value={key} onChange={(e) => setKey(e.target.value)} data-testid="packages-export-process">
          <option value="">{t('process')}…</option>
          {processes.map((p) => <option key={p.key} value={p.key}>{p.name} ({p.key})</option>)}
        </select>
        <select className="vm-input" aria-label={t('version')} value={number ?? ''} onChange={(e) => setNumber(Number(e.target.value))} data-testid="packages-export-version">
          {versions.map((v) => <option key={v.number} value={v.number}>{v.number}{v.note ? ` — ${v.note}` : ''}</option>)}
        </select>
        <button type="button" className="vm-button" disabled={!key || number === undefined} data-testid="packages-export-add"
          onClick={() => number !== undefined && setChosen((c) => addVersion(c, { processKey: key, number }))}>{t('choose')}</button>
      </div>
      <p className="vm-muted">{t('chosen')}</p>
      {chosen.length === 0 ? <p className="vm-muted">{t('nothingChosen')}</p> : (
        <ul className="vm-console-packages-chosen">
          {chosen.map((r) => (
            <li key={refLabel(r)}>{refLabel(r)} <button type="button" className="vm-link-button" onClick={() => setChosen((c) => removeVersion(c, r))}>×</button></li>
          ))}
        </ul>
      )}
      <label className="vm-console-packages-check"><input type="checkbox" checked={sign} onChange={(e) => setSign(e.target.checked)} />{t('sign')}</label>
      <button type="button" className="vm-button vm-primary" disabled={chosen.length === 0} onClick={() => void exportNow()} data-testid="packages-export-download">{t('download')}</button>
      {done && <p className="vm-muted" data-testid="packages-exported">{t('exported', { file: done })}</p>}
    </section>
  );
}
