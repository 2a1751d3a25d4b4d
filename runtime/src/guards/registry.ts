/** Every guard type, by name (one today). Unknown guard types are validation errors. */
import { celGuard } from './cel.js';

export const guardRegistry = { 'vm.cel': celGuard } as const;
export type GuardType = keyof typeof guardRegistry;

export function isGuardType(type: unknown): type is GuardType {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(guardRegistry, type);
}
