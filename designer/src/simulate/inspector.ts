/**
 * A Stately inspector connection for an in-page run (`@statelyai/inspect` over WebSocket, via
 * the simulator's `connectWebSocketInspector`). Loaded on first use, so the inspector client is
 * not in the page unless a tester connects one; without a URL nothing is loaded or connected.
 */
import type { LoadedMachine } from '@voiceman/runtime';
import type { DialogInspector } from '@voiceman/simulator';

export interface InspectorConnection {
  inspect: DialogInspector;
  stop(): void;
}

export async function connectInspector(url: string, machine: LoadedMachine): Promise<InspectorConnection> {
  const { connectWebSocketInspector } = await import('@voiceman/simulator/inspect');
  return connectWebSocketInspector(url, { machine });
}
