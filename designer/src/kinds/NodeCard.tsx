/**
 * The frame every node kind shares on the canvas: header, the kind's own summary, one target
 * handle on top and one source handle per outcome (`outcomesOf`) along the bottom.
 */
import { memo, useEffect, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps, type Node } from '@xyflow/react';
import { outcomesOf, type FlowNode, type NodeKind } from '@voiceman/compiler';
import type { CanvasNodeData } from '../graph/canvas-mapping.js';
import { useEditor } from '../ui/editor-context.js';
import { useLang, useT } from '../ui/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { nodeViews } from './registry.js';
import type { NodeView } from './types.js';
import type { EditorState } from '../store/editor-store.js';
import type { Lang } from '@voiceman/runtime';

type CardNode = Node<CanvasNodeData>;

/** The card speaks the interface language when the process has it, else its default (first) language. */
const cardLang = (ui: Lang) => (s: EditorState): Lang => (s.graph.process.languages.includes(ui) ? ui : (s.graph.process.languages[0] ?? 'en'));
const cardLangSelectors = { en: cardLang('en'), ru: cardLang('ru') } as const;
const noCallee = () => undefined;
/** Outcomes every flow has; their labels are translated (handle ids stay the outcome names). */
const BUILT_IN_OUTCOMES = new Set(['next', 'noInput', 'noMatch', 'ok', 'error', 'else', 'done', 'notFound', 'conflict', 'clientError', 'serverError', 'timeout', 'network']);

function NodeCardImpl({ id, data, selected }: NodeProps<CardNode>) {
  const t = useT();
  const node = data.node;
  const view = nodeViews[node.kind] as unknown as NodeView<NodeKind>;
  const lang = useEditor(cardLangSelectors[useLang().lang]);
  // Only a subflow card depends on another flow (its handles are the callee's end outcomes);
  // every other card selects a constant, so fetching callees re-renders no other card.
  const calleeKey = node.kind === 'subflow' ? node.data.processKey : undefined;
  const callee = useEditor((s) => (calleeKey ? s.callees[calleeKey] : undefined));
  const outcomes = outcomesOf(node as FlowNode, callee ? (key) => (key === calleeKey ? callee : undefined) : noCallee);
  const updateInternals = useUpdateNodeInternals();
  const outcomeKey = outcomes.join('|');
  const shownKey = useRef(outcomeKey);
  // Handles changed (an answer added or renamed): React Flow must re-read their positions.
  // Not on mount: React Flow measures new nodes itself, and 500 extra passes would stall opening.
  useEffect(() => {
    if (shownKey.current === outcomeKey) return;
    shownKey.current = outcomeKey;
    updateInternals(id);
  }, [id, outcomeKey, updateInternals]);
  const Summary = view.Summary;
  return (
    <div
      className={`vm-card vm-card-${node.kind}${selected ? ' is-selected' : ''}${data.mark ? ` has-${data.mark}` : ''}${data.runActive ? ' is-run-active' : ''}${data.visits ? ' is-run-visited' : ''}`}
      style={{ ['--accent' as string]: view.accent }}
      data-testid={`node-${id}`}
      data-kind={node.kind}
      data-run={data.runActive ? 'active' : data.visits ? 'visited' : undefined}
      data-visits={data.visits}
      data-heat={data.heat?.level}
      data-diff={data.diff}
      title={data.heat?.title}
    >
      {data.visits ? (
        <span className="vm-card-visits" title={String(data.visits)}>
          {data.visits}
        </span>
      ) : null}
      {node.kind !== 'start' && <Handle type="target" position={Position.Top} className="vm-handle-in" />}
      <div className="vm-card-header">
        <span className="vm-card-icon" aria-hidden>
          {view.icon}
        </span>
        <span className="vm-card-title">{node.label || t(`kind.${node.kind}`)}</span>
        {node.kind !== 'start' && <span className="vm-card-id">{id}</span>}
        {node.switchPoint && (
          <span className="vm-card-switch" title={t('inspector.switchPoint')} aria-label={t('inspector.switchPoint')} data-testid={`switch-point-${id}`}>
            ⇄
          </span>
        )}
        {data.mark && <span className={`vm-card-badge vm-badge-${data.mark}`} title={data.mark} aria-label={data.mark}>!</span>}
      </div>
      <div className="vm-card-body">
        <Summary node={node as never} lang={lang} />
      </div>
      {outcomes.length > 0 && (
        <div className="vm-card-outcomes">
          {outcomes.map((o) => (
            <div key={o} className="vm-outcome-slot">
              <span className="vm-outcome-label">{BUILT_IN_OUTCOMES.has(o) ? t(`outcome.${o}` as MessageKey) : o}</span>
              <Handle type="source" position={Position.Bottom} id={o} className="vm-handle-out" data-testid={`handle-${id}-${o}`} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const NodeCard = memo(NodeCardImpl);

/** React Flow's `nodeTypes`: every kind renders through the shared frame and its own summary. */
export const nodeTypes = Object.fromEntries(Object.keys(nodeViews).map((k) => [k, NodeCard])) as Record<NodeKind, typeof NodeCard>;
