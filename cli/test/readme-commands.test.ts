/**
 * The README's CLI commands, run exactly as written (`npx voiceman …` in a shell) in a fresh
 * folder that holds a copy of examples/flows and a project's node_modules, as a new user runs
 * them after installing Voiceman: each must succeed and do what its comment says.
 */
import { exec } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** The shell commands of the README's "Flows in git: the CLI" block, comments dropped. */
export function readmeCommands(readme: string): string[] {
  const section = readme.slice(readme.indexOf('## Flows in git: the CLI'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx voiceman '));
}

function run(command: string, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    exec(command, { cwd, timeout: 240_000, maxBuffer: 64 << 20, env: { ...process.env, npm_config_offline: 'true' } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
    });
  });
}

describe("the README's CLI commands, as written", { timeout: 300_000 }, () => {
  const commands = readmeCommands(readFileSync(join(repo, 'README.md'), 'utf8'));

  it('are found in the README: compile, lint and test', () => {
    expect(commands.map((c) => c.split(' ')[2])).toEqual(['compile', 'lint', 'test']);
  });

  it('each succeeds in a fresh folder holding the examples', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'voiceman-readme-'));
    cpSync(join(repo, 'examples/flows'), join(dir, 'examples/flows'), { recursive: true });
    // A project that installed Voiceman: its node_modules hold the voiceman bin.
    symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
    for (const command of commands) {
      const { code, stdout, stderr } = await run(command, dir);
      expect(code, `${command}\n${stdout}\n${stderr}`).toBe(0);
      expect(stderr, command).not.toContain('compiler-failure');
      if (command.includes(' compile ')) {
        const out = /-o (\S+)/.exec(command)![1]!;
        expect(existsSync(join(dir, out)), out).toBe(true);
        expect(JSON.parse(readFileSync(join(dir, out), 'utf8')).meta.vm.reference.short_reasons.rows).toMatchObject({ damaged: 'DMG' });
      }
      if (command.includes(' lint ')) expect(stdout).toMatch(/5 flow\(s\): 0 error\(s\)/);
      if (command.includes(' test ')) expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed$/);
    }
  });
});
