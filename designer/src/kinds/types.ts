import type { ComponentType, ReactNode } from 'react';
import type { FlowNode, FlowProcess, NodeKind } from '@voiceman/compiler';
import type { Lang } from '@voiceman/runtime';

export type NodeOfKind<K extends NodeKind> = Extract<FlowNode, { kind: K }>;

export interface SummaryProps<K extends NodeKind> {
  node: NodeOfKind<K>;
  /** Language the card shows texts in: the process's first. */
  lang: Lang;
}

export interface InspectorProps<K extends NodeKind> {
  node: NodeOfKind<K>;
  process: FlowProcess;
  /** Changes the node's data; edits with the same `coalesceKey` in quick succession are one undo step. */
  update(change: (data: NodeOfKind<K>['data']) => NodeOfKind<K>['data'], coalesceKey?: string): void;
  readOnly: boolean;
}

/** How the designer shows one node kind: its card content on the canvas and its inspector form. */
export interface NodeView<K extends NodeKind> {
  icon: ReactNode;
  /** Card accent colour. */
  accent: string;
  Summary: ComponentType<SummaryProps<K>>;
  Inspector: ComponentType<InspectorProps<K>>;
}

export type NodeViewRegistry = { [K in NodeKind]: NodeView<K> };
