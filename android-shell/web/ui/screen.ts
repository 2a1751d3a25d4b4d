/**
 * The terminal's screen: a thin view of `Terminal.view`. Elements are built once per screen and
 * updated in place (an input keeps its focus and text while prompts change). Test ids name what
 * an operator looks at.
 */
import type { Bridge } from '../bridge/contract.js';
import type { WebBridge } from '../bridge/web.js';
import type { Terminal, TerminalView } from '../core/terminal.js';
import { screenText } from './texts.js';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

export function mountScreen(root: HTMLElement, terminal: Terminal, bridge: Bridge): void {
  const web = bridge.kind === 'web' ? (bridge as WebBridge) : null;
  const t = screenText(navigator.language);

  // Status bar
  const site = el('span', { class: 'vm-site', 'data-testid': 'site' });
  const operator = el('span', { class: 'vm-pill', 'data-testid': 'operator' });
  const process = el('span', { class: 'vm-pill', 'data-testid': 'process' });
  const net = el('span', { class: 'vm-pill', 'data-testid': 'network' });
  const queue = el('span', { class: 'vm-pill', 'data-testid': 'queue' });
  const rejected = el('span', { class: 'vm-pill bad', 'data-testid': 'rejected' });
  const waiting = el('span', { class: 'vm-pill warn', 'data-testid': 'waiting-version' });
  const bar = el('header', { class: 'vm-bar' }, site, operator, process, net, queue, rejected, waiting);

  // Setup
  const servers = el('textarea', { rows: '2', 'data-testid': 'servers', placeholder: 'https://voiceman.example:3000' });
  servers.value = `${location.protocol.startsWith('http') ? location.origin : ''}`;
  const code = el('input', { class: 'code', 'data-testid': 'pairing-code', maxlength: '12', autocomplete: 'off' });
  // The QR code an admin shows holds `<server>/terminal/?pair=<code>`: scanned, the code is filled in.
  code.value = (new URLSearchParams(location.search).get('pair') ?? '').slice(0, 12);
  const pairBtn = el('button', { class: 'vm-btn', 'data-testid': 'pair' }, t.pair);
  const pairError = el('div', { class: 'vm-msg error', 'data-testid': 'pair-error', hidden: '' });
  const setup = el('section', { class: 'vm-setup', 'data-testid': 'setup' },
    el('h1', {}, t.setupTitle), el('label', {}, t.servers), servers, el('label', {}, t.code), code, pairBtn, pairError);
  pairBtn.onclick = async () => {
    pairBtn.disabled = true;
    pairError.hidden = true;
    try {
      await terminal.pair(servers.value, code.value);
    } catch (error) {
      pairError.textContent = (error as Error).message;
      pairError.hidden = false;
    } finally {
      pairBtn.disabled = false;
    }
  };

  // Chooser
  const processes = el('div', { class: 'vm-processes', 'data-testid': 'processes' });
  const choose = el('section', { 'data-testid': 'chooser' }, el('h1', {}, t.chooseTitle), processes);

  // Running
  const prompt = el('div', { class: 'vm-prompt', 'data-testid': 'prompt', 'aria-live': 'polite' });
  const heard = el('div', { class: 'vm-heard', 'data-testid': 'heard' });
  const answer = el('input', { 'data-testid': 'answer', autocomplete: 'off', placeholder: t.answerHint, 'aria-label': t.answerHint });
  const send = el('button', { class: 'vm-btn', 'data-testid': 'send' }, t.send);
  const mic = el('button', { class: 'vm-btn secondary', 'data-testid': 'microphone' }, t.microphone);
  const answerRow = el('form', { class: 'vm-answer' }, answer, send, mic);
  answerRow.onsubmit = (e) => {
    e.preventDefault();
    web?.answer(answer.value);
    answer.value = '';
  };
  answer.oninput = () => web?.typing();
  mic.hidden = !web?.hasMicrophone;
  mic.onclick = (e) => {
    e.preventDefault();
    if (web) web.microphone = !web.microphone;
    mic.classList.toggle('secondary', !web?.microphone);
  };
  answerRow.hidden = !web;
  const voiceBtn = (label: string, change: Parameters<Terminal['adjustVoice']>[0], id: string) => {
    const b = el('button', { class: 'vm-btn secondary', 'data-testid': id }, label);
    b.onclick = () => void terminal.adjustVoice(change);
    return b;
  };
  const voice = el('div', { class: 'vm-voice' },
    voiceBtn(t.louder, { volume: 0.1 }, 'louder'), voiceBtn(t.quieter, { volume: -0.1 }, 'quieter'),
    voiceBtn(t.faster, { rate: 0.1 }, 'faster'), voiceBtn(t.slower, { rate: -0.1 }, 'slower'));
  const log = el('ol', { class: 'vm-log', 'data-testid': 'transcript' });
  const running = el('section', { class: 'vm-main', 'data-testid': 'running' }, prompt, heard, answerRow, voice, log);

  const messages = el('div', { class: 'vm-messages', 'data-testid': 'messages' });
  const rejectedList = el('ul', { class: 'vm-rejected', 'data-testid': 'rejected-list' });
  const main = el('main', { class: 'vm-main' }, messages, setup, choose, running, rejectedList);
  root.append(el('div', { class: 'vm-app' }, bar, main));

  let shownProcesses = '';
  let shownLog = 0;
  let shownMessages = '';
  const render = (v: TerminalView) => {
    document.body.dataset.phase = v.phase;
    bar.hidden = v.phase === 'setup' || v.phase === 'boot';
    setup.hidden = v.phase !== 'setup';
    choose.hidden = v.phase !== 'choose';
    running.hidden = v.phase !== 'running';
    site.textContent = v.site ? v.site.name : '';
    operator.textContent = v.operatorId ? `${t.operator} ${v.operatorId}` : t.noOperator;
    process.hidden = !v.session;
    process.textContent = v.session ? `${v.session.processKey}${v.session.versionNumber ? ` v${v.session.versionNumber}` : ''}` : '';
    net.textContent = v.online ? t.online : t.offline;
    net.className = `vm-pill ${v.online ? 'ok' : 'bad'}`;
    net.dataset.online = String(v.online);
    queue.textContent = `${t.queue} ${v.backlog}`;
    queue.dataset.backlog = String(v.backlog);
    rejected.hidden = v.rejected.length === 0;
    rejected.textContent = `${t.rejected} ${v.rejected.length}`;
    waiting.hidden = v.waitingVersions.length === 0;
    waiting.textContent = `${t.newVersion}: ${v.waitingVersions.join(', ')}`;
    prompt.textContent = v.prompt ?? '…';
    prompt.classList.toggle('listening', v.listening);
    prompt.dataset.listening = String(v.listening);
    heard.replaceChildren(el('small', {}, t.heard), v.heard ? (v.heard.kind === 'silence' ? t.silence : v.heard.text) : '');
    const procKey = v.processes.map((p) => `${p.processKey}:${p.versionNumber}`).join(',');
    if (procKey !== shownProcesses) {
      shownProcesses = procKey;
      processes.replaceChildren(...v.processes.map((p) => {
        const b = el('button', { class: 'vm-btn', 'data-testid': `process-${p.processKey}` }, `${p.name}`);
        b.onclick = () => void terminal.choose(p.processKey);
        return b;
      }));
      if (v.processes.length === 0) processes.append(el('div', { class: 'vm-msg' }, t.noProcesses));
    }
    if (v.transcript.length !== shownLog || (shownLog > 0 && log.lastElementChild?.textContent !== v.transcript.at(-1)?.text)) {
      shownLog = v.transcript.length;
      log.replaceChildren(...v.transcript.slice(-12).map((x) => el('li', { class: x.kind }, x.text)));
    }
    const msgKey = v.messages.map((m) => m.at + m.text).join('|');
    if (msgKey !== shownMessages) {
      shownMessages = msgKey;
      messages.replaceChildren(...v.messages.slice(-4).map((m) => el('div', { class: `vm-msg ${m.level}` }, m.text)));
    }
    rejectedList.replaceChildren(...v.rejected.slice(0, 5).map((r) => el('li', {}, `${r.code}: ${r.message}`)));
  };
  // One render per frame however many changes a step makes (speak, listen, heard, counts):
  // the DOM work stays off the path from the operator's word to the reply.
  let frame = false;
  terminal.subscribe(() => {
    if (frame) return;
    frame = true;
    requestAnimationFrame(() => {
      frame = false;
      render(terminal.view);
    });
  });
  // Push-to-talk on the chooser starts the only process; Enter in the answer box answers.
  bridge.onEvent((e) => {
    if (e.type === 'key' && e.key === 'ptt' && e.down && terminal.view.phase === 'choose' && terminal.view.processes.length === 1) {
      void terminal.choose(terminal.view.processes[0]!.processKey);
    }
  });
}
