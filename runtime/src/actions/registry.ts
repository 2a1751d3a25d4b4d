/**
 * Every `vm.*` action, by name. Adding an action: one file in this folder, one line here, its
 * params in format.ts and the schema. A name missing here is a validation error, never a skip.
 */
import type { ActionRegistry } from './types.js';
import { assign } from './assign.js';
import { ask } from './ask.js';
import { request } from './request.js';
import { result } from './result.js';
import { say } from './say.js';

export const actionRegistry: ActionRegistry = {
  'vm.assign': assign,
  'vm.say': say,
  'vm.ask': ask,
  'vm.request': request,
  'vm.result': result,
};

export function isActionType(type: unknown): type is keyof ActionRegistry {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(actionRegistry, type);
}
