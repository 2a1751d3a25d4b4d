import type { NodeView } from './types.js';

export const startView: NodeView<'start'> = {
  icon: '▶',
  accent: '#1b9e5a',
  Summary: () => null,
  Inspector: () => null,
};
