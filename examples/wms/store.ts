/**
 * The mock WMS's in-memory state and the business rules that change it. Routes only translate
 * HTTP to these calls; every rule (short needs a reason, no over-picks, skip goes to the end of
 * the route) lives here so it can be read in one place.
 */
import { seed, type Location, type Operator, type ReasonCode, type Seed, type Sku, type StockRecord } from './seed.js';

export type TaskStatus = 'open' | 'in_progress' | 'done';

export interface PickState {
  id: string;
  locationId: string;
  skuId: string;
  quantity: number;
  picked: number | null;
  reasonCode: string | null;
  status: 'open' | 'done';
  skips: number;
  confirmedAt: string | null;
}

export interface AssignmentState {
  id: string;
  operatorId: string;
  orderId: string;
  customer: string;
  doorId: string;
  status: TaskStatus | 'delivered';
  /** Route order: index 0 is walked first; skipping moves a pick to the end. */
  picks: PickState[];
}

export interface PutawayState {
  id: string;
  operatorId: string;
  lpn: string;
  skuId: string;
  quantity: number;
  toLocationId: string;
  status: TaskStatus;
}

export interface ReplenishmentState {
  id: string;
  operatorId: string;
  skuId: string;
  quantity: number;
  fromLocationId: string;
  toLocationId: string;
  status: TaskStatus;
}

export interface CountState {
  id: string;
  operatorId: string;
  locationId: string;
  /** The SKU counted: only its stock record is compared and adjusted. */
  skuId: string;
  status: TaskStatus;
  counts: number[];
  result: 'match' | 'variance' | null;
}

/** A rule said no: the route answers `status` with `{ code, message }`. */
export class WmsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const clone = <T>(value: T): T => structuredClone(value);

export class WmsStore {
  operators = new Map<string, Operator & { signedOn: boolean }>();
  locations = new Map<string, Location>();
  skus = new Map<string, Sku>();
  stock: StockRecord[] = [];
  reasonCodes: ReasonCode[] = [];
  assignments: AssignmentState[] = [];
  putaways: PutawayState[] = [];
  replenishments: ReplenishmentState[] = [];
  counts: CountState[] = [];
  private now: () => Date;

  constructor(options: { data?: Seed; now?: () => Date } = {}) {
    this.now = options.now ?? (() => new Date());
    this.reset(options.data ?? seed);
  }

  reset(data: Seed = seed): void {
    const d = clone(data);
    this.operators = new Map(d.operators.map((o) => [o.id, { ...o, signedOn: false }]));
    this.locations = new Map(d.locations.map((l) => [l.id, l]));
    this.skus = new Map(d.skus.map((s) => [s.id, s]));
    this.stock = d.stock;
    this.reasonCodes = d.reasonCodes;
    this.assignments = d.assignments.map((a) => ({
      ...a,
      status: 'open',
      picks: a.picks.map((p) => ({ ...p, picked: null, reasonCode: null, status: 'open', skips: 0, confirmedAt: null })),
    }));
    this.putaways = d.putaways.map((t) => ({ ...t, status: 'open' }));
    this.replenishments = d.replenishments.map((t) => ({ ...t, status: 'open' }));
    this.counts = d.counts.map((t) => ({ ...t, status: 'open', counts: [], result: null }));
  }

  /* ---------- reference data ---------- */

  location(id: string): Location {
    const location = this.locations.get(id);
    if (!location) throw new WmsError(404, 'location_not_found', `No location ${id}.`);
    return location;
  }

  sku(id: string): Sku {
    const sku = this.skus.get(id);
    if (!sku) throw new WmsError(404, 'sku_not_found', `No SKU ${id}.`);
    return sku;
  }

  stockAt(locationId: string): StockRecord[] {
    this.location(locationId);
    return this.stock.filter((s) => s.locationId === locationId);
  }

  quantityAt(locationId: string, skuId: string): number {
    return this.stock.find((s) => s.locationId === locationId && s.skuId === skuId)?.quantity ?? 0;
  }

  private addStock(locationId: string, skuId: string, delta: number): void {
    const record = this.stock.find((s) => s.locationId === locationId && s.skuId === skuId);
    if (record) record.quantity += delta;
    else this.stock.push({ locationId, skuId, quantity: delta });
  }

  /* ---------- operators ---------- */

