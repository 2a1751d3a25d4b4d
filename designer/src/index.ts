/**
 * @voiceman/designer — the visual editor. Start here:
 * - `main.tsx` mounts `ui/App.tsx` (login, process list, editor page);
 * - the document model is `store/editor-store.ts` (zustand + zundo undo/redo), fed by
 *   framework-free modules in `graph/` (canvas mapping, clipboard, layout, ids) and `commands/`
 *   (one dispatch for keyboard, toolbar and command palette);
 * - node kinds are shown by `kinds/registry.ts` (one file per kind: card summary + inspector);
 * - `drafts/draft-sync.ts` autosaves with revisions and a local copy; `cel/` is the Monaco CEL support.
 */
export { createEditorStore, undo, redo, type EditorState, type EditorStore } from './store/editor-store.js';
export { createCanvasMapper, connectionToEdge, type CanvasNode, type CanvasEdge, type Selection } from './graph/canvas-mapping.js';
export { copySelection, parseClipboard, pastePayload, serializeClipboard, type ClipboardPayload } from './graph/clipboard.js';
export { layoutPositions } from './graph/layout.js';
export { newFlow } from './graph/new-flow.js';
export { commands, commandForKey, runCommand, isEnabled, type Command, type CommandId, type CommandContext } from './commands/commands.js';
export { createDraftSync, chooseStartingPoint, readLocalCopy, type SyncState } from './drafts/draft-sync.js';
export { api, ApiError, OfflineError } from './api/client.js';
export { translate, catalogues, type MessageKey, type UiLang } from './i18n/messages.js';
