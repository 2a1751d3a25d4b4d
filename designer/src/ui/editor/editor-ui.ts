import { createContext, useContext } from 'react';

/** Canvas-level actions that panels need (centring a node); provided by the editor page. */
export interface EditorUi {
  focusNode(id: string): void;
}

export const EditorUiContext = createContext<EditorUi>({ focusNode: () => {} });
export const useEditorUi = () => useContext(EditorUiContext);
