/**
 * The mock WMS's deterministic data set: one small grocery distribution centre.
 * Every reset starts from exactly this, so tests and demos can name ids and check digits.
 */

export interface Operator {
  id: string;
  /** Latin, as the WMS's records and reports show it. */
  name: string;
  /** The same name in Cyrillic for Russian prompts; absent when nobody entered one. */
  nameRu?: string;
  active: boolean;
}

export type LocationType = 'pick' | 'reserve' | 'door' | 'receiving';

export interface Location {
  id: string;
  type: LocationType;
  /** What the terminal says: "Aisle 12" / "Slot 4 A" / "Door 5". */
  aisle: string;
  slot: string;
  /** Rack level of reserve locations ("slot 2, level 3"); null at floor-level pick faces. */
  level: string | null;
  /** Printed at the location; the operator reads them aloud to prove they are there. */
  checkDigits: string;
}

export interface Sku {
  id: string;
  description: { en: string; ru: string };
  /** Units per case; quantities in tasks are cases. */
  unitsPerCase: number;
}

export interface StockRecord {
  locationId: string;
  skuId: string;
  quantity: number;
}

export interface ReasonCode {
  code: string;
  description: { en: string; ru: string };
}

export interface SeedPick {
  id: string;
  locationId: string;
  skuId: string;
  quantity: number;
}

export interface SeedAssignment {
  id: string;
  operatorId: string;
  orderId: string;
  customer: string;
  doorId: string;
  picks: SeedPick[];
}

export interface SeedPutaway {
  id: string;
  operatorId: string;
  lpn: string;
  skuId: string;
  quantity: number;
  toLocationId: string;
}

export interface SeedReplenishment {
  id: string;
  operatorId: string;
  skuId: string;
  quantity: number;
  fromLocationId: string;
  toLocationId: string;
}

/** One SKU at one location: a location can hold several SKUs, and an empty one none yet. */
export interface SeedCount {
  id: string;
  operatorId: string;
  locationId: string;
  skuId: string;
}

export interface Seed {
  operators: Operator[];
  locations: Location[];
  skus: Sku[];
  stock: StockRecord[];
  reasonCodes: ReasonCode[];
  assignments: SeedAssignment[];
  putaways: SeedPutaway[];
  replenishments: SeedReplenishment[];
  counts: SeedCount[];
}

const pickFace = (id: string, aisle: string, slot: string, checkDigits: string): Location => ({
  id,
  type: 'pick',
  aisle,
  slot,
  level: null,
  checkDigits,
});
const reserve = (id: string, aisle: string, slot: string, level: string, checkDigits: string): Location => ({
  id,
  type: 'reserve',
  aisle,
  slot,
  level,
  checkDigits,
});

