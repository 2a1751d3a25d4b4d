/** schema/machine.schema.json without annotations (generated; see scripts/gen-validator.mjs). */
export declare const machineSchema: { [keyword: string]: unknown };
