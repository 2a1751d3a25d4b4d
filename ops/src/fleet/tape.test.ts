import { describe, expect, it } from 'vitest';
import { compileFlow } from '@voiceman/compiler';
import { exampleFlow, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';
import { loadMachine } from '@voiceman/runtime';
import { fleetSeed, operatorIdOf, startFleetWms } from './fleet-wms.js';
import { createOperator } from './operator.js';
import { recordTape, tapePlayer } from './tape.js';
import { wmsRequester } from './terminal.js';

describe('a recorded dialog for --replay', () => {
  it('is the real runtime\'s case picking, whole sessions, and each terminal replays it as its own', async () => {
    const compiled = compileFlow(exampleFlow('case-picking'), { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() });
    expect(compiled.ok).toBe(true);
    const wms = await startFleetWms([0], 3);
    try {
      const own = wms.forTerminal(0);
      const tape = await recordTape({
        machine: loadMachine(compiled.machine!),
        versionHash: compiled.hash!,
        operator: createOperator(operatorIdOf(0), fleetSeed([], 0), { mistakeRate: 0 }),
        request: wmsRequester(own.http),
        wmsUrl: own.url,
        answers: 20,
      });
      const events = tape.flat();
      expect(tape.length).toBeGreaterThanOrEqual(20);
      // Whole sessions that picked for real: started, asked the WMS, ended done.
      expect(events[0]!.type).toBe('session.start');
      expect(events.at(-1)).toMatchObject({ type: 'session.end', data: { status: 'done' } });
      expect(events.some((e) => e.type === 'wms.response')).toBe(true);
      expect(events.some((e) => e.type === 'hypothesis')).toBe(true);

      const a = tapePlayer(tape, 'terminal-a');
      const b = tapePlayer(tape, 'terminal-b');
      const played = [...Array.from({ length: tape.length * 2 }, () => a.next()).flat(), ...Array.from({ length: 5 }, () => b.next()).flat()];
      const recordedIds = new Set(events.map((e) => e.id));
      const recordedSessions = new Set(events.map((e) => e.sessionId));
      expect(new Set(played.map((e) => e.id)).size).toBe(played.length);
      expect(played.some((e) => recordedIds.has(e.id) || recordedSessions.has(e.sessionId))).toBe(false);
      const sessionsOf = (t: string) => new Set(played.filter((e) => e.terminalId === t).map((e) => e.sessionId));
      expect([...sessionsOf('terminal-a')].some((s) => sessionsOf('terminal-b').has(s))).toBe(false);
      // Two laps of the tape: the same (session, seq) twice would be refused as taken, so each lap has sessions of its own.
      const keys = played.filter((e) => e.terminalId === 'terminal-a').map((e) => `${e.sessionId}/${e.seq}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(played.every((e) => e.versionHash === compiled.hash && Math.abs(e.ts - Date.now()) < 60_000)).toBe(true);
    } finally {
      await wms.close();
    }
  });
});
