/**
 * @voiceman/compiler: flow graph (./flow.ts) → machine JSON (@voiceman/runtime's format),
 * with diagnostics. Pure TypeScript: no DOM, no Node I/O (the CLI lives in ./cli.ts).
 */
export type * from './flow.js';
export { compileFlow, MAX_STATES, DEFAULT_SETTINGS, type CompileOptions, type CompileResult } from './compile.js';
export { lintFlow, type LintOptions } from './lint/index.js';
export { parseFlow, MAX_FLOW_TEXT, type ParseResult } from './parse.js';
export { canonicalJson, sha256Hex } from './canonical.js';
export { REFERENCE_TABLE_NAME, type ReferenceData, type ReferenceTableInput } from './reference.js';
export { nodeKinds, outcomesOf, defaultNodeData } from './kinds/index.js';
export type { CalleeVersion, NodeKindDefinition, NodeKindRegistry, NodeOfKind, ResolveProcess } from './kinds/types.js';
export { DIAGNOSTIC_CODES, hasErrors, type Diagnostic, type DiagnosticCode } from './diagnostics.js';
export { flowSchema } from './flow-schema.js';
export { phoneticKey, soundAlike } from './lint/phonetic.js';
export { PROCESS_KEY_PATTERN, PROCESS_KEY_RULE, isProcessKey } from './process-key.js';
export { machineFormatVersion } from './format-version.js';
