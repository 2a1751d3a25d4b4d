import { useRef, type ReactNode } from 'react';
import { icons } from '../icons.js';
import type { User } from '../../api/client.js';
import { commands, isEnabled, type CommandContext, type CommandId } from '../../commands/commands.js';
import { formatCombo } from '../../commands/keys.js';
import type { SyncState } from '../../drafts/draft-sync.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useEditor, useHistory } from '../editor-context.js';
import { useT } from '../i18n.js';
import { LangSwitch } from '../LangSwitch.js';
import { exportProcess, importIntoProcess } from '../scenarios/process-files.js';

const statusKey: Record<SyncState['status'], MessageKey> = {
  saved: 'editor.saved',
  dirty: 'editor.unsaved',
  saving: 'editor.saving',
  offline: 'editor.offline',
  conflict: 'conflict.title',
  error: 'editor.unsaved',
};

const toolbarCommands: { id: CommandId; icon: ReactNode }[] = [
  { id: 'undo', icon: '↶' },
  { id: 'redo', icon: '↷' },
  { id: 'copy', icon: icons.copy },
  { id: 'paste', icon: icons.paste },
  { id: 'delete', icon: icons.trash },
  { id: 'layout', icon: '⊞' },
  { id: 'fitView', icon: '⤢' },
  { id: 'palette', icon: '⌘' },
  { id: 'help', icon: '?' },
];

export function Toolbar(props: {
  processKey: string;
  name: string;
  user: User;
  version?: number;
  syncState?: SyncState;
  ctx: CommandContext;
  onCommand(id: CommandId): void;
  onBack(): void;
  onBackToDraft(): void;
  onPublish(): void;
  onImportError(error: string): void;
  simulating: boolean;
  onSimulate(): void;
}) {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  // Re-render when history or selection changes, so enabled states are current.
  useHistory((h) => h.pastStates.length + h.futureStates.length * 1000);
  useEditor((s) => s.selection);
  const readOnly = props.version !== undefined;
  const isAdmin = props.user.role === 'admin';
  return (
    <header className="vm-toolbar">
      <button type="button" className="vm-link-button" onClick={props.onBack} data-testid="back">
        ← {t('editor.back')}
      </button>
      <h1 className="vm-title">
        {props.name} <code className="vm-muted">{props.processKey}</code>
      </h1>
      {readOnly ? (
        <span className="vm-status vm-status-readonly" data-testid="readonly-banner">
          {t('editor.readOnly', { n: props.version! })}{' '}
          <button type="button" className="vm-link-button" onClick={props.onBackToDraft}>
            {t('editor.backToDraft')}
          </button>
        </span>
      ) : (
        props.syncState && (
          <span className={`vm-status vm-status-${props.syncState.status}`} data-testid="save-status" data-status={props.syncState.status}>
            {t(statusKey[props.syncState.status])}
          </span>
        )
      )}
      <div className="vm-toolbar-group" role="toolbar">
        {toolbarCommands.map(({ id, icon }) => {
          const c = commands[id];
          return (
            <button
              key={id}
              type="button"
              className="vm-tool"
              disabled={!isEnabled(id, props.ctx)}
              title={`${t(c.label)}${c.keys[0] ? ` (${formatCombo(c.keys[0])})` : ''}`}
              aria-label={t(c.label)}
              data-testid={`cmd-${id}`}
              onClick={() => props.onCommand(id)}
            >
              {icon}
            </button>
          );
        })}
      </div>
      <div className="vm-toolbar-group">
        <button type="button" className={`vm-button${props.simulating ? ' vm-primary' : ''}`} aria-pressed={props.simulating} onClick={props.onSimulate} data-testid="sim-open">
          ▶ {t('sim.open')}
        </button>
        <button type="button" className="vm-button" disabled={readOnly || props.ctx.store.getState().readOnly} onClick={() => file.current?.click()} data-testid="import">
          {t('editor.import')}
        </button>
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          multiple
          hidden
          data-testid="import-file"
          onChange={async (e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length === 0) return;
            const error = await importIntoProcess(files, props.ctx.store);
            if (error) props.onImportError(error);
          }}
        />
        <button type="button" className="vm-button" onClick={() => void exportProcess(props.ctx.store.getState().graph).catch((err: unknown) => props.onImportError(err instanceof Error ? err.message : String(err)))} data-testid="export">
          {t('editor.export')}
        </button>
        {!readOnly && (
          <button
            type="button"
            className="vm-button vm-primary"
            disabled={!isAdmin}
            title={isAdmin ? undefined : t('publish.adminOnly')}
            onClick={props.onPublish}
            data-testid="publish"
          >
            {t('editor.publish')}
          </button>
        )}
        <LangSwitch />
      </div>
    </header>
  );
}