  operator(id: string): Operator & { signedOn: boolean } {
    const operator = this.operators.get(id);
    if (!operator) throw new WmsError(404, 'operator_not_found', `No operator ${id}.`);
    return operator;
  }

  signOn(id: string): Operator & { signedOn: boolean } {
    const operator = this.operator(id);
    if (!operator.active) throw new WmsError(403, 'operator_inactive', `Operator ${id} is not allowed to work.`);
    operator.signedOn = true;
    return operator;
  }

  signOff(id: string): Operator & { signedOn: boolean } {
    const operator = this.operator(id);
    operator.signedOn = false;
    return operator;
  }

  private requireSignedOn(operatorId: string): void {
    if (!this.operator(operatorId).signedOn) {
      throw new WmsError(409, 'operator_not_signed_on', `Operator ${operatorId} is not signed on.`);
    }
  }

  /* ---------- case picking ---------- */

  assignment(id: string): AssignmentState {
    const assignment = this.assignments.find((a) => a.id === id);
    if (!assignment) throw new WmsError(404, 'assignment_not_found', `No assignment ${id}.`);
    return assignment;
  }

  /** The operator's current assignment, or the next open one (which becomes in progress). */
  nextAssignment(operatorId: string): AssignmentState | null {
    this.requireSignedOn(operatorId);
    const mine = this.assignments.filter((a) => a.operatorId === operatorId);
    const current = mine.find((a) => a.status === 'in_progress') ?? mine.find((a) => a.status === 'open');
    if (!current) return null;
    current.status = 'in_progress';
    return current;
  }

  nextPick(assignmentId: string): PickState | null {
    return this.assignment(assignmentId).picks.find((p) => p.status === 'open') ?? null;
  }

  private findPick(pickId: string): { assignment: AssignmentState; pick: PickState } {
    for (const assignment of this.assignments) {
      const pick = assignment.picks.find((p) => p.id === pickId);
      if (pick) return { assignment, pick };
    }
    throw new WmsError(404, 'pick_not_found', `No pick ${pickId}.`);
  }

  private ownPick(pickId: string, operatorId: string): { assignment: AssignmentState; pick: PickState } {
    const found = this.findPick(pickId);
    if (found.assignment.operatorId !== operatorId) {
      throw new WmsError(403, 'not_your_task', `Pick ${pickId} belongs to another operator.`);
    }
    if (found.pick.status === 'done') throw new WmsError(409, 'already_confirmed', `Pick ${pickId} is already confirmed.`);
    return found;
  }

  confirmPick(pickId: string, input: { operatorId: string; quantity: number; reasonCode?: string }): PickState {
    const { pick } = this.ownPick(pickId, input.operatorId);
    if (input.quantity > pick.quantity) {
      throw new WmsError(422, 'quantity_above_requested', `Picked ${input.quantity}, only ${pick.quantity} requested.`);
    }
    const short = input.quantity < pick.quantity;
    if (short && !input.reasonCode) {
      throw new WmsError(422, 'reason_required', `A short pick (${input.quantity} of ${pick.quantity}) needs a reason code.`);
    }
    if (input.reasonCode !== undefined && !this.reasonCodes.some((r) => r.code === input.reasonCode)) {
      throw new WmsError(422, 'unknown_reason_code', `Unknown reason code ${input.reasonCode}.`);
    }
    const available = this.quantityAt(pick.locationId, pick.skuId);
    if (input.quantity > available) {
      throw new WmsError(422, 'insufficient_stock', `Location ${pick.locationId} holds only ${available}.`);
    }
    this.addStock(pick.locationId, pick.skuId, -input.quantity);
    pick.picked = input.quantity;
    pick.reasonCode = short ? (input.reasonCode ?? null) : null;
    pick.status = 'done';
    pick.confirmedAt = this.now().toISOString();
    return pick;
  }

  /** Moves the pick to the end of the route; it comes back after every other open pick. */
  skipPick(pickId: string, operatorId: string): { pick: PickState; position: number } {
    const { assignment, pick } = this.ownPick(pickId, operatorId);
    assignment.picks = [...assignment.picks.filter((p) => p !== pick), pick];
    pick.skips += 1;
    return { pick, position: assignment.picks.length };
  }

