/** Generated flows for property tests and the benchmark. */
import type { Lang } from '@voiceman/runtime';
import type { FlowEdge, FlowGraph, FlowNode } from '../src/index.js';

export const at = { x: 0, y: 0 };
const WORDS: Record<Lang, string[]> = { en: ['ready', 'skip', 'short', 'damaged', 'later'], ru: ['готов', 'пропуск', 'недостача', 'брак', 'позже'] };
const CONDITIONS = ['qty > 1', 'name == "a"', 'true', 'size(name) < 3'];

export type AskShape = 'phrases' | 'digits' | 'number' | 'yesNo' | 'confirm';
export type Step = { kind: 'say' | 'set' | 'request' | 'decision' | 'ask' | 'subflow'; extra: number; back: number };

export interface GenerateOptions {
  /** Declared languages (default English only). */
  languages?: Lang[];
  /** Process key of the flow (default `random`). */
  key?: string;
  /** Process a `subflow` step calls (default `callee`; see buildCallee). */
  calleeKey?: string;
}

const ASK_SHAPES: AskShape[] = ['phrases', 'digits', 'number', 'yesNo', 'confirm'];

/** `text` in every language, with a Russian stand-in. */
const texts = (languages: Lang[], en: string, ru = `Шаг: ${en}`) => Object.fromEntries(languages.map((l) => [l, l === 'en' ? en : ru]));

/**
 * A valid flow from a list of steps: a chain start → steps → end where every step's first
 * outcome continues the chain, other outcomes of silent nodes jump forward, and an ask's other
 * outcomes may jump back (so every cycle passes through an ask). Asks vary over phrases,
 * digits, numbers, yes/no and a confirmed answer; a `subflow` step calls `options.calleeKey`.
 */
export function buildFlow(steps: Step[], options: GenerateOptions = {}): FlowGraph {
  const languages = options.languages ?? ['en'];
  const nodes: FlowNode[] = [{ id: 'start', kind: 'start', position: at, data: {} }];
  const edges: FlowEdge[] = [];
  const ids = steps.map((_, i) => `n${i}`);
  const endId = 'end';
  const link = (source: string, outcome: string, target: string) => edges.push({ id: `e${edges.length}`, source, outcome, target });
  link('start', 'next', ids[0] ?? endId);
  steps.forEach((step, i) => {
    const id = ids[i]!;
    const next = ids[i + 1] ?? endId;
    const forward = ids[i + 1 + (step.back % Math.max(1, steps.length - i))] ?? endId;
    const backward = i > 0 ? ids[step.back % i]! : next;
    switch (step.kind) {
      case 'say':
        nodes.push({ id, kind: 'say', position: at, data: { text: texts(languages, `Step ${i}, {{ qty }}`, `Шаг ${i}, {{ qty }}`) } });
        link(id, 'next', next);
        break;
      case 'set':
        nodes.push({ id, kind: 'set', position: at, data: { assignments: [{ variable: 'qty', expr: 'qty + 1' }] } });
        link(id, 'next', next);
        break;
      case 'request':
        nodes.push({
          id,
          kind: 'request',
          position: at,
          data: { method: 'GET', url: 'https://wms.example/x/{{ qty }}', timeoutMs: 1000, retries: 0, mapping: [{ variable: 'name', expr: 'string(response.body.n)' }] },
        });
        link(id, 'ok', next);
        link(id, 'error', forward);
        break;
      case 'decision': {
        const branches = Array.from({ length: 1 + (step.extra % 2) }, (_, b) => ({ name: `b${b}`, condition: CONDITIONS[(step.back + b) % CONDITIONS.length]! }));
        nodes.push({ id, kind: 'decision', position: at, data: { branches } });
        link(id, 'b0', next);
        branches.slice(1).forEach((b) => link(id, b.name, forward));
        link(id, 'else', forward);
        break;
      }
      case 'subflow':
        nodes.push({ id, kind: 'subflow', position: at, data: { processKey: options.calleeKey ?? 'callee', inputs: { count: 'qty' }, outputs: { name: 'code' } } });
        link(id, 'done', next);
        link(id, 'failed', forward);
        break;
      case 'ask': {
        const ask = askNode(id, i, ASK_SHAPES[step.back % ASK_SHAPES.length]!, step.extra, languages);
        nodes.push(ask.node);
        const [first, ...others] = ask.outcomes;
        link(id, first!, next);
        others.forEach((o) => link(id, o, backward === id ? next : backward));
        link(id, 'noInput', endId);
        link(id, 'noMatch', forward);
        break;
      }
    }
  });
  nodes.push({ id: endId, kind: 'end', position: at, data: { text: texts(languages, 'Done.', 'Готово.'), result: 'qty' } });
  return {
    formatVersion: 1,
    process: {
      key: options.key ?? 'random',
      name: 'Random',
      languages,
      variables: [
        { name: 'qty', type: 'int', default: 0 },
        { name: 'name', type: 'string', default: '' },
      ],
      globalWords: [{ name: 'signOff', phrases: Object.fromEntries(languages.map((l) => [l, [l === 'en' ? 'sign off' : 'выход']])), target: endId }],
    },
    nodes,
    edges,
  };
}

