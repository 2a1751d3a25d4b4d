/**
 * Node kind -> how the designer shows it. One file per kind; adding a kind means adding its
 * file here (and its definition in the compiler's registry).
 */
import type { NodeViewRegistry } from './types.js';
import { startView } from './start.js';
import { sayView } from './say.js';
import { askView } from './ask.js';
import { decisionView } from './decision.js';
import { setView } from './set.js';
import { requestView } from './request.js';
import { subflowView } from './subflow.js';
import { endView } from './end.js';
import { returnView } from './return.js';

export const nodeViews: NodeViewRegistry = {
  start: startView,
  say: sayView,
  ask: askView,
  decision: decisionView,
  set: setView,
  request: requestView,
  subflow: subflowView,
  end: endView,
  return: returnView,
};
