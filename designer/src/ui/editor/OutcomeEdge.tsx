/**
 * How an edge is drawn: along the route the last auto-layout computed (around cards) while both
 * ends stay put, otherwise a smooth step whose horizontal run is shifted by the edge's lane, so
 * edges entering one node side by side do not lie on top of each other. An edge of the selected
 * node, or a selected edge, names its outcome.
 */
import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, type Edge, type EdgeProps } from '@xyflow/react';
import type { FlowPosition } from '@voiceman/compiler';
import type { CanvasEdgeData } from '../../graph/canvas-mapping.js';

type OutcomeEdgeType = Edge<CanvasEdgeData, 'outcome'>;

const LANE_GAP = 10;

/** An orthogonal path through the points: a diagonal step becomes a vertical then a horizontal leg. */
export function orthogonalPath(points: readonly FlowPosition[]): string {
  const out: FlowPosition[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x !== p.x && last.y !== p.y) out.push({ x: last.x, y: p.y });
    out.push(p);
  }
  return out.map((p, i) => `${i === 0 ? 'M' : 'L'}${Math.round(p.x)},${Math.round(p.y)}`).join(' ');
}

/**
 * ELK's route with its ends moved onto the real handles (ELK placed its ports by estimate): a
 * vertical first or last leg moves sideways with its end, so the path stays orthogonal.
 */
export function snapRoute(route: readonly FlowPosition[], source: FlowPosition, target: FlowPosition): FlowPosition[] {
  const points = route.map((p) => ({ ...p }));
  const n = points.length;
  if (n < 2) return [source, target];
  if (n > 2 && points[1]!.x === points[0]!.x) points[1]!.x = source.x;
  if (n > 2 && points[n - 2]!.x === points[n - 1]!.x) points[n - 2]!.x = target.x;
  points[0] = source;
  points[n - 1] = target;
  return points;
}

function OutcomeEdgeImpl(props: EdgeProps<OutcomeEdgeType>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, label, markerEnd, interactionWidth } = props;
  const lane = data?.lane ?? 0;
  let path: string;
  let labelX: number;
  let labelY: number;
  if (data?.route) {
    const points = snapRoute(data.route.points, { x: sourceX, y: sourceY }, { x: targetX, y: targetY });
    path = orthogonalPath(points);
    const mid = points[Math.floor(points.length / 2)]!;
    labelX = mid.x;
    labelY = mid.y;
  } else {
    [path, labelX, labelY] = getSmoothStepPath({
      sourceX,
      sourceY,
      sourcePosition,
      targetX,
      targetY,
      targetPosition,
      centerY: (sourceY + targetY) / 2 + lane * LANE_GAP,
      offset: 14 + (data?.fan ?? 0) * 8,
    });
  }
  const named = data?.linked !== undefined || selected;
  const text = label ?? (named ? data?.outcome : undefined);
  return (
    <>
      <BaseEdge path={path} markerEnd={markerEnd} interactionWidth={interactionWidth} />
      {/* An HTML label, not React Flow's SVG one: that measures its text on every render, which
          during a drag of the selected node forced a layout of the whole canvas each frame. */}
      {text !== undefined && (
        <EdgeLabelRenderer>
          <div
            className={`vm-edge-label${label !== undefined ? ' is-count' : ''}${data?.linked ? ` is-${data.linked}` : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-edge={props.id}
          >
            {text}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const OutcomeEdge = memo(OutcomeEdgeImpl);
export const edgeTypes = { outcome: OutcomeEdge };
