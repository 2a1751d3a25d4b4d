import { describe, expect, it } from 'vitest';
import { seed, type Seed } from './seed.js';
import { WmsStore } from './store.js';

/**
 * Counts against a data set with what the shipped seed lacks: a pick face holding two SKUs and
 * an empty location that the counter finds stock in.
 */
function storeWith(counts: Seed['counts'], stock: Seed['stock'] = []): WmsStore {
  const store = new WmsStore({ data: { ...seed, stock: [...seed.stock, ...stock], counts } });
  store.signOn('427');
  return store;
}

const count = (store: WmsStore, id: string, quantity: number) => store.submitCount(id, { operatorId: '427', quantity });

describe('cycle count variance', () => {
  it('compares and adjusts only the counted SKU at a location holding several', () => {
    const store = storeWith(
      [
        { id: 'C-OIL', operatorId: '427', locationId: '12-04A', skuId: '100871' },
        { id: 'C-MILK', operatorId: '427', locationId: '12-04A', skuId: '100234' },
      ],
      [{ locationId: '12-04A', skuId: '100871', quantity: 6 }],
    );
    // 20 milk + 6 oil: the oil count is measured against 6, not the location's 26.
    expect(count(store, 'C-OIL', 6)).toMatchObject({ result: 'match', expected: 6 });
    expect(count(store, 'C-MILK', 18)).toMatchObject({ result: 'recount', expected: 20 });
    expect(count(store, 'C-MILK', 19)).toMatchObject({ result: 'variance', expected: 20 });
    expect(store.stockAt('12-04A')).toEqual([
      { locationId: '12-04A', skuId: '100234', quantity: 19 },
      { locationId: '12-04A', skuId: '100871', quantity: 6 },
    ]);
  });

  it('a variance on the second-listed SKU leaves the first one alone', () => {
    const store = storeWith(
      [{ id: 'C-OIL', operatorId: '427', locationId: '12-04A', skuId: '100871' }],
      [{ locationId: '12-04A', skuId: '100871', quantity: 6 }],
    );
    count(store, 'C-OIL', 4);
    expect(count(store, 'C-OIL', 4)).toMatchObject({ result: 'variance', expected: 6 });
    expect(store.quantityAt('12-04A', '100234')).toBe(20);
    expect(store.quantityAt('12-04A', '100871')).toBe(4);
  });

  it('creates the stock record when an empty location turns out to hold the SKU', () => {
    const store = storeWith([{ id: 'C-EMPTY', operatorId: '427', locationId: '31-07-2', skuId: '512019' }]);
    expect(store.stockAt('31-07-2')).toEqual([]);
    expect(count(store, 'C-EMPTY', 5)).toMatchObject({ result: 'recount', expected: 0 });
    expect(count(store, 'C-EMPTY', 5)).toMatchObject({ result: 'variance', expected: 0 });
    expect(store.stockAt('31-07-2')).toEqual([{ locationId: '31-07-2', skuId: '512019', quantity: 5 }]);
  });

  it('an empty location counted empty is a match and stays without stock', () => {
    const store = storeWith([{ id: 'C-EMPTY', operatorId: '427', locationId: '31-07-2', skuId: '512019' }]);
    expect(count(store, 'C-EMPTY', 0)).toMatchObject({ result: 'match', expected: 0 });
    expect(store.stockAt('31-07-2')).toEqual([]);
  });
});
