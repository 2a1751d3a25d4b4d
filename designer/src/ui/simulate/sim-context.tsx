/** The simulation store of the open Simulate panel, for the views below it. */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { SimState, SimStore } from '../../simulate/sim-store.js';

export const SimStoreContext = createContext<SimStore | null>(null);

export function useSimStore(): SimStore {
  const store = useContext(SimStoreContext);
  if (!store) throw new Error('useSimStore outside the Simulate panel');
  return store;
}

export function useSim<T>(selector: (state: SimState) => T): T {
  return useStore(useSimStore(), selector);
}
