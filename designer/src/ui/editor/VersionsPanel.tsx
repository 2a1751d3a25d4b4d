import { useEffect, useState } from 'react';
import type { FlowGraph } from '@voiceman/compiler';
import { api, type VersionSummary } from '../../api/client.js';
import { describeChange, diffFlows } from '../../diff/version-diff.js';
import { canvasDiff, diffCounts, type CanvasDiff } from '../../diff/canvas-diff.js';
import { formatDateTime } from '../../i18n/messages.js';
import { useLang, useT } from '../i18n.js';

/** Published versions, newest first; any can be opened read-only, or compared with what is open (the draft or a version). */
export function VersionsPanel({ processKey, refresh, onOpen, current, openGraph, onDiff }: { processKey: string; refresh: number; onOpen(n: number): void; current?: number; openGraph?: () => FlowGraph; onDiff?(diff: CanvasDiff | undefined): void }) {
  const t = useT();
  const { lang } = useLang();
  const [versions, setVersions] = useState<VersionSummary[] | undefined>();
  const [diff, setDiff] = useState<{ number: number; lines: string[]; counts: Record<'added' | 'changed' | 'removed', number> }>();
  const compare = async (n: number) => {
    if (!openGraph) return;
    if (diff?.number === n) {
      onDiff?.(undefined);
      return setDiff(undefined);
    }
    const v = await api.getVersion(processKey, n);
    const open = openGraph();
    // The canvas colours what changed since version n; closing the list clears it.
    const onCanvas = canvasDiff(v.graph, open);
    onDiff?.(onCanvas);
    setDiff({ number: n, lines: diffFlows(v.graph, open).map((c) => describeChange(c, lang)), counts: diffCounts(onCanvas) });
  };
  // Leaving the Versions tab takes the diff off the canvas.
  useEffect(() => () => onDiff?.(undefined), [onDiff]);
  useEffect(() => {
    let live = true;
    api.listVersions(processKey).then(
      (v) => live && setVersions([...v].sort((a, b) => b.number - a.number)),
      () => live && setVersions([]),
    );
    return () => {
      live = false;
    };
  }, [processKey, refresh]);
  if (!versions) return null;
  if (versions.length === 0) return <p className="vm-empty">{t('versions.none')}</p>;
  return (
    <ul className="vm-versions" data-testid="versions">
      {versions.map((v) => (
        <li key={v.number} className={v.number === current ? 'is-current' : ''}>
          <div>
            <b>v{v.number}</b> <span className="vm-muted">{formatDateTime(lang, v.createdAt)} · {v.author}</span>
          </div>
          {v.note && <div className="vm-version-note">{v.note}</div>}
          <code className="vm-muted">{v.hash.slice(0, 12)}</code>{' '}
          <button type="button" className="vm-link-button" data-testid={`version-open-${v.number}`} onClick={() => onOpen(v.number)}>
            {t('versions.view')}
          </button>
          {openGraph && v.number !== current && (
            <button type="button" className="vm-link-button" data-testid={`version-diff-${v.number}`} onClick={() => void compare(v.number).catch(() => undefined)}>
              {t('versions.diff')}
            </button>
          )}
          {diff?.number === v.number && (
            <p className="vm-version-diff-legend" data-testid="version-diff-legend">
              <span data-diff="added">{t('versions.diffAdded', { n: diff.counts.added })}</span>{' '}
              <span data-diff="changed">{t('versions.diffChanged', { n: diff.counts.changed })}</span>{' '}
              <span data-diff="removed">{t('versions.diffRemoved', { n: diff.counts.removed })}</span>
            </p>
          )}
          {diff?.number === v.number && (
            <ul className="vm-version-diff" data-testid="version-diff-list">
              {diff.lines.length === 0 ? <li>{t('versions.same')}</li> : diff.lines.map((line, i) => <li key={i}>{line}</li>)}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
