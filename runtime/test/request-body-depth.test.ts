import { describe, expect, it } from 'vitest';
import { MAX_BODY_DEPTH } from '../src/request-runner.js';
import { pickMachine } from './fixtures.js';
import { run } from './helpers.js';

describe('a WMS answer nested too deep', () => {
  it('is a REQUEST.ERROR the flow handles (not a crash of the dialog), and says why', async () => {
    let body: unknown = 1;
    for (let i = 0; i < 20_000; i++) body = { next: body };
    const { result, host } = await run(pickMachine, { listen: ['four two seven', 'yes'], responses: [{ status: 200, body: body as never }] });
    expect(result).toMatchObject({ status: 'done', stateId: 'wmsDown' });
    const error = host.events.find((e) => e.type === 'wms.error');
    expect(error?.data.message).toMatch(new RegExp(`^response body the value nests deeper than ${MAX_BODY_DEPTH} levels at /next/next`));
    expect(host.events.some((e) => e.type === 'error')).toBe(false);
  });
});
