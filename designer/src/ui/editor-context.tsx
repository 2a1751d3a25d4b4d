/** The editor store of the enclosing editor, for components below it (one store per editor). */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { EditorState, EditorStore } from '../store/editor-store.js';
import type { TemporalState } from 'zundo';

export const EditorStoreContext = createContext<EditorStore | null>(null);

export function useEditorStore(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore outside an editor');
  return store;
}

export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(useEditorStore(), selector);
}

export function useHistory<T>(selector: (state: TemporalState<{ graph: EditorState['graph'] }>) => T): T {
  return useStore(useEditorStore().temporal, selector);
}
