import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresBinDir } from './postgres.js';

describe('postgresBinDir', () => {
  const saved = process.env.PG_BIN;
  afterEach(() => {
    if (saved === undefined) delete process.env.PG_BIN;
    else process.env.PG_BIN = saved;
  });

  it('finds initdb and pg_ctl off PATH, as a fresh Debian machine has them', async () => {
    delete process.env.PG_BIN;
    const dir = await postgresBinDir();
    expect(dir).toBeDefined();
    expect(existsSync(join(dir!, 'initdb')) && existsSync(join(dir!, 'pg_ctl'))).toBe(true);
  });

  it('PG_BIN wins', async () => {
    process.env.PG_BIN = '/opt/pg/bin';
    expect(await postgresBinDir()).toBe('/opt/pg/bin');
  });
});
