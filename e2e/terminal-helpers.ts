/**
 * Drives the terminal app in Chromium, in either of its two faces: `fake` (the Android shell's
 * double, e2e/terminal-fake-bridge.ts, answering from a script) or `web` (the /terminal/ soft
 * terminal with its text box). The same test bodies run against both.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { installFakeBridge, type FakeBridgeState } from './terminal-fake-bridge.js';
import { pairingCode, type TerminalTestServer } from './terminal-server.js';

export type Mode = 'fake' | 'web';
export const MODES: Mode[] = ['fake', 'web'];
const dist = fileURLToPath(new URL('../android-shell/dist/web/', import.meta.url));

/** Records every event id the app queues, in localStorage (it survives reloads). */
function installAudit() {
  (window as unknown as { __voicemanAudit: (e: { id: string }) => void }).__voicemanAudit = (e) => {
    const key = '__audit';
    localStorage.setItem(key, (localStorage.getItem(key) ?? '') + e.id + ',');
  };
}

/** Serves android-shell/dist/web under the server's /terminal/ when the server does not (yet). */
export async function serveTerminalIfMissing(context: BrowserContext, server: TerminalTestServer): Promise<void> {
  const probe = await fetch(`${server.url}/terminal/`).catch(() => null);
  if (probe?.ok) return;
  await context.route(`${server.url}/terminal/**`, async (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^\/terminal\/?/, '') || 'index.html';
    const types: Record<string, string> = { html: 'text/html', js: 'text/javascript', json: 'application/json' };
    try {
      const body = await readFile(join(dist, path));
      await route.fulfill({ status: 200, body, contentType: types[path.split('.').pop() ?? ''] ?? 'application/octet-stream' });
    } catch {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
}

export class TerminalPage {
  constructor(readonly page: Page, readonly mode: Mode, readonly server: TerminalTestServer, readonly query = '') {}

  /** `audit: false` (the benchmark): no event-id record, whose localStorage writes sit inside every step. */
  static async open(context: BrowserContext, mode: Mode, server: TerminalTestServer, query = '?rules=1000&heartbeat=2000', options: { audit?: boolean } = {}): Promise<TerminalPage> {
    await serveTerminalIfMissing(context, server);
    // Functions serialised from code run through esbuild (tsx: the benchmark) call its __name helper.
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    if (options.audit !== false) await context.addInitScript(installAudit);
    if (mode === 'fake') await context.addInitScript(installFakeBridge);
    const page = context.pages()[0] ?? (await context.newPage());
    const t = new TerminalPage(page, mode, server, query);
    await t.goto();
    return t;
  }

  get url(): string {
    return `${this.server.url}/terminal/${this.query}`;
  }

  async goto(): Promise<void> {
    await this.page.goto(this.url);
  }

  async reload(): Promise<void> {
    await this.page.reload();
  }

  /** Pairs with a fresh one-time code from the admin API, as a supervisor would. */
  async pair(name: string): Promise<void> {
    await expect(this.page.getByTestId('setup')).toBeVisible();
    const got = await pairingCode(this.server.admin, name);
    if ('code' in got) {
      await this.page.getByTestId('servers').fill(this.server.url);
      await this.page.getByTestId('pairing-code').fill(got.code);
      await this.page.getByTestId('pair').click();
    } else {
      // The pairing route is not on this server yet: the same config the pairing would store.
      const config = { servers: [this.server.url], terminalId: got.terminalId, token: got.token, site: { id: 'dev-lab', name: 'Development lab', environment: 'development' } };
      const key = (this.mode === 'fake' ? 'fake-native:' : '') + 'voiceman.terminal.config';
      await this.page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [key, JSON.stringify(config)]);
      await this.reload();
    }
    await expect(this.page.getByTestId('chooser')).toBeVisible();
  }

  async choose(processKey: string): Promise<void> {
    await this.page.getByTestId(`process-${processKey}`).click();
    await expect(this.page.getByTestId('running')).toBeVisible();
  }

  /** Waits until the terminal listens, then the operator says `text` (`null`: stays silent, fake only). */
  async say(text: string | null): Promise<void> {
    await expect(this.page.getByTestId('prompt')).toHaveAttribute('data-listening', 'true', { timeout: 20_000 });
    if (this.mode === 'fake') {
      await this.page.waitForFunction(() => (window as unknown as { __fake: FakeBridgeState }).__fake.listening);
      await this.page.evaluate((line) => (window as unknown as { __fake: FakeBridgeState }).__fake.say(line), text);
    } else {
      if (text === null) throw new Error('the soft terminal has no scripted silence');
      await this.page.getByTestId('answer').fill(text);
      await this.page.getByTestId('answer').press('Enter');
    }
    await expect(this.page.getByTestId('prompt')).not.toHaveAttribute('data-listening', 'true', { timeout: 5_000 }).catch(() => undefined);
  }

  async sayAll(lines: string[]): Promise<void> {
    for (const line of lines) await this.say(line);
  }

  async expectPrompt(text: string | RegExp, timeout = 20_000): Promise<void> {
    await expect(this.page.getByTestId('prompt')).toHaveText(text, { timeout });
  }

  /** Everything spoken since the page loaded: the fake shell's record, or the screen's log. */
  async spoken(): Promise<string[]> {
    if (this.mode === 'fake') return this.page.evaluate(() => (window as unknown as { __fake: FakeBridgeState }).__fake.spoken.map((s) => s.text));
    return this.page.evaluate(() => (window as unknown as { voicemanTerminal: { view: { transcript: { kind: string; text: string }[] } } }).voicemanTerminal.view.transcript.filter((x) => x.kind === 'say').map((x) => x.text));
  }

  /** Ids of every event the app queued on this origin (across reloads). */
  async emittedIds(): Promise<string[]> {
    return this.page.evaluate(() => (localStorage.getItem('__audit') ?? '').split(',').filter(Boolean));
  }

  async expectQueueEmpty(timeout = 30_000): Promise<void> {
    await expect(this.page.getByTestId('queue')).toHaveAttribute('data-backlog', '0', { timeout });
  }

  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `test-results/terminal/${name}-${this.mode}.png` });
  }
}

/** The first assignment of operator 427 (mock WMS data): every answer from sign-on to the door. */
export const SIGN_ON = ['four two seven', 'yes'];
export const WHOLE_ASSIGNMENT = [
  ...SIGN_ON, 'ready', 'ready',
  'five seven', 'three',
  'two one', 'two',
  'ready', 'eight three', 'five',
  'ready', 'nine two', 'one',
  'three eight',
];
export const WHOLE_ASSIGNMENT_PROMPTS = [
  'Operator ID?', 'Operator 4 2 7, correct?', 'Hello, Ivan Petrov.',
  'Assignment 1 0 2 3 4, 4 picks, 11 cases. Ready?', 'Aisle 12.', 'Slot 4 A.', 'Pick 3.',
  'Slot 9 B.', 'Pick 2.',
  'Aisle 14.', 'Slot 2 A.', 'Pick 5.',
  'Aisle 15.', 'Slot 6 A.', 'Pick 1.',
  'Deliver to door 5.', 'Assignment complete.', 'No more assignments. Goodbye.',
];
