/** One finding about a flow. Errors block publishing; warnings do not. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  code: DiagnosticCode;
  message: string;
  nodeId?: string;
  edgeId?: string;
  /** JSON pointer-ish path inside the node's `data` (or the flow for flow-level findings). */
  field?: string;
  /** Character range inside the field's text (CEL expressions, templates). */
  start?: number;
  end?: number;
}

/**
 * Every code the compiler emits, with its severity. Codes are stable: the designer, the server
 * and people's scripts match on them. docs/flow-format.md lists them with examples.
 */
export const DIAGNOSTIC_CODES = {
  'flow-not-json': { severity: 'error', summary: 'the input is not JSON' },
  'flow-too-large': { severity: 'error', summary: 'the input exceeds the size limit or nests deeper than 64 levels' },
  'flow-version': { severity: 'error', summary: 'unsupported formatVersion' },
  'flow-schema': { severity: 'error', summary: 'the input does not match flow.schema.json' },
  'duplicate-node-id': { severity: 'error', summary: 'two nodes share an id' },
  'duplicate-edge-id': { severity: 'error', summary: 'two edges share an id' },
  'duplicate-variable': { severity: 'error', summary: 'two variables share a name' },
  'duplicate-outcome': { severity: 'error', summary: 'two outcomes of one node share a name' },
  'variable-default-type': { severity: 'error', summary: "a variable's default does not match its type" },
  'start-missing': { severity: 'error', summary: 'the flow has no start node' },
  'start-multiple': { severity: 'error', summary: 'the flow has more than one start node' },
  'edge-unknown-source': { severity: 'error', summary: 'an edge leaves a node that does not exist' },
  'edge-unknown-target': { severity: 'error', summary: 'an edge leads into nothing' },
  'edge-unknown-outcome': { severity: 'error', summary: 'an edge leaves through an outcome the node does not have' },
  'edge-duplicate-outcome': { severity: 'error', summary: 'two edges leave through the same outcome' },
  'edge-into-start': { severity: 'error', summary: 'an edge leads into the start node' },
  'dead-end': { severity: 'error', summary: 'an outcome of a non-end node is not connected' },
  'unreachable-node': { severity: 'warning', summary: 'no path from start reaches the node' },
  'loop-without-ask': { severity: 'error', summary: 'a loop can cycle without ever asking the operator' },
  'ask-no-input-path': { severity: 'error', summary: 'an ask has no path for silence (the runtime refuses the machine)' },
  'ask-no-match-path': { severity: 'error', summary: 'an ask has no path for unrecognised answers (the runtime refuses the machine)' },
  'ask-vocabulary-overlap': { severity: 'error', summary: 'one utterance would match two outcomes' },
  'ask-confusable-words': { severity: 'warning', summary: 'two words of one ask differ by one sound' },
  'ask-empty-vocabulary': { severity: 'error', summary: 'an answer outcome accepts nothing in some language' },
  'ask-save-type': { severity: 'error', summary: "saveAs variable's type cannot hold the answer" },
  'ask-wrong-path': { severity: 'error', summary: 'a checked ask has no path for its wrong outcome (the runtime refuses the machine)' },
  'ask-check-outcome': { severity: 'error', summary: "an ask's check names an answer the ask does not have" },
  'ask-confidence-band': { severity: 'warning', summary: "an ask's read-back band is not above its confidence threshold (nothing is read back)" },
  'missing-text': { severity: 'error', summary: 'a text is missing in a declared language' },
  'cel-invalid': { severity: 'error', summary: 'a CEL expression does not parse or type-check' },
  'cel-regex': { severity: 'error', summary: "a literal pattern of `matches` is not a valid RE2 regular expression (the runtime refuses it)" },
  'cel-map-key': { severity: 'error', summary: 'a map literal uses __proto__, constructor or prototype as a key' },
  'cel-type-mismatch': { severity: 'error', summary: "an expression's result type does not fit where it is used (condition, number bound, subflow input)" },
  'set-type-mismatch': { severity: 'error', summary: "a set node's expression yields a type its variable cannot hold" },
  'mapping-type-mismatch': { severity: 'error', summary: "a request mapping's expression yields a type its variable cannot hold" },
  'variable-reserved': { severity: 'error', summary: 'a variable is named event, session, ref or a CEL reserved word, or a request mapping writes a variable named response' },
  'unknown-variable': { severity: 'error', summary: 'a variable is not declared' },
  'global-word-builtin': { severity: 'warning', summary: 'a global word is a built-in word (repeat, help, a yes or no word)' },
  'global-word-target': { severity: 'error', summary: "a global word's target node does not exist" },
  'request-backoff': { severity: 'warning', summary: "a request's retry policy cannot work as written (maxDelayMs below delayMs, or statuses/backoff with 0 retries)" },
  'in-place-word-target': { severity: 'error', summary: "an in-place word's target node does not exist" },
  'in-place-word-name': { severity: 'error', summary: 'an in-place word has the name of another word of the process or the ask' },
  'in-place-word-ask': { severity: 'error', summary: "an in-place word's branch reaches an ask or a subflow call" },
  'in-place-word-leaves': { severity: 'error', summary: "an in-place word's branch reaches an end or start node instead of returning" },
  'in-place-word-loop': { severity: 'error', summary: "an in-place word's branch loops" },
  'return-outside-word': { severity: 'error', summary: 'the main flow reaches a return node (only in-place branches may)' },
  'request-url-not-absolute': { severity: 'warning', summary: "a request URL starts with text that is not an absolute http(s) URL (the runtime refuses it)" },
  'reference-table-name': { severity: 'error', summary: 'a reference table name is not a snake_case identifier, or is listed twice' },
  'reference-missing': { severity: 'error', summary: 'a listed reference table does not exist, or no reference data was given for a table the flow reads' },
  'subflow-unknown-process': { severity: 'error', summary: 'a subflow calls a process that cannot be found' },
  'subflow-recursion': { severity: 'error', summary: 'a subflow calls itself, directly or through others' },
  'subflow-invalid-callee': { severity: 'error', summary: 'the called process has errors of its own' },
  'subflow-unknown-input': { severity: 'error', summary: 'a subflow input is not an input variable of the callee' },
  'subflow-unknown-output': { severity: 'error', summary: 'a subflow output is not an output variable of the callee' },
  'subflow-language': { severity: 'error', summary: "the called process is not declared in every language of the caller" },
  'subflow-too-large': { severity: 'error', summary: 'inlining subflows would produce too many states' },
  'process-key-duplicate': { severity: 'error', summary: 'two flow files given to the CLI define the same process key' },
  'compiler-failure': { severity: 'error', summary: 'the compiler itself failed (a bug): please report it' },
} as const satisfies Record<string, { severity: 'error' | 'warning'; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function diag(
  code: DiagnosticCode,
  message: string,
  where: Omit<Diagnostic, 'severity' | 'code' | 'message'> = {},
): Diagnostic {
  return { severity: DIAGNOSTIC_CODES[code].severity, code, message, ...where };
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');
