/** The editor's heatmap toggle: when on, fetches the process's per-node figures for a period and hands the canvas their heat. */
import { useEffect, useState } from 'react';
import type { NodeHeat } from '../../graph/canvas-mapping.js';
import { sectionText, useSectionText } from '../text.js';
import { dashboardApi } from './api.js';
import { heatByNode } from './heatmap.js';
import { PRESETS, presetPeriod, type PresetId } from './period.js';

const text = sectionText({
  en: {
    toggle: 'Heatmap', day: 'last 24 hours', week: 'last 7 days', month: 'last 30 days', noMatch: 'No match', repeat: 'Repeat',
    promptToAnswer: 'Prompt → answer', answerToNext: 'Answer → next prompt', answers: 'Answers', empty: 'No answers logged in this period.',
    legend: 'No-match rate: green < 5 %, amber < 15 %, red above',
  },
  ru: {
    toggle: 'Тепловая карта', day: 'последние 24 часа', week: 'последние 7 дней', month: 'последние 30 дней', noMatch: 'Нераспознано', repeat: '«Повтори»',
    promptToAnswer: 'Подсказка → ответ', answerToNext: 'Ответ → следующая подсказка', answers: 'Ответов', empty: 'За этот период ответов в журнале нет.',
    legend: 'Доля нераспознанных: зелёный < 5 %, жёлтый < 15 %, красный больше',
  },
});

export function HeatmapControl({ processKey, onHeat }: { processKey: string; onHeat(heat: Readonly<Record<string, NodeHeat>> | undefined): void }) {
  const t = useSectionText(text);
  const [on, setOn] = useState(false);
  const [preset, setPreset] = useState<PresetId>('week');
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!on) {
      onHeat(undefined);
      setNote(null);
      return;
    }
    let live = true;
    dashboardApi.nodes(processKey, undefined, presetPeriod(preset, Date.now())).then(
      (r) => {
        if (!live) return;
        onHeat(heatByNode(r.nodes, { noMatch: t('noMatch'), repeat: t('repeat'), promptToAnswer: t('promptToAnswer'), answerToNext: t('answerToNext'), answers: t('answers') }));
        setNote(r.nodes.length ? t('legend') : t('empty'));
      },
      (e: Error) => live && setNote(e.message),
    );
    return () => {
      live = false;
    };
  }, [on, preset, processKey, onHeat, t]);
  return (
    <div className="vm-console-dashboard-heatmap" data-testid="heatmap-control">
      <label>
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} data-testid="heatmap-toggle" /> {t('toggle')}
      </label>
      {on && (
        <select value={preset} onChange={(e) => setPreset(e.target.value as PresetId)} data-testid="heatmap-period">
          {(Object.keys(PRESETS) as PresetId[]).map((p) => <option key={p} value={p}>{t(p)}</option>)}
        </select>
      )}
      {note && <span className="vm-muted" data-testid="heatmap-note">{note}</span>}
    </div>
  );
}