function askNode(id: string, i: number, shape: AskShape, extra: number, languages: Lang[]): { node: FlowNode; outcomes: string[] } {
  const base = {
    prompt: texts(languages, `Question ${i}?`, `Вопрос ${i}?`),
    noInput: { reprompts: [], maxAttempts: 2 },
    noMatch: { reprompts: [texts(languages, 'Again.', 'Ещё раз.')], maxAttempts: 2 },
  };
  const phrases = (k: number) => Object.fromEntries(languages.map((l) => [l, [WORDS[l][k]!]]));
  let outcomes: { name: string; grammar: Extract<FlowNode, { kind: 'ask' }>['data']['outcomes'][number]['grammar'] }[];
  let saveAs: string | undefined;
  let confirm: { prompt: Record<string, string> } | undefined;
  switch (shape) {
    case 'phrases':
      outcomes = WORDS.en.slice(0, 1 + (extra % 3)).map((w, k) => ({ name: w, grammar: { type: 'phrases', phrases: phrases(k) } }));
      break;
    case 'digits':
      outcomes = [{ name: 'code', grammar: { type: 'digits', minLength: 2, maxLength: 4 } }, { name: 'skip', grammar: { type: 'phrases', phrases: phrases(1) } }];
      saveAs = 'name';
      break;
    case 'number':
      outcomes = [{ name: 'count', grammar: { type: 'number', min: 1, max: 99 } }];
      if (extra % 2 === 1) outcomes.push({ name: 'short', grammar: { type: 'phrases', phrases: phrases(2) } });
      saveAs = extra % 2 === 1 ? undefined : 'qty';
      break;
    case 'yesNo':
      outcomes = [{ name: 'yes', grammar: { type: 'yes' } }, { name: 'no', grammar: { type: 'no' } }];
      break;
    case 'confirm':
      outcomes = [{ name: 'count', grammar: { type: 'number', min: 0, max: 500 } }];
      saveAs = 'qty';
      confirm = { prompt: texts(languages, 'You said {{ answer.value }}?', 'Вы сказали {{ answer.value }}?') };
      break;
  }
  const data = { ...base, outcomes, ...(saveAs ? { saveAs } : {}), ...(confirm ? { confirm } : {}) };
  return { node: { id, kind: 'ask', position: at, data } as FlowNode, outcomes: outcomes.map((o) => o.name) };
}

/**
 * The process a generated `subflow` step calls: input `count`, output `code`, two end
 * outcomes (`done`, `failed`), an ask with digits, a process-wide word of its own.
 */
export function buildCallee(languages: Lang[] = ['en'], key = 'callee'): FlowGraph {
  const flow = buildFlow(
    [
      { kind: 'ask', extra: 0, back: 1 },
      { kind: 'say', extra: 0, back: 0 },
    ],
    { languages, key },
  );
  flow.process.variables.push({ name: 'count', type: 'int', default: 0, input: true }, { name: 'code', type: 'string', default: '', output: true });
  flow.nodes.push({ id: 'fail', kind: 'end', position: at, data: { outcome: 'failed', text: texts(languages, 'Giving up.', 'Отмена.') } });
  // noMatch of the ask leads to the failing end: both outcomes are reachable.
  flow.edges = flow.edges.map((e) => (e.source === 'n0' && e.outcome === 'noMatch' ? { ...e, target: 'fail' } : e));
  flow.process.globalWords = [{ name: 'cancel', phrases: Object.fromEntries(languages.map((l) => [l, [l === 'en' ? 'cancel task' : 'отмена задания']])), target: 'fail' }];
  return flow;
}
