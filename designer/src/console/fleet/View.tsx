/** The terminal fleet: per site, what is deployed and what each terminal last reported; register (pairing code + QR), rename, revoke. */
import { useState } from 'react';
import type { FleetSite, FleetTerminal } from '@voiceman/server/api-types';
import { Modal } from '../../ui/Modal.js';
import { useLang } from '../../ui/i18n.js';
import { ErrorLine, localTime, useAction, useResource } from '../admin-ui.js';
import { useSectionText } from '../text.js';
import { fleetApi, type PairingCode } from './api.js';
import { machineLines, minutesAgo, seen, siteCounts } from './summary.js';
import { fleetText } from './text.js';

type Dialog = { kind: 'register'; site: FleetSite } | { kind: 'paired'; code: PairingCode; site: FleetSite } | { kind: 'rename'; terminal: FleetTerminal } | { kind: 'revoke'; terminal: FleetTerminal };

export function FleetView() {
  const t = useSectionText(fleetText);
  const sites = useResource(fleetApi.sites, 'fleet', 30_000);
  const [dialog, setDialog] = useState<Dialog>();
  const now = Date.now();
  return (
    <section data-testid="fleet">
      <div className="vm-console-admin-bar">
        <button type="button" className="vm-button" onClick={sites.reload}>{t('refresh')}</button>
      </div>
      <ErrorLine error={sites.error} />
      {sites.data?.map((site) => {
        const c = siteCounts(site, now);
        return (
          <div key={site.id} data-testid={`fleet-site-${site.id}`}>
            <h2>{site.name} <span className="vm-muted">({site.id}, {site.environment})</span></h2>
            <p className="vm-muted">
              {t('deployed')}: {site.deployments.length ? site.deployments.map((d) => `${d.processKey} v${d.versionNumber}`).join(', ') : t('nothingDeployed')} · {t('counts', c)}
            </p>
            <button type="button" className="vm-button" onClick={() => setDialog({ kind: 'register', site })} data-testid={`fleet-register-${site.id}`}>{t('register')}</button>
            {site.terminals.length === 0 ? <p className="vm-empty">{t('noTerminals')}</p> : <TerminalTable terminals={site.terminals} now={now} onDialog={setDialog} />}
          </div>
        );
      })}
      {dialog && <FleetDialog dialog={dialog} onDialog={setDialog} onChanged={sites.reload} />}
    </section>
  );
}

