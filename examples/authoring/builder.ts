/**
 * A small authoring aid for the example flows: each node is one call that also names where its
 * outcomes go, so a flow reads top to bottom like the dialog it is. The output is the plain flow
 * graph (compiler/src/flow.ts) written to examples/flows/*.flow.json; the designer edits those
 * files' contents like any other draft. Positions come from a simple layered layout.
 */
import type { FlowEdge, FlowGraph, FlowInPlaceWord, FlowNode, FlowProcess, FlowVariable } from '@voiceman/compiler';
import type { Grammar, LocalizedText } from '@voiceman/runtime';

export const t = (en: string, ru: string): LocalizedText => ({ en, ru });

/** Spoken digit by digit: "427" → "4 2 7", so text-to-speech does not say "four hundred...". */
export const spell = (expr: string): string => `{{ ${expr}.split("").join(" ") }}`;

/** A count with its noun agreeing: "{{ n }} {{ plural(n, …) }}" ("4 позиции", "11 коробок", "1 case"). */
export const count = (expr: string, ...forms: [string, string] | [string, string, string]): string =>
  `{{ ${expr} }} {{ plural(${expr}, ${forms.map((f) => `'${f}'`).join(', ')}) }}`;

export const grammar = {
  ready: { type: 'phrases', phrases: { en: ['ready'], ru: ['готов', 'готова'] } } satisfies Grammar,
  yes: { type: 'yes' } satisfies Grammar,
  no: { type: 'no' } satisfies Grammar,
  checkDigits: { type: 'digits', minLength: 2, maxLength: 3 } satisfies Grammar,
  phrases: (en: string[], ru: string[]): Grammar => ({ type: 'phrases', phrases: { en, ru } }),
};

/** The trade's escalation: "say again", then the step's own help, each followed by the prompt. */
const sayAgain = t('Say again.', 'Повторите.');

interface AskSpec {
  prompt: LocalizedText;
  help: LocalizedText;
  outcomes: { name: string; grammar: Grammar; to: string }[];
  saveAs?: string;
  /** Where silence / no-match go once the retries are used up. */
  giveUp: string;
  confirm?: LocalizedText;
  /** Read back only when this CEL condition on `answer` holds. */
  confirmWhen?: string;
  /** A checked answer: wrong `limit` times → `to`. */
  check?: { expr: string; wrong: LocalizedText; limit: number; outcomes?: string[]; to: string };
  maxAttempts?: number;
  /** Words that answer in place in this ask (their branches end at a `back` node). */
  inPlaceWords?: FlowInPlaceWord[];
}

interface RequestSpec {
  method: 'GET' | 'POST';
  /** Path under the WMS base URL (`{{ wmsUrl }}` is prepended). */
  path: string;
  body?: string;
  mapping?: Record<string, string>;
  ok: string;
  error: string;
  /** Retry policy beyond the default one retry on a timeout or network failure. */
  retries?: number;
  retryStatuses?: number[];
  backoff?: { type: 'fixed' | 'exponential'; delayMs: number; maxDelayMs?: number };
  /** Failure classes with their own way out (class → node); the rest go to `error`. */
  failures?: Partial<Record<'notFound' | 'conflict' | 'clientError' | 'serverError' | 'timeout' | 'network', string>>;
}

export class FlowBuilder {
  private nodes: FlowNode[] = [];
  private edges: FlowEdge[] = [];

  constructor(private readonly process: FlowProcess) {}

  private add(node: Omit<FlowNode, 'position'>, outcomes: Record<string, string>): this {
    if (this.nodes.some((n) => n.id === node.id)) throw new Error(`duplicate node id ${node.id}`);
    this.nodes.push({ ...node, position: { x: 0, y: 0 } } as FlowNode);
    for (const [outcome, target] of Object.entries(outcomes)) {
      this.edges.push({ id: `${node.id}-${outcome}`, source: node.id, outcome, target });
    }
    return this;
  }

