import { describe, expect, it } from 'vitest';
import { orthogonalPath, snapRoute } from './OutcomeEdge.js';

describe('edge paths', () => {
  it('keeps a layout route orthogonal when its ends move onto the real handles', () => {
    const route = [{ x: 100, y: 100 }, { x: 100, y: 130 }, { x: 300, y: 130 }, { x: 300, y: 200 }];
    const points = snapRoute(route, { x: 104, y: 98 }, { x: 296, y: 202 });
    expect(points).toEqual([{ x: 104, y: 98 }, { x: 104, y: 130 }, { x: 296, y: 130 }, { x: 296, y: 202 }]);
    expect(orthogonalPath(points)).toBe('M104,98 L104,130 L296,130 L296,202');
  });

  it('turns a diagonal step into a vertical and a horizontal leg', () => {
    expect(orthogonalPath([{ x: 0, y: 0 }, { x: 10, y: 20 }])).toBe('M0,0 L0,20 L10,20');
  });
});
