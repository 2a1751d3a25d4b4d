/**
 * Monaco, bundled locally: the bare editor API plus the few contributions a one-line CEL field
 * needs (suggest, hover, placeholder), and the editor worker through Vite's `?worker`.
 * `monaco-esm/...` is a path alias (vite.config.ts) because monaco's package `exports` map
 * every subpath to `.js` and so cannot reach its CSS.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-esm/base/browser/ui/codicons/codicon/codicon.css';
import 'monaco-esm/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-esm/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-esm/editor/contrib/placeholderText/browser/placeholderText.contribution.js';
import 'monaco-esm/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-esm/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-esm/editor/contrib/wordOperations/browser/wordOperations.js';
import EditorWorker from 'monaco-esm/editor/editor.worker.js?worker';
import { CEL_LANGUAGE, TEMPLATE_LANGUAGE, celMonarch, templateMonarch } from './cel-grammar.js';
import { completionsFor } from './completion-sources.js';

declare global {
  interface Window {
    MonacoEnvironment?: monaco.Environment;
  }
}

let ready = false;

export function setupMonaco(): typeof monaco {
  if (ready) return monaco;
  ready = true;
  window.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  for (const [id, grammar] of [
    [CEL_LANGUAGE, celMonarch],
    [TEMPLATE_LANGUAGE, templateMonarch],
  ] as const) {
    monaco.languages.register({ id });
    monaco.languages.setMonarchTokensProvider(id, grammar as monaco.languages.IMonarchLanguage);
  }
  monaco.languages.setLanguageConfiguration(CEL_LANGUAGE, {
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '"', close: '"' },
      { open: "'", close: "'" },
    ],
  });
  const provider: monaco.languages.CompletionItemProvider = {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const before = model.getValueInRange(new monaco.Range(position.lineNumber, 1, position.lineNumber, word.startColumn));
      const suggestions = completionsFor(model.uri.toString(), before).map((item) => ({
        label: item.label,
        kind: item.kind === 'variable' ? monaco.languages.CompletionItemKind.Variable : item.kind === 'field' ? monaco.languages.CompletionItemKind.Field : monaco.languages.CompletionItemKind.Function,
        detail: item.detail,
        insertText: item.insert ?? item.label,
        range,
      }));
      return { suggestions };
    },
  };
  monaco.languages.registerCompletionItemProvider(CEL_LANGUAGE, provider);
  monaco.languages.registerCompletionItemProvider(TEMPLATE_LANGUAGE, provider);
  monaco.editor.defineTheme('voiceman', {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'identifier', foreground: '1f4e99' },
      { token: 'predefined', foreground: '7a3e9d' },
      { token: 'keyword', foreground: 'b5316a', fontStyle: 'bold' },
      { token: 'string.template', foreground: '333333' },
    ],
    colors: { 'editor.background': '#ffffff' },
  });
  return monaco;
}

export type Monaco = typeof monaco;