  start(next: string): this {
    return this.add({ id: 'start', kind: 'start', data: {} }, { next });
  }

  say(id: string, text: LocalizedText, next: string): this {
    return this.add({ id, kind: 'say', data: { text } }, { next });
  }

  ask(id: string, spec: AskSpec): this {
    const attempts = spec.maxAttempts ?? 3;
    const reprompts = [sayAgain, spec.help];
    const outcomes: Record<string, string> = {};
    for (const o of spec.outcomes) outcomes[o.name] = o.to;
    outcomes.noInput = spec.giveUp;
    outcomes.noMatch = spec.giveUp;
    if (spec.check) outcomes.wrong = spec.check.to;
    const check = spec.check ? (({ to: _to, ...rest }) => rest)(spec.check) : undefined;
    return this.add(
      {
        id,
        kind: 'ask',
        data: {
          prompt: spec.prompt,
          help: spec.help,
          outcomes: spec.outcomes.map(({ name, grammar }) => ({ name, grammar })),
          ...(spec.saveAs ? { saveAs: spec.saveAs } : {}),
          noInput: { reprompts, maxAttempts: attempts },
          noMatch: { reprompts, maxAttempts: attempts },
          ...(spec.confirm ? { confirm: { prompt: spec.confirm, ...(spec.confirmWhen ? { condition: spec.confirmWhen } : {}) } } : {}),
          ...(check ? { check } : {}),
          ...(spec.inPlaceWords ? { inPlaceWords: spec.inPlaceWords } : {}),
        },
      },
      outcomes,
    );
  }

  decision(id: string, branches: { name: string; condition: string; to: string }[], otherwise: string): this {
    const outcomes: Record<string, string> = {};
    for (const b of branches) outcomes[b.name] = b.to;
    outcomes.else = otherwise;
    return this.add({ id, kind: 'decision', data: { branches: branches.map(({ name, condition }) => ({ name, condition })) } }, outcomes);
  }

  set(id: string, assignments: Record<string, string>, next: string): this {
    return this.add(
      { id, kind: 'set', data: { assignments: Object.entries(assignments).map(([variable, expr]) => ({ variable, expr })) } },
      { next },
    );
  }

  request(id: string, spec: RequestSpec): this {
    return this.add(
      {
        id,
        kind: 'request',
        data: {
          method: spec.method,
          url: `{{ wmsUrl }}${spec.path}`,
          ...(spec.body ? { body: spec.body } : {}),
          timeoutMs: 5000,
          retries: spec.retries ?? 1,
          ...(spec.retryStatuses ? { retryStatuses: spec.retryStatuses } : {}),
          ...(spec.backoff ? { backoff: spec.backoff } : {}),
          ...(spec.failures ? { errorOutcomes: Object.keys(spec.failures) as (keyof NonNullable<RequestSpec['failures']>)[] } : {}),
          mapping: Object.entries(spec.mapping ?? {}).map(([variable, expr]) => ({ variable, expr })),
        },
      },
      { ok: spec.ok, ...(spec.failures as Record<string, string> | undefined), error: spec.error },
    );
  }

  subflow(id: string, data: { processKey: string; inputs: Record<string, string>; outputs: Record<string, string> }, outcomes: Record<string, string>): this {
    return this.add({ id, kind: 'subflow', data }, outcomes);
  }

  /** Ends an in-place word's branch: back to the ask that heard the word. */
  back(id: string): this {
    return this.add({ id, kind: 'return', data: {} }, {});
  }

  end(id: string, data: { text?: LocalizedText; result?: string; outcome?: string }): this {
    return this.add({ id, kind: 'end', data }, {});
  }

  build(): FlowGraph {
    return { formatVersion: 1, process: this.process, nodes: layout(this.nodes, this.edges), edges: this.edges };
  }
}

