// One rule for dist vs sources, shared by every bin of the repository (compiler/bin/voiceman.js,
// cli/bin/voiceman.js): in the repository (the entry's TypeScript source exists) run the
// sources through tsx, with the `source` export condition so workspace packages are read from
// their sources too; a stale or missing dist/ can then never be what runs. A published package
// ships no src/ and runs dist/. tsx is only the repository's dev dependency (root package.json):
// the server and whoever installs these packages do not get it.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

export async function launch(sources, dist) {
  if (!existsSync(sources)) {
    await import(dist.href);
    return;
  }
  let registerTsx;
  try {
    ({ register: registerTsx } = await import('tsx/esm/api'));
  } catch {
    // Sources without tsx: a checkout whose dev dependencies were not installed.
    process.stderr.write(`voiceman: ${sources.pathname} needs tsx to run from sources; run \`npm install\` in the repository.\n`);
    process.exit(2);
  }
  registerTsx();
  // Registered last, so it runs first: it adds the condition, then tsx and Node's resolver see it.
  register('./source-condition.mjs', import.meta.url);
  await import(sources.href);
}