export const seed: Seed = {
  operators: [
    { id: '427', name: 'Ivan Petrov', nameRu: 'Иван Петров', active: true },
    { id: '315', name: 'Maria Sokolova', nameRu: 'Мария Соколова', active: true },
    // No Cyrillic name on file: Russian prompts fall back to the Latin one.
    { id: '108', name: 'John Miller', active: true },
    { id: '666', name: 'Oleg Frolov', nameRu: 'Олег Фролов', active: false },
  ],
  locations: [
    pickFace('12-04A', '12', '4 A', '57'),
    pickFace('12-09B', '12', '9 B', '21'),
    pickFace('14-02A', '14', '2 A', '83'),
    pickFace('14-11C', '14', '11 C', '46'),
    pickFace('15-06A', '15', '6 A', '92'),
    pickFace('15-07B', '15', '7 B', '30'),
    pickFace('16-03A', '16', '3 A', '65'),
    pickFace('16-08A', '16', '8 A', '14'),
    reserve('30-01-3', '30', '1', '3', '708'),
    reserve('30-02-2', '30', '2', '2', '519'),
    reserve('31-05-1', '31', '5', '1', '236'),
    reserve('31-07-2', '31', '7', '2', '447'),
    { id: 'D05', type: 'door', aisle: 'dock', slot: '5', level: null, checkDigits: '38' },
    { id: 'D07', type: 'door', aisle: 'dock', slot: '7', level: null, checkDigits: '61' },
    { id: 'RCV1', type: 'receiving', aisle: 'receiving', slot: '1', level: null, checkDigits: '00' },
  ],
  skus: [
    { id: '100234', description: { en: 'milk, one litre', ru: 'молоко, один литр' }, unitsPerCase: 12 },
    { id: '100871', description: { en: 'sunflower oil, one litre', ru: 'масло подсолнечное, один литр' }, unitsPerCase: 15 },
    { id: '204410', description: { en: 'buckwheat, nine hundred grams', ru: 'гречка, девятьсот грамм' }, unitsPerCase: 10 },
    { id: '204422', description: { en: 'long grain rice, nine hundred grams', ru: 'рис длиннозёрный, девятьсот грамм' }, unitsPerCase: 10 },
    { id: '310055', description: { en: 'black tea, one hundred bags', ru: 'чай чёрный, сто пакетиков' }, unitsPerCase: 24 },
    { id: '310078', description: { en: 'instant coffee, ninety five grams', ru: 'кофе растворимый, девяносто пять грамм' }, unitsPerCase: 12 },
    { id: '412300', description: { en: 'sugar, one kilogram', ru: 'сахар, один килограмм' }, unitsPerCase: 10 },
    { id: '512019', description: { en: 'spaghetti, four hundred fifty grams', ru: 'спагетти, четыреста пятьдесят грамм' }, unitsPerCase: 20 },
  ],
  stock: [
    { locationId: '12-04A', skuId: '100234', quantity: 20 },
    { locationId: '12-09B', skuId: '100871', quantity: 14 },
    { locationId: '14-02A', skuId: '204410', quantity: 30 },
    { locationId: '14-11C', skuId: '204422', quantity: 18 },
    { locationId: '15-06A', skuId: '310055', quantity: 9 },
    { locationId: '15-07B', skuId: '310078', quantity: 2 },
    { locationId: '16-03A', skuId: '412300', quantity: 25 },
    { locationId: '16-08A', skuId: '512019', quantity: 37 },
    { locationId: '30-01-3', skuId: '100234', quantity: 60 },
    { locationId: '30-02-2', skuId: '310078', quantity: 48 },
    { locationId: '31-05-1', skuId: '412300', quantity: 80 },
    { locationId: 'RCV1', skuId: '512019', quantity: 40 },
    { locationId: 'RCV1', skuId: '204410', quantity: 24 },
  ],
  reasonCodes: [
    { code: 'DMG', description: { en: 'damaged', ru: 'повреждено' } },
    { code: 'EMP', description: { en: 'empty slot', ru: 'пустая ячейка' } },
    { code: 'WRG', description: { en: 'wrong product', ru: 'не тот товар' } },
  ],
  assignments: [
    {
      id: '10234',
      operatorId: '427',
      orderId: 'ORD-58812',
      customer: 'Store 112',
      doorId: 'D05',
      picks: [
        { id: '10234-1', locationId: '12-04A', skuId: '100234', quantity: 3 },
        { id: '10234-2', locationId: '12-09B', skuId: '100871', quantity: 2 },
        { id: '10234-3', locationId: '14-02A', skuId: '204410', quantity: 5 },
        { id: '10234-4', locationId: '15-06A', skuId: '310055', quantity: 1 },
      ],
    },
    {
      id: '10235',
      operatorId: '315',
      orderId: 'ORD-58813',
      customer: 'Store 204',
      doorId: 'D07',
      picks: [
        { id: '10235-1', locationId: '14-11C', skuId: '204422', quantity: 4 },
        { id: '10235-2', locationId: '16-03A', skuId: '412300', quantity: 2 },
      ],
    },
  ],
  putaways: [
    { id: 'PUT-7001', operatorId: '427', lpn: '00461234', skuId: '512019', quantity: 40, toLocationId: '31-07-2' },
    { id: 'PUT-7002', operatorId: '315', lpn: '00461235', skuId: '204410', quantity: 24, toLocationId: '30-01-3' },
  ],
  replenishments: [
    { id: 'REP-8001', operatorId: '427', skuId: '310078', quantity: 12, fromLocationId: '30-02-2', toLocationId: '15-07B' },
    { id: 'REP-8002', operatorId: '315', skuId: '100234', quantity: 10, fromLocationId: '30-01-3', toLocationId: '12-04A' },
  ],
  counts: [
    { id: 'CNT-9001', operatorId: '427', locationId: '16-08A', skuId: '512019' },
    { id: 'CNT-9002', operatorId: '427', locationId: '14-11C', skuId: '204422' },
    { id: 'CNT-9003', operatorId: '315', locationId: '15-06A', skuId: '310055' },
  ],
};
