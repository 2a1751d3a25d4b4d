import { describe, expect, it } from 'vitest';
import { compileFlow, type Diagnostic } from '@voiceman/compiler';
import { loadMachine } from '@voiceman/runtime';
import { exampleFlow, exampleFlows, exampleReferenceData, resolveExampleProcess } from '@voiceman/examples';

/**
 * Warnings an example may keep, each with its reason (`<processKey>` → code + node). Empty: all
 * examples compile without a single diagnostic; a new warning fails here until it is fixed or
 * explained in this list.
 */
const allowedWarnings: Record<string, { code: string; nodeId?: string; reason: string }[]> = {};

const explained = (key: string, d: Diagnostic) =>
  d.severity === 'warning' && (allowedWarnings[key] ?? []).some((a) => a.code === d.code && (a.nodeId === undefined || a.nodeId === d.nodeId));

describe('example flows', () => {
  for (const flow of exampleFlows()) {
    describe(flow.process.key, () => {
      const result = compileFlow(flow, { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() });

      it('compiles without errors or unexplained warnings', () => {
        const unexplained = result.diagnostics.filter((d) => !explained(flow.process.key, d));
        expect(unexplained.map((d) => `${d.severity} ${d.code} ${d.nodeId ?? ''}: ${d.message}`)).toEqual([]);
        expect(result.ok).toBe(true);
      });

      it('loads in the runtime', () => {
        expect(() => loadMachine(result.machine)).not.toThrow();
      });

      it('compiles to the same hash twice', () => {
        expect(compileFlow(flow, { resolveProcess: resolveExampleProcess, referenceData: exampleReferenceData() }).hash).toBe(result.hash);
      });

      it('declares the WMS base URL as an input with the documented default', () => {
        const wmsUrl = flow.process.variables.find((v) => v.name === 'wmsUrl');
        expect(wmsUrl).toMatchObject({ type: 'string', default: 'http://127.0.0.1:4010', input: true });
        for (const node of flow.nodes) {
          if (node.kind === 'request') expect(node.data.url.startsWith('{{ wmsUrl }}/'), node.id).toBe(true);
        }
      });
    });
  }
});

describe('reference tables', () => {
  const compile = (referenceData: ReturnType<typeof exampleReferenceData>) =>
    compileFlow(exampleFlow('case-picking'), { resolveProcess: resolveExampleProcess, referenceData });

  it('case-picking freezes short_reasons into the machine, and its revision into the hash', () => {
    const result = compile(exampleReferenceData(1));
    expect(exampleFlow('case-picking').process.referenceTables).toEqual(['short_reasons']);
    expect(result.machine?.meta.vm.reference).toEqual({
      short_reasons: { revision: 1, rows: { damaged: 'DMG', empty: 'EMP', wrongProduct: 'WRG' } },
    });
    expect(compile(exampleReferenceData(2)).hash).not.toBe(result.hash);
  });

  it('refuses to compile case-picking without the short_reasons table', () => {
    const result = compile({});
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toContain('reference-missing');
  });
});