/**
 * Layered layout: breadth-first from the start node (then from any node not yet placed, such
 * as global-word targets), one row per depth, nodes of a row side by side. Each row is as tall
 * as its tallest card is estimated to be, plus a gap, so no card reaches into the next row
 * (the designer's cards grow with their answer, branch and assignment lists).
 */
function layout(nodes: FlowNode[], edges: FlowEdge[]): FlowNode[] {
  const depth = new Map<string, number>();
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
  let base = 0;
  for (const root of nodes) {
    if (depth.has(root.id)) continue;
    const queue: string[] = [root.id];
    depth.set(root.id, base);
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const target of next.get(id) ?? []) {
        if (depth.has(target)) continue;
        depth.set(target, depth.get(id)! + 1);
        queue.push(target);
      }
    }
    base = Math.max(...depth.values()) + 1;
  }
  const rowHeight = new Map<number, number>();
  for (const node of nodes) {
    const row = depth.get(node.id)!;
    rowHeight.set(row, Math.max(rowHeight.get(row) ?? 0, estimatedCardHeight(node)));
  }
  const rowTop: number[] = [];
  for (let row = 0, y = 0; row <= Math.max(...rowHeight.keys()); row++) {
    rowTop[row] = y;
    y += (rowHeight.get(row) ?? 0) + ROW_GAP;
  }
  const column = new Map<number, number>();
  return nodes.map((node) => {
    const row = depth.get(node.id)!;
    const col = column.get(row) ?? 0;
    column.set(row, col + 1);
    return { ...node, position: { x: col * 300, y: rowTop[row]! } };
  });
}

const ROW_GAP = 60;

/**
 * A generous estimate of a card's height in the designer: header, three lines of text, the
 * outcome strip, and one line per listed answer, branch, assignment or request failure outcome.
 */
function estimatedCardHeight(node: FlowNode): number {
  // A request's own failure outcomes widen its outcome strip onto more lines.
  const listed =
    node.kind === 'ask' ? node.data.outcomes.length
    : node.kind === 'decision' ? node.data.branches.length
    : node.kind === 'set' ? node.data.assignments.length
    : node.kind === 'request' ? 1 + (node.data.errorOutcomes?.length ?? 0)
    : 1;
  return 140 + 16 * Math.max(0, listed - 1);
}

/** Variables every work flow shares: the WMS address and who is signed on. */
export const commonVariables: FlowVariable[] = [
  {
    name: 'wmsUrl',
    type: 'string',
    default: 'http://127.0.0.1:4010',
    input: true,
    description: 'Base URL of the WMS; callers and tests override it through the dialog input.',
  },
  { name: 'operatorId', type: 'string', default: '', description: 'Set by the sign-on subflow.' },
  { name: 'operatorName', type: 'string', default: '', description: 'Set by the sign-on subflow.' },
];

export const signOffWord = {
  name: 'signOff',
  phrases: { en: ['sign off'], ru: ['выход'] },
  target: 'signOffConfirm',
};

/** Sign-on as the first step, and the sign-off word's confirmation, shared by every work flow. */
export function signOnAndOff(b: FlowBuilder, next: { signedOn: string; resume: string }): void {
  b.subflow(
    'signOn',
    { processKey: 'sign-on', inputs: { wmsUrl: 'wmsUrl' }, outputs: { operatorId: 'operatorId', operatorName: 'operatorName' } },
    { done: next.signedOn, failed: 'endSignOnFailed' },
  );
  b.end('endSignOnFailed', { outcome: 'failed', result: '{"status": "signOnFailed"}' });
  b.ask('signOffConfirm', {
    prompt: t('Sign off?', 'Завершить работу?'),
    help: t('Say yes to end your shift, no to go on working.', 'Скажите «да», чтобы завершить смену, или «нет», чтобы продолжить.'),
    outcomes: [
      { name: 'yes', grammar: grammar.yes, to: 'signOffRequest' },
      { name: 'no', grammar: grammar.no, to: next.resume },
    ],
    giveUp: next.resume,
  });
  // The shift ends on the terminal even when the WMS does not hear about it.
  b.request('signOffRequest', { method: 'POST', path: '/operators/{{ operatorId }}/sign-off', ok: 'endSignedOff', error: 'endSignedOff' });
  b.end('endSignedOff', { text: t('Signed off. Goodbye.', 'Работа завершена. До свидания.'), outcome: 'signedOff', result: '{"status": "signedOff"}' });
  b.end('endNoAnswer', {
    text: t('No answer. Call your supervisor. Signing off.', 'Нет ответа. Позовите старшего. Работа завершена.'),
    outcome: 'abandoned',
    result: '{"status": "noAnswer"}',
  });
}