function TerminalTable({ terminals, now, onDialog }: { terminals: FleetTerminal[]; now: number; onDialog(d: Dialog): void }) {
  const t = useSectionText(fleetText);
  const { lang } = useLang();
  return (
    <table className="vm-console-admin-table">
      <thead>
        <tr>
          <th>{t('name')}</th><th>{t('lastSeen')}</th><th>{t('versions')}</th><th>{t('machines')}</th><th>{t('operator')}</th><th>{t('state')}</th><th>{t('queue')}</th><th>{t('battery')}</th><th>{t('actions')}</th>
        </tr>
      </thead>
      <tbody>
        {terminals.map((term) => {
          const s = seen(term.lastSeenAt, now);
          return (
            <tr key={term.id} data-testid="fleet-terminal" data-skew={term.skew ? 'true' : 'false'}>
              <td>{term.name}</td>
              <td className={s === 'recent' ? '' : 'vm-console-fleet-stale'} title={localTime(term.lastSeenAt, lang)}>
                {term.lastSeenAt === null ? t('never') : t('minutesAgo', { n: minutesAgo(term.lastSeenAt, now) })}
              </td>
              <td>{[term.shellVersion, term.webVersion, term.runtimeVersion].map((v) => v ?? '—').join(' / ')}</td>
              <td>
                {machineLines(term).map((m) => (
                  <div key={m.text} className={m.skew ? 'vm-console-fleet-skew' : ''} title={m.skew ? t('skewTitle') : undefined}>{m.text}</div>
                ))}
                {term.missing.length > 0 && <div className="vm-console-fleet-skew">{t('missing', { keys: term.missing.join(', ') })}</div>}
              </td>
              <td>{term.operatorId ?? ''}</td>
              <td>{[term.processKey, term.state].filter(Boolean).join(' · ')}</td>
              <td>{term.queue ? `${term.queue.backlog}${term.queue.rejected ? ` (+${term.queue.rejected} ✗)` : ''}` : ''}</td>
              <td>{term.battery ? `${Math.round(term.battery.level)}%${term.battery.charging ? ` ${t('charging')}` : ''}` : ''}</td>
              <td>
                <button type="button" className="vm-link-button" onClick={() => onDialog({ kind: 'rename', terminal: term })}>{t('rename')}</button>{' '}
                <button type="button" className="vm-link-button vm-danger" onClick={() => onDialog({ kind: 'revoke', terminal: term })}>{t('revoke')}</button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function FleetDialog({ dialog, onDialog, onChanged }: { dialog: Dialog; onDialog(d: Dialog | undefined): void; onChanged(): void }) {
  const t = useSectionText(fleetText);
  const { lang } = useLang();
  const action = useAction();
  const [name, setName] = useState(dialog.kind === 'rename' ? dialog.terminal.name : '');
  const close = () => onDialog(undefined);
  const done = () => (onChanged(), close());
  if (dialog.kind === 'paired') {
    return (
      <Modal title={t('pairTitle', { site: dialog.site.name })} onClose={close} testId="fleet-paired">
        <p className="vm-console-fleet-code" data-testid="fleet-pairing-code">{dialog.code.code}</p>
        <p className="vm-console-fleet-qr"><img alt={dialog.code.pairUrl} src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(dialog.code.qr)}`} /></p>
        <p className="vm-muted">{t('pairHint', { at: localTime(dialog.code.expiresAt, lang) })}</p>
        <p className="vm-mono">{dialog.code.pairUrl}</p>
        <div className="vm-actions"><button type="button" className="vm-button vm-primary" onClick={done}>{t('close')}</button></div>
      </Modal>
    );
  }
  if (dialog.kind === 'revoke') {
    return (
      <Modal title={t('revoke')} onClose={close}>
        <p>{t('revokeConfirm', { name: dialog.terminal.name })}</p>
        <ErrorLine error={action.error} />
        <div className="vm-actions">
          <button type="button" className="vm-button" onClick={close}>{t('cancel')}</button>
          <button type="button" className="vm-button vm-danger-button" disabled={action.busy} onClick={async () => (await action.run(() => fleetApi.revoke(dialog.terminal.id))) && done()}>{t('revoke')}</button>
        </div>
      </Modal>
    );
  }
  const submit = async () => {
    if (dialog.kind === 'rename') {
      if (await action.run(() => fleetApi.rename(dialog.terminal.id, name.trim()))) done();
    } else {
      let code: PairingCode | undefined;
      if (await action.run(async () => (code = await fleetApi.pairingCode(dialog.site.id, name.trim())))) onDialog({ kind: 'paired', code: code!, site: dialog.site });
    }
  };
  return (
    <Modal title={dialog.kind === 'rename' ? t('rename') : t('register')} onClose={close}>
      <form onSubmit={(e) => (e.preventDefault(), void submit())}>
        <label className="vm-field">
          <span className="vm-field-label">{t('newName')}</span>
          <input className="vm-input" value={name} onChange={(e) => setName(e.target.value)} autoFocus maxLength={200} data-testid="fleet-name" />
        </label>
        <ErrorLine error={action.error} />
        <div className="vm-actions">
          <button type="button" className="vm-button" onClick={close}>{t('cancel')}</button>
          <button type="submit" className="vm-button vm-primary" disabled={action.busy || !name.trim()}>{dialog.kind === 'rename' ? t('save') : t('create')}</button>
        </div>
      </form>
    </Modal>
  );
}
