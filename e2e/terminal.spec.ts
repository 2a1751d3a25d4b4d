/**
 * The terminal app against the real server (PostgreSQL) and the mock WMS, in both faces: the
 * Android shell's double (native bridge protocol) and the /terminal/ soft terminal (text box).
 */
import { test, expect } from './test.js';
import { MODES, TerminalPage, WHOLE_ASSIGNMENT, WHOLE_ASSIGNMENT_PROMPTS } from './terminal-helpers.js';
import { useTerminalServer } from './terminal-server.js';

const useServer = useTerminalServer();
test.beforeEach(async () => {
  await fetch(`${useServer().wms.url}/test/reset`, { method: 'POST' });
});

async function storedIds(terminalIdsOf: string[]): Promise<string[]> {
  const { rows } = await useServer().db.query<{ id: string }>('SELECT id::text AS id FROM dialog_events WHERE id = ANY($1::uuid[])', [terminalIdsOf]);
  return rows.map((r) => r.id);
}

for (const mode of MODES) {
  test.describe(`terminal (${mode})`, () => {
    test('a whole case-picking task from pairing and sign-on to the end, every event stored once', async ({ browser }) => {
      test.setTimeout(180_000);
      const context = await browser.newContext({ viewport: { width: 480, height: 800 } });
      const t = await TerminalPage.open(context, mode, useServer());
      await t.pair(`e2e ${mode} full`);
      await t.screenshot('chooser');
      await t.choose('case-picking');
      await t.expectPrompt('Operator ID?');
      await t.sayAll(WHOLE_ASSIGNMENT.slice(0, 6));
      await t.expectPrompt('Slot 9 B.');
      await expect(t.page.getByTestId('operator')).toContainText('427');
      await expect(t.page.getByTestId('heard')).toContainText('three');
      await t.screenshot('running');
      await t.sayAll(WHOLE_ASSIGNMENT.slice(6));
      await expect(t.page.getByTestId('chooser')).toBeVisible({ timeout: 20_000 });
      expect(await t.spoken()).toEqual(WHOLE_ASSIGNMENT_PROMPTS);
      const picks = (await (await fetch(`${useServer().wms.url}/picking/assignments/10234`)).json()) as { assignment: { status: string } };
      expect(picks.assignment.status).toBe('delivered');
      await t.expectQueueEmpty();
      const emitted = await t.emittedIds();
      expect(emitted.length).toBeGreaterThan(60);
      const stored = await storedIds(emitted);
      expect(stored.sort()).toEqual([...new Set(emitted)].sort());
      expect(new Set(emitted).size).toBe(emitted.length);
      await context.close();
    });
  });
}