/**
 * One location visit: "Slot 4 A" → the operator reads the check digits, a checked answer:
 * wrong digits → "Wrong, try again" and the slot again; the third wrong try in this visit
 * leaves through `wrong` to the supervisor, whose "ready" asks again with a fresh count.
 * `id` names the ask (the supervisor ask is `<id>Supervisor`); `expected` is the CEL of the
 * right digits.
 */
export function checkDigitsStep(
  b: FlowBuilder,
  id: string,
  spec: { prompt: LocalizedText; expected: string; next: string; extraOutcomes?: { name: string; grammar: Grammar; to: string }[]; inPlaceWords?: FlowInPlaceWord[] },
): void {
  b.ask(id, {
    prompt: spec.prompt,
    help: t('Read the check digits at the location, for example five seven.', 'Назовите контрольные цифры адреса, например: пять семь.'),
    outcomes: [{ name: 'checkDigits', grammar: grammar.checkDigits, to: spec.next }, ...(spec.extraOutcomes ?? [])],
    check: {
      expr: `answer.value == ${spec.expected}`,
      wrong: t('Wrong, try again.', 'Неверно, повторите.'),
      limit: 3,
      outcomes: ['checkDigits'],
      to: `${id}Supervisor`,
    },
    giveUp: 'endNoAnswer',
    ...(spec.inPlaceWords ? { inPlaceWords: spec.inPlaceWords } : {}),
  });
  b.ask(`${id}Supervisor`, {
    prompt: t(
      'Wrong check digits three times. Call your supervisor. Say ready to try again.',
      'Три раза неверные контрольные цифры. Позовите старшего. Скажите «готов», чтобы повторить.',
    ),
    help: t('Your supervisor checks the location. Then say ready.', 'Старший проверит адрес. Затем скажите «готов».'),
    outcomes: [{ name: 'ready', grammar: grammar.ready, to: id }],
    giveUp: 'endNoAnswer',
  });
}

/** The variables `nextWorkStep` fills: whether there was work, and the WMS's view of it. */
export function nextWorkVariables(variable: string, description: string, availableDescription?: string): FlowVariable[] {
  return [
    { name: 'available', type: 'bool', default: false, ...(availableDescription ? { description: availableDescription } : {}) },
    { name: variable, type: 'dyn', default: null, description },
  ];
}

/**
 * The opening every work process shares: ask the WMS for the operator's next piece of work
 * (`POST path`, answered `{ available, <variable> }`); nothing left → say goodbye and end.
 */
export function nextWorkStep(
  b: FlowBuilder,
  o: { id: string; path: string; variable: string; first: string; noWork: LocalizedText },
): void {
  const decision = `has${o.variable[0]!.toUpperCase()}${o.variable.slice(1)}`;
  b.request(o.id, {
    method: 'POST',
    path: o.path,
    body: '{"operatorId": operatorId}',
    mapping: { available: 'response.body.available', [o.variable]: `response.body.${o.variable}` },
    ok: decision,
    error: 'wmsError',
  });
  b.decision(decision, [{ name: 'work', condition: 'available', to: o.first }], 'endNoWork');
  b.end('endNoWork', { text: o.noWork, outcome: 'done', result: '{"status": "noWork"}' });
}

