import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverDir = fileURLToPath(new URL('..', import.meta.url));

/** `npm start` as a real process (the TypeScript entry through tsx): its exit code and output. */
function startWith(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // PORT 0 and a throw-away DATA_DIR: if the server wrongly started, it would take nothing from another test.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: serverDir,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory', VOICEMAN_EXAMPLES: 'off', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('VOICEMAN_RETENTION_MONTHS at start', () => {
  it('abc stops the server before it opens anything, with one line saying what to give', async () => {
    const { code, output } = await startWith({ VOICEMAN_RETENTION_MONTHS: 'abc' });
    expect(code).toBe(1);
    expect(output.trim()).toBe('Voiceman did not start: VOICEMAN_RETENTION_MONTHS="abc" is not a retention: give a whole number of months from 1 to 1200, or off to keep dialog events forever');
  }, 60_000);
});
