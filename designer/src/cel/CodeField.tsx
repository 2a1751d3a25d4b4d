/**
 * A Monaco field for one CEL expression or prompt template: Monarch highlighting, completion of
 * the variables in scope, live `checkCel` errors and the compiler's diagnostics for this field
 * underlined as you type. Monaco loads lazily, so the canvas is up before the editor bundle.
 */
import { useEffect, useRef } from 'react';
import type { VarType } from '@voiceman/runtime';
import { checkField, type CodeLanguage, type FieldIssue } from './check.js';
import { CEL_LANGUAGE, TEMPLATE_LANGUAGE } from './cel-grammar.js';
import { registerCompletionScope, type CompletionScope } from './completion-sources.js';
import type { Monaco } from './monaco-setup.js';

export interface CodeFieldProps {
  value: string;
  onChange(value: string): void;
  language: CodeLanguage;
  variables: Record<string, VarType>;
  fields?: Record<string, string[]>;
  /** Compiler findings for this very field (with offsets when the compiler knows them). */
  external?: FieldIssue[];
  readOnly?: boolean;
  placeholder?: string;
  testId?: string;
  ariaLabel?: string;
}

let monacoPromise: Promise<Monaco> | undefined;
const loadMonaco = () => (monacoPromise ??= import('./monaco-setup.js').then((m) => m.setupMonaco()));

export function CodeField(props: CodeFieldProps) {
  const host = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const editorRef = useRef<import('monaco-editor/editor/editor.api').editor.IStandaloneCodeEditor | null>(null);
  const monacoRef = useRef<Monaco | null>(null);

  const refreshMarkers = () => {
    const editor = editorRef.current;
    const monaco = monacoRef.current;
    const model = editor?.getModel();
    if (!editor || !monaco || !model) return;
    const { value, language, variables, external = [] } = propsRef.current;
    const issues = [...checkField(value, language, variables), ...external];
    monaco.editor.setModelMarkers(
      model,
      'voiceman',
      issues.map((i) => {
        const start = model.getPositionAt(Math.max(0, i.start));
        const end = model.getPositionAt(Math.max(i.start + 1, i.end));
        return { severity: monaco.MarkerSeverity.Error, message: i.message, startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column };
      }),
    );
    host.current?.setAttribute('data-issues', String(issues.length));
  };

  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | undefined;
    void loadMonaco().then((monaco) => {
      if (disposed || !host.current) return;
      monacoRef.current = monaco;
      const p = propsRef.current;
      const editor = monaco.editor.create(host.current, {
        value: p.value,
        language: p.language === 'cel' ? CEL_LANGUAGE : TEMPLATE_LANGUAGE,
        theme: 'voiceman',
        readOnly: p.readOnly ?? false,
        placeholder: p.placeholder,
        ariaLabel: p.ariaLabel,
        minimap: { enabled: false },
        lineNumbers: 'off',
        glyphMargin: false,
        folding: false,
        lineDecorationsWidth: 4,
        lineNumbersMinChars: 0,
        overviewRulerLanes: 0,
        hideCursorInOverviewRuler: true,
        renderLineHighlight: 'none',
        scrollBeyondLastLine: false,
        wordWrap: 'on',
        wrappingStrategy: 'advanced',
        scrollbar: { vertical: 'hidden', horizontal: 'hidden', alwaysConsumeMouseWheel: false },
        fontSize: 13,
        // Our own ResizeObserver below: Monaco's automatic layout re-measures its element on
        // every frame, forcing a layout of the whole canvas while a node is dragged.
        automaticLayout: false,
        fixedOverflowWidgets: true,
        contextmenu: false,
        // The classic hidden textarea: Chromium's EditContext path drops synthetic (automation) keystrokes.
        editContext: false,
        // Templates are mostly prose: suggestions there only on Ctrl+Space or after a dot.
        quickSuggestions: p.language === 'cel' ? { other: true, strings: false, comments: false } : false,
        suggestOnTriggerCharacters: true,
      });
      editorRef.current = editor;
      const model = editor.getModel()!;
      let width = host.current.clientWidth;
      let height = 24;
      const fit = () => {
        height = Math.min(160, Math.max(24, editor.getContentHeight()));
        if (host.current) host.current.style.height = `${height}px`;
        editor.layout({ width, height });
      };
      fit();
      const resize = new ResizeObserver((entries) => {
        const w = Math.round(entries[0]?.contentRect.width ?? width);
        if (w !== width) {
          width = w;
          editor.layout({ width, height });
        }
      });
      resize.observe(host.current);
      const subs = [
        editor.onDidContentSizeChange(fit),
        editor.onDidChangeModelContent(() => {
          const text = editor.getValue();
          if (text !== propsRef.current.value) propsRef.current.onChange(text);
        }),
      ];
      const offScope = registerCompletionScope(model.uri.toString(), (): CompletionScope => ({
        variables: propsRef.current.variables,
        fields: propsRef.current.fields,
      }));
      refreshMarkers();
      cleanup = () => {
        resize.disconnect();
        subs.forEach((s) => s.dispose());
        offScope();
        editor.dispose();
        model.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup?.();
      editorRef.current = null;
    };
  }, []);

  // Undo/redo or another panel changed the text: follow it without moving the caret needlessly.
  useEffect(() => {
    const editor = editorRef.current;
    if (editor && editor.getValue() !== props.value) editor.setValue(props.value);
    editor?.updateOptions({ readOnly: props.readOnly ?? false });
    const t = setTimeout(refreshMarkers, 150);
    return () => clearTimeout(t);
  }, [props.value, props.readOnly, props.variables, props.external]);

  return <div ref={host} className="vm-code" data-testid={props.testId} data-language={props.language} style={{ height: 24 }} />;
}
