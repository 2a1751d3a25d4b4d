/**
 * A process's scenarios: the list with each one's last result, a run of all (or one) against
 * the draft or a version with a progress bar while the server runs it, the first difference of
 * each failure (a click opens the Simulate panel at that step), coverage with its canvas toggle,
 * edit, delete, import and export. Logic: `scenarios/`.
 */
import { useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { FlowGraph } from '@voiceman/compiler';
import type { Scenario } from '@voiceman/simulator';
import { ApiError } from '../../api/client.js';
import { parseImportFiles, scenarioFileName } from '../../scenarios/bundle.js';
import type { ScenarioGate } from '../../scenarios/api.js';
import type { ScenariosStore } from '../../scenarios/scenarios-store.js';
import { downloadJson } from '../editor/file-io.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useT } from '../i18n.js';
import { Modal } from '../Modal.js';
import { ScenarioRow, type RowResult } from './ScenarioRow.js';
import './scenarios.css';

export function ScenariosPanel(props: { store: ScenariosStore; graph: FlowGraph; canSetGate: boolean; onOpen(scenario: Scenario, step: number): void }) {
  const t = useT();
  const s = useStore(props.store);
  const file = useRef<HTMLInputElement>(null);
  // Kept as a message key, so it follows a language switch.
  const [notice, setNotice] = useState<{ key: MessageKey; params: Record<string, string | number> } | undefined>();
  const [deleting, setDeleting] = useState<{ id: string; name: string } | undefined>();
  const run = s.run;
  const finished = run && run.status !== 'running' ? run : null;
  const resultOf = (id: string): RowResult | null => {
    const fresh = run?.results.find((r) => r.scenarioId === id);
    if (fresh) return fresh;
    const last = s.items?.find((i) => i.id === id)?.lastResult;
    return last ? { passed: last.passed, ...(last.difference ? { difference: last.difference } : {}) } : null;
  };

  const importFiles = async (files: FileList) => {
    setNotice(undefined);
    const read = await Promise.all([...files].map(async (f) => ({ name: f.name, text: await f.text() })));
    const parsed = parseImportFiles(read, props.graph);
    if (!parsed.ok) return setNotice({ key: 'scn.import.failed', params: { error: parsed.error } });
    try {
      const counts = await s.importScenarios(parsed.scenarios);
      setNotice({ key: 'scn.import.done', params: { ...counts } });
    } catch (err) {
      setNotice({ key: 'scn.import.failed', params: { error: err instanceof Error ? err.message : String(err) } });
    }
  };

  return (
    <section className="vm-scn" data-testid="scn-panel" data-running={s.running}>
      <div className="vm-scn-bar">
        <label className="vm-sim-inline">
          {t('scn.target')}
          <select
            className="vm-input"
            value={String(s.target)}
            onChange={(e) => s.setTarget(e.target.value === 'draft' ? 'draft' : Number(e.target.value))}
            data-testid="scn-target"
          >
            <option value="draft">{t('scn.target.draft')}</option>
            {s.versions.map((n) => (
              <option key={n} value={n}>
                {t('scn.target.version', { n })}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="vm-button vm-primary" disabled={s.running || !s.items?.length} onClick={() => void s.runScenarios()} data-testid="scn-run-all">
          {t('scn.runAll')}
        </button>
        <button type="button" className="vm-button" onClick={() => file.current?.click()} data-testid="scn-import">
          {t('scn.import')}
        </button>
        <input
          ref={file}
          type="file"
          multiple
          accept=".json,application/json"
          hidden
          data-testid="scn-import-file"
          onChange={(e) => {
            const files = e.target.files;
            if (files?.length) void importFiles(files).finally(() => (e.target.value = ''));
          }}
        />
      </div>
      {s.gate && (
        <label className="vm-sim-inline vm-scn-gate" title={props.canSetGate ? undefined : t('scn.gate.adminOnly')}>
          {t('scn.gate')}
          <select
            className="vm-input"
            value={s.gate}
            disabled={!props.canSetGate}
            onChange={(e) => void s.setGate(e.target.value as ScenarioGate)}
            data-testid="scn-gate"
          >
            {(['off', 'warn', 'block'] as const).map((g) => (
              <option key={g} value={g}>
                {t(`scn.gate.${g}`)}
              </option>
            ))}
          </select>
        </label>
      )}

      {run && run.status === 'running' && (
        <div className="vm-scn-progress" data-testid="scn-progress">
          <progress max={Math.max(run.total, 1)} value={run.done} />
          <span>{t('scn.running', { done: run.done, total: run.total })}</span>
        </div>
      )}
      {s.running && !run && <progress className="vm-scn-progress" data-testid="scn-progress" />}
      {finished && (
        <p className={`vm-scn-summary ${finished.failed > 0 || finished.status === 'failed' ? 'vm-error' : 'vm-scn-ok'}`} data-testid="scn-summary" data-passed={finished.passed} data-failed={finished.failed}>
          {finished.status === 'failed' ? t('scn.runFailed', { message: finished.error ?? '' }) : t('scn.summary', { passed: finished.passed, failed: finished.failed })}
        </p>
      )}
      {finished?.coverage && (
        <div className="vm-scn-coverage" data-testid="scn-coverage" data-percent={finished.coverage.percent}>
          <span>{t('scn.coverage', { percent: finished.coverage.percent, covered: finished.coverage.covered, total: finished.coverage.total })}</span>
          <meter min={0} max={100} value={finished.coverage.percent} />
          <label className="vm-sim-inline">
            <input type="checkbox" checked={s.showCoverage} onChange={(e) => s.setShowCoverage(e.target.checked)} data-testid="scn-coverage-toggle" />
            {t('scn.coverage.show')}
          </label>
        </div>
      )}
      {s.error && (
        <p className="vm-error" role="alert" data-testid="scn-error">
          {s.error}
        </p>
      )}
      {notice && (
        <p className="vm-muted" role="status" data-testid="scn-notice">
          {t(notice.key, notice.params)}
        </p>
      )}

      {s.items && s.items.length === 0 && <p className="vm-empty">{t('scn.none')}</p>}
      <ul className="vm-scn-list" data-testid="scn-list">
        {s.items?.map((item) => (
          <ScenarioRow
            key={item.id}
            item={item}
            result={resultOf(item.id)}
            busy={s.running}
            onRun={() => void s.runScenarios([item.id])}
            onOpen={(step) => props.onOpen(item.scenario, step)}
            onSave={async (change) => {
              try {
                await s.update(item, change);
              } catch (err) {
                throw err instanceof ApiError && err.code === 'scenario_name_taken' ? new Error(t('scn.name.taken')) : err;
              }
            }}
            onDelete={() => setDeleting({ id: item.id, name: item.name })}
            onExport={() => downloadJson(item.scenario, scenarioFileName(item.scenario.process, item.name))}
          />
        ))}
      </ul>

      {deleting && (
        <Modal title={t('scn.delete')} onClose={() => setDeleting(undefined)} testId="scn-delete-dialog">
          <p>{t('scn.delete.confirm', { name: deleting.name })}</p>
          <div className="vm-actions">
            <button type="button" className="vm-button" onClick={() => setDeleting(undefined)}>
              {t('common.cancel')}
            </button>
            <button
              type="button"
              className="vm-button vm-danger-button"
              data-testid="scn-delete-ok"
              onClick={() => {
                const id = deleting.id;
                setDeleting(undefined);
                s.remove(id).catch((err: unknown) => setNotice({ key: 'error.generic', params: { message: err instanceof Error ? err.message : String(err) } }));
              }}
            >
              {t('scn.delete')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
