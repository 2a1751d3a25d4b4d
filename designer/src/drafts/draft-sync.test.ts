import { describe, expect, it } from 'vitest';
import { newFlow } from '../graph/new-flow.js';
import { chooseStartingPoint, readLocalCopy, type KeyValueStorage } from './draft-sync.js';

function memoryStorage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('opening a draft with a local copy', () => {
  const server = { graph: newFlow('p', 'P'), revision: 4 };
  const edited = { ...server.graph, nodes: [...server.graph.nodes, { id: 'end1', kind: 'end' as const, position: { x: 0, y: 100 }, data: {} }] };

  it('opens the server draft when there is no local copy', () => {
    expect(chooseStartingPoint(memoryStorage(), server, 'p')).toEqual({ graph: server.graph, revision: 4, fromLocal: false });
  });

  it('opens unsaved local edits with the revision they were based on', () => {
    const storage = memoryStorage();
    storage.setItem('voiceman.draft.p', JSON.stringify({ graph: edited, baseRevision: 3, savedAt: 1 }));
    // Based on revision 3 while the server is at 4: the first save will meet the 409 and ask.
    expect(chooseStartingPoint(storage, server, 'p')).toEqual({ graph: edited, revision: 3, fromLocal: true });
  });

  it('drops a local copy identical to the server draft', () => {
    const storage = memoryStorage();
    storage.setItem('voiceman.draft.p', JSON.stringify({ graph: server.graph, baseRevision: 4, savedAt: 1 }));
    expect(chooseStartingPoint(storage, server, 'p').fromLocal).toBe(false);
    expect(storage.map.size).toBe(0);
  });

  it('ignores a corrupt local copy rather than failing to open', () => {
    const storage = memoryStorage();
    storage.setItem('voiceman.draft.p', '{not json');
    expect(readLocalCopy(storage, 'p')).toBeUndefined();
    expect(chooseStartingPoint(storage, server, 'p').fromLocal).toBe(false);
  });
});
