/**
 * "Find node" (id or any text → select and centre it) and the keyboard connect (the selected
 * node's outcome, then the target by search), both on the shared `Picker`.
 */
import { useState } from 'react';
import type { FlowGraph, FlowNode } from '@voiceman/compiler';
import { findNodes } from '../../graph/find-nodes.js';
import { unconnectedOutcomes } from '../../graph/placement.js';
import { outcomesOf } from '@voiceman/compiler';
import { nodeViews } from '../../kinds/registry.js';
import type { EditorStore } from '../../store/editor-store.js';
import { useT } from '../i18n.js';
import { Picker, type PickerRow } from './Picker.js';

function nodeRows(graph: FlowGraph, query: string, t: ReturnType<typeof useT>, skip: (n: FlowNode) => boolean = () => false): PickerRow[] {
  return findNodes(graph, query)
    .filter((m) => !skip(m.node))
    .map(({ node, excerpt }) => ({
      key: node.id,
      icon: nodeViews[node.kind].icon,
      accent: nodeViews[node.kind].accent,
      text: (
        <>
          <code>{node.id}</code>
          {excerpt && <span className="vm-muted"> {excerpt}</span>}
        </>
      ),
      hint: t(`kind.${node.kind}`),
    }));
}

export function FindNode(props: { store: EditorStore; onClose(): void; onFound(id: string): void }) {
  const t = useT();
  const graph = props.store.getState().graph;
  return (
    <Picker
      title={t('cmd.findNode')}
      placeholder={t('find.search')}
      testId="find-node"
      rows={(q) => nodeRows(graph, q, t)}
      onClose={props.onClose}
      onPick={(id) => {
        props.onClose();
        props.onFound(id);
      }}
    />
  );
}

export function ConnectPicker(props: { store: EditorStore; onClose(): void; onConnected(source: string): void }) {
  const t = useT();
  const { graph, selection, callees } = props.store.getState();
  const source = graph.nodes.find((n) => n.id === selection.nodes[0]);
  const outcomes = source ? outcomesOf(source, (key) => callees[key]) : [];
  // With one outcome there is nothing to choose: go straight to the target.
  const [outcome, setOutcome] = useState<string | undefined>(outcomes.length === 1 ? outcomes[0] : undefined);
  if (!source) return null;
  if (outcome === undefined) {
    const open = new Set(unconnectedOutcomes(graph, source, callees));
    const leadsTo = (o: string) => graph.edges.find((e) => e.source === source.id && e.outcome === o)?.target;
    return (
      <Picker
        key="outcome"
        title={t('connect.pickOutcome', { node: source.id })}
        placeholder={t('connect.pickOutcome', { node: source.id })}
        testId="connect-outcome"
        rows={(q) =>
          // Outcomes that lead nowhere yet first: they are what is usually being wired.
          [...outcomes.filter((o) => open.has(o)), ...outcomes.filter((o) => !open.has(o))]
            .filter((o) => o.toLowerCase().includes(q.trim().toLowerCase()))
            .map((o) => ({ key: o, icon: '●', accent: nodeViews[source.kind].accent, text: o, hint: leadsTo(o) ? t('connect.taken', { target: leadsTo(o)! }) : undefined }))
        }
        onClose={props.onClose}
        onPick={setOutcome}
      />
    );
  }
  return (
    <Picker
      key="target"
      title={t('connect.pickTarget', { node: source.id, outcome })}
      placeholder={t('find.search')}
      testId="connect-target"
      rows={(q) => nodeRows(graph, q, t, (n) => n.kind === 'start')}
      onClose={props.onClose}
      onPick={(target) => {
        props.onClose();
        if (props.store.getState().connect({ source: source.id, sourceHandle: outcome, target })) props.onConnected(source.id);
      }}
    />
  );
}
