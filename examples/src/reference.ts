/**
 * Reference data the examples read as `ref.<table>.<key>` (flow `process.referenceTables`). The
 * server seeds these tables and passes their rows to `compileFlow` at publish, so a customer
 * can change a WMS code without editing the flow.
 *
 * `short_reasons`: key = the outcome name of case-picking's "Reason?" ask (what the operator
 * said, fixed by the recogniser's phrases in the flow), value = the WMS reason code
 * (`GET /reason-codes` on the mock WMS lists the same codes and refuses others).
 */
export type ReferenceRow = { key: string; value: string };

export function exampleReferenceTables(): Record<string, ReferenceRow[]> {
  return {
    short_reasons: [
      { key: 'damaged', value: 'DMG' },
      { key: 'empty', value: 'EMP' },
      { key: 'wrongProduct', value: 'WRG' },
    ],
  };
}

/**
 * The same tables in the shape `compileFlow(flow, { referenceData })` takes (each table at
 * `revision`), for tests and scripts that compile the examples without a server.
 */
export function exampleReferenceData(revision = 1): Record<string, { revision: number; rows: ReferenceRow[] }> {
  return Object.fromEntries(Object.entries(exampleReferenceTables()).map(([table, rows]) => [table, { revision, rows }]));
}
