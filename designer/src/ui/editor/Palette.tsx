/** Node kinds to drag onto the canvas; Enter or click adds one at the centre of the view. */
import type { NodeKind } from '@voiceman/compiler';
import { nodeViews } from '../../kinds/registry.js';
import { useT } from '../i18n.js';
import { PALETTE_MIME } from './Canvas.js';

export const paletteKinds = (Object.keys(nodeViews) as NodeKind[]).filter((k) => k !== 'start');

export function Palette({ onAdd, disabled }: { onAdd(kind: NodeKind): void; disabled: boolean }) {
  const t = useT();
  return (
    <aside className="vm-palette" aria-label={t('palette.title')}>
      <h2 className="vm-panel-title">{t('palette.title')}</h2>
      {paletteKinds.map((kind) => (
        <button
          key={kind}
          type="button"
          className="vm-palette-item"
          draggable={!disabled}
          disabled={disabled}
          data-testid={`palette-${kind}`}
          title={t('palette.hint')}
          style={{ ['--accent' as string]: nodeViews[kind].accent }}
          onDragStart={(e) => {
            e.dataTransfer.setData(PALETTE_MIME, kind);
            e.dataTransfer.effectAllowed = 'copy';
          }}
          onClick={() => onAdd(kind)}
        >
          <span className="vm-palette-icon" aria-hidden>
            {nodeViews[kind].icon}
          </span>
          {t(`kind.${kind}`)}
        </button>
      ))}
    </aside>
  );
}
