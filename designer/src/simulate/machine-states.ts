/**
 * What the panel reads from machine JSON (docs/machine-format.md): every state with its flow
 * node, kind and scope (subflow states are `<callNode>/<node>`), the request states a tester can
 * stub, and the active path as a small statechart view. Reads plain JSON: no runtime needed.
 */
export interface MachineStateInfo {
  id: string;
  /** Parent compound state (an inlined subflow call), or null at the top. */
  parent: string | null;
  depth: number;
  nodeId: string;
  kind: string;
  scope: string;
  label?: string;
  /** Request states: method and URL template. */
  request?: { method: string; url: string };
  /** Transitions the state takes (ANSWER.x, REQUEST.OK, ...) and where they lead. */
  transitions: { event: string; targets: string[] }[];
  children: string[];
}

interface StateJson {
  id?: string;
  meta?: { vm?: { nodeId?: string; kind?: string; scope?: string; label?: string } };
  entry?: { type?: string; params?: { method?: string; url?: string } }[];
  on?: Record<string, unknown>;
  states?: Record<string, StateJson>;
}

export function machineStates(machine: unknown): Map<string, MachineStateInfo> {
  const out = new Map<string, MachineStateInfo>();
  const walk = (states: Record<string, StateJson> | undefined, parent: string | null, depth: number) => {
    for (const [key, s] of Object.entries(states ?? {})) {
      const id = s.id ?? key;
      const vm = s.meta?.vm ?? {};
      const req = s.entry?.find((a) => a.type === 'vm.request')?.params;
      out.set(id, {
        id,
        parent,
        depth,
        nodeId: vm.nodeId ?? id,
        kind: vm.kind ?? '?',
        scope: vm.scope ?? 'main',
        ...(vm.label ? { label: vm.label } : {}),
        ...(req ? { request: { method: req.method ?? 'GET', url: req.url ?? '' } } : {}),
        transitions: Object.entries(s.on ?? {}).map(([event, t]) => ({ event, targets: targetsOf(t) })),
        children: Object.entries(s.states ?? {}).map(([k, c]) => c.id ?? k),
      });
      walk(s.states, id, depth + 1);
    }
  };
  walk((machine as StateJson | null)?.states, null, 0);
  return out;
}

function targetsOf(transition: unknown): string[] {
  const list = Array.isArray(transition) ? transition : [transition];
  return list.flatMap((t) => {
    const target = typeof t === 'string' ? t : (t as { target?: unknown } | null)?.target;
    const all = Array.isArray(target) ? target : [target];
    return all.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^#/, ''));
  });
}

/** Request states in document order: the nodes a tester can give stub answers to. */
export function requestStates(states: Map<string, MachineStateInfo>): MachineStateInfo[] {
  return [...states.values()].filter((s) => s.kind === 'request');
}

/** The process-wide events the machine's root takes (global words). */
export function rootEvents(machine: unknown): string[] {
  return Object.keys((machine as StateJson | null)?.on ?? {});
}

export interface StatechartLevel {
  state: MachineStateInfo;
  /** Other states at the same level (the compound state's children, or the top level). */
  siblings: number;
}

/** The active path, outermost first, each state with how many others share its level. */
export function activePath(states: Map<string, MachineStateInfo>, active: readonly string[]): StatechartLevel[] {
  const top = [...states.values()].filter((s) => s.parent === null).length;
  return active.flatMap((id) => {
    const state = states.get(id);
    if (!state) return [];
    const level = state.parent === null ? top : (states.get(state.parent)?.children.length ?? 1);
    return [{ state, siblings: level - 1 }];
  });
}
