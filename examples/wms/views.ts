/**
 * What the WMS answers: internal state flattened into the shapes the voice dialogs read
 * (`pick.aisle`, `assignment.doorCheckDigits`), so flows need no joins in CEL.
 */
import type { AssignmentState, CountState, PickState, PutawayState, ReplenishmentState, WmsStore } from './store.js';

export function pickView(store: WmsStore, pick: PickState) {
  const location = store.location(pick.locationId);
  return {
    id: pick.id,
    locationId: location.id,
    aisle: location.aisle,
    slot: location.slot,
    checkDigits: location.checkDigits,
    skuId: pick.skuId,
    description: store.sku(pick.skuId).description,
    quantity: pick.quantity,
    picked: pick.picked,
    reasonCode: pick.reasonCode,
    status: pick.status,
    skips: pick.skips,
  };
}

export function assignmentView(store: WmsStore, assignment: AssignmentState) {
  const door = store.location(assignment.doorId);
  return {
    id: assignment.id,
    orderId: assignment.orderId,
    customer: assignment.customer,
    status: assignment.status,
    pickCount: assignment.picks.length,
    remaining: assignment.picks.filter((p) => p.status === 'open').length,
    caseCount: assignment.picks.reduce((sum, p) => sum + p.quantity, 0),
    doorId: door.id,
    doorNumber: door.slot,
    doorCheckDigits: door.checkDigits,
  };
}

export function putawayView(store: WmsStore, task: PutawayState) {
  return {
    id: task.id,
    lpn: task.lpn,
    lpnTail: task.lpn.slice(-4),
    skuId: task.skuId,
    description: store.sku(task.skuId).description,
    quantity: task.quantity,
    location: store.location(task.toLocationId),
    status: task.status,
  };
}

export function replenishmentView(store: WmsStore, task: ReplenishmentState) {
  return {
    id: task.id,
    skuId: task.skuId,
    description: store.sku(task.skuId).description,
    quantity: task.quantity,
    from: store.location(task.fromLocationId),
    to: store.location(task.toLocationId),
    status: task.status,
  };
}

export function countView(store: WmsStore, task: CountState) {
  return {
    id: task.id,
    skuId: task.skuId,
    description: store.sku(task.skuId).description,
    location: store.location(task.locationId),
    status: task.status,
  };
}
