import { describe, expect, it } from 'vitest';
import { deployRest, deployRoute, figureRows, parseIds, parseThresholds, siteColumns } from './model.js';

describe('the deployments section without React', () => {
  it('reads and writes its routes; anything else is the matrix', () => {
    for (const r of [{ page: 'matrix' }, { page: 'rights' }, { page: 'history', siteId: 'dc-1', processKey: 'case-picking' }, { page: 'rollout', id: 42 }] as const) {
      expect(deployRoute(deployRest(r))).toEqual(r);
    }
    expect(deployRoute('rollouts/0')).toEqual({ page: 'matrix' });
    expect(deployRoute('rollouts/1e3')).toEqual({ page: 'matrix' });
    expect(deployRoute('history/only-site')).toEqual({ page: 'matrix' });
  });

  it('lists sites by environment with the right to deploy', () => {
    const m = {
      environments: [
        { name: 'test', mayDeploy: true, sites: [{ id: 't1', name: 'T1' }] },
        { name: 'production', mayDeploy: false, sites: [{ id: 'p1', name: 'P1' }, { id: 'p2', name: 'P2' }] },
      ],
      processes: [],
    };
    expect(siteColumns(m).map((c) => [c.siteId, c.environment, c.mayDeploy])).toEqual([['t1', 'test', true], ['p1', 'production', false], ['p2', 'production', false]]);
  });

  it('parses a group and thresholds as typed, refusing what is out of range', () => {
    expect(parseIds(' t-1, t-2\nt-1;op 7 ')).toEqual(['t-1', 't-2', 'op', '7']);
    expect(parseThresholds({ errorPoints: '5', noMatchPoints: '', taskRatio: '1,5', minSessions: '20' })).toEqual({ thresholds: { errorRate: 0.05, meanTaskTime: 1.5, minSessions: 20 } });
    expect(parseThresholds({ errorPoints: '', noMatchPoints: '', taskRatio: '', minSessions: '' })).toEqual({ thresholds: {} });
    expect(parseThresholds({ errorPoints: '150', noMatchPoints: '', taskRatio: '', minSessions: '' })).toEqual({ invalid: 'errorPoints' });
    expect(parseThresholds({ errorPoints: '', noMatchPoints: 'x', taskRatio: '', minSessions: '' })).toEqual({ invalid: 'noMatchPoints' });
    expect(parseThresholds({ errorPoints: '', noMatchPoints: '', taskRatio: '0.5', minSessions: '' })).toEqual({ invalid: 'taskRatio' });
    expect(parseThresholds({ errorPoints: '', noMatchPoints: '', taskRatio: '', minSessions: '2.5' })).toEqual({ invalid: 'minSessions' });
  });

  it('shows the group against the rest, marking where the group does worse', () => {
    const side = (errorRate: number | null, meanTaskMs: number | null) => ({ sessions: 4, ended: 3, errors: 1, errorRate, hypotheses: 0, noMatches: 0, noMatchRate: null, completed: 2, meanTaskMs });
    const rows = figureRows({ group: side(0.5, 60_000), rest: side(0.1, 30_000), from: '', to: '', crossed: null });
    expect(rows.map((r) => [r.key, r.group, r.rest, r.worse])).toEqual([
      ['sessions', '4 (3)', '4 (3)', false], ['errorRate', '50.0%', '10.0%', true], ['noMatchRate', '–', '–', false], ['meanTask', '60.0 s', '30.0 s', true],
    ]);
  });
});