  deliver(assignmentId: string, input: { operatorId: string; doorId: string }): AssignmentState {
    const assignment = this.assignment(assignmentId);
    if (assignment.operatorId !== input.operatorId) {
      throw new WmsError(403, 'not_your_task', `Assignment ${assignmentId} belongs to another operator.`);
    }
    if (assignment.status === 'delivered') throw new WmsError(409, 'already_delivered', `Assignment ${assignmentId} is already delivered.`);
    const open = assignment.picks.filter((p) => p.status === 'open').length;
    if (open > 0) throw new WmsError(409, 'picks_open', `Assignment ${assignmentId} still has ${open} open picks.`);
    if (input.doorId !== assignment.doorId) {
      throw new WmsError(422, 'wrong_door', `Assignment ${assignmentId} goes to door ${assignment.doorId}.`);
    }
    assignment.status = 'delivered';
    return assignment;
  }

  /* ---------- putaway, replenishment, counts ---------- */

  private nextOf<T extends { operatorId: string; status: TaskStatus }>(tasks: T[], operatorId: string): T | null {
    this.requireSignedOn(operatorId);
    const mine = tasks.filter((t) => t.operatorId === operatorId);
    const task = mine.find((t) => t.status === 'in_progress') ?? mine.find((t) => t.status === 'open');
    if (!task) return null;
    task.status = 'in_progress';
    return task;
  }

  private own<T extends { id: string; operatorId: string; status: TaskStatus }>(tasks: T[], id: string, operatorId: string): T {
    const task = tasks.find((t) => t.id === id);
    if (!task) throw new WmsError(404, 'task_not_found', `No task ${id}.`);
    if (task.operatorId !== operatorId) throw new WmsError(403, 'not_your_task', `Task ${id} belongs to another operator.`);
    if (task.status === 'done') throw new WmsError(409, 'already_confirmed', `Task ${id} is already confirmed.`);
    return task;
  }

  nextPutaway(operatorId: string): PutawayState | null {
    return this.nextOf(this.putaways, operatorId);
  }

  confirmPutaway(id: string, input: { operatorId: string; quantity: number }): PutawayState {
    const task = this.own(this.putaways, id, input.operatorId);
    if (input.quantity !== task.quantity) {
      throw new WmsError(422, 'quantity_mismatch', `Pallet ${task.lpn} holds ${task.quantity}, not ${input.quantity}.`);
    }
    this.addStock('RCV1', task.skuId, -task.quantity);
    this.addStock(task.toLocationId, task.skuId, task.quantity);
    task.status = 'done';
    return task;
  }

  nextReplenishment(operatorId: string): ReplenishmentState | null {
    return this.nextOf(this.replenishments, operatorId);
  }

  confirmReplenishment(id: string, input: { operatorId: string; quantity: number }): ReplenishmentState {
    const task = this.own(this.replenishments, id, input.operatorId);
    if (input.quantity > task.quantity) {
      throw new WmsError(422, 'quantity_above_requested', `Moved ${input.quantity}, only ${task.quantity} requested.`);
    }
    const available = this.quantityAt(task.fromLocationId, task.skuId);
    if (input.quantity > available) {
      throw new WmsError(422, 'insufficient_stock', `Location ${task.fromLocationId} holds only ${available}.`);
    }
    this.addStock(task.fromLocationId, task.skuId, -input.quantity);
    this.addStock(task.toLocationId, task.skuId, input.quantity);
    task.status = 'done';
    return task;
  }

  nextCount(operatorId: string): CountState | null {
    return this.nextOf(this.counts, operatorId);
  }

  /**
   * Blind count of one SKU at one location: the operator never hears the expected quantity.
   * A first count that differs asks for a recount; the second count is final (match, or a
   * variance that sets that SKU's stock record, creating it when the location had none).
   */
  submitCount(id: string, input: { operatorId: string; quantity: number }): { task: CountState; result: 'match' | 'recount' | 'variance'; expected: number } {
    const task = this.own(this.counts, id, input.operatorId);
    const expected = this.quantityAt(task.locationId, task.skuId);
    task.counts.push(input.quantity);
    if (input.quantity === expected) {
      task.status = 'done';
      task.result = 'match';
      return { task, result: 'match', expected };
    }
    if (task.counts.length === 1) return { task, result: 'recount', expected };
    this.addStock(task.locationId, task.skuId, input.quantity - expected);
    task.status = 'done';
    task.result = 'variance';
    return { task, result: 'variance', expected };
  }
}
