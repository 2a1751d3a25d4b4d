// One rule for dist vs sources, shared by every bin of the repository (compiler/bin/voiceman.js,
// cli/bin/voiceman.js): in the repository (the entry's TypeScript source exists) run the
// sources through tsx, with the `source` export condition so workspace packages are read from
// their sources too; a stale or missing dist/ can then never be what runs. A published package
// ships no src/ and runs dist/.
import { existsSync } from 'node:fs';
import { register } from 'node:module';

export async function launch(sources, dist) {
  if (existsSync(sources)) {
    const { register: registerTsx } = await import('tsx/esm/api');
    registerTsx();
    // Registered last, so it runs first: it adds the condition, then tsx and Node's resolver see it.
    register('./source-condition.mjs', import.meta.url);
    await import(sources.href);
  } else {
    await import(dist.href);
  }
}
