/**
 * Benchmark baseline: React Flow with the benchmark flow's nodes as default nodes (label = the
 * node's text), the same edges and the same chrome (background, minimap, controls), controlled
 * with `applyNodeChanges` — no store, no node cards, no lint.
 */
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Background, Controls, MiniMap, ReactFlow, applyNodeChanges, type Edge, type Node, type NodeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';

declare global {
  interface Window {
    __BENCH_FLOW: { nodes: { id: string; position: { x: number; y: number }; label: string }[]; edges: { id: string; source: string; target: string }[] };
  }
}

const flow = window.__BENCH_FLOW;
const initialNodes: Node[] = flow.nodes.map((n) => ({ id: n.id, position: n.position, data: { label: n.label } }));
const edges: Edge[] = flow.edges.map((e) => ({ ...e, type: 'smoothstep' }));

function Bare() {
  const [nodes, setNodes] = useState(initialNodes);
  return (
    <ReactFlow nodes={nodes} edges={edges} onNodesChange={(c: NodeChange[]) => setNodes((ns) => applyNodeChanges(c, ns))} fitView minZoom={0.1} maxZoom={2}>
      <Background gap={20} />
      <MiniMap pannable zoomable />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

createRoot(document.getElementById('root')!).render(<Bare />);
