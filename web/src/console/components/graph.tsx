/**
 * The relations diagram of the registry: a dagre (layered) layout drawn as SVG. Each record is a
 * link (focusable, Enter opens it); every relation is also written out as a sentence in the list
 * that follows the drawing, so the diagram is never the only way to read it.
 */
import { useId, useMemo, type MouseEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Graph, layout } from '@dagrejs/dagre';
import { Box, List, Text } from '@mantine/core';
import classes from './graph.module.css';

export interface DiagramNode {
  id: string;
  /** Small line above the name (e.g. the kind). */
  caption: string;
  name: string;
  /** A group key that picks the colours (e.g. the record kind). */
  group: string;
  href?: string;
}

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  label: string;
}

/** Fill and border per group; text is always near-black (contrast well above 4.5:1). */
const PALETTE: Record<string, { fill: string; stroke: string }> = {
  service: { fill: '#e7f5ff', stroke: '#1864ab' },
  process: { fill: '#f3f0ff', stroke: '#5f3dc4' },
  application: { fill: '#ebfbee', stroke: '#2b8a3e' },
  infrastructure: { fill: '#fff4e6', stroke: '#d9480f' },
  data_asset: { fill: '#fff0f6', stroke: '#a61e4d' },
};
const FALLBACK = { fill: '#f1f3f5', stroke: '#495057' };

const NODE_HEIGHT = 52;
const MAX_CHARS = 30;

function clip(text: string): string {
  return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text;
}

interface Placed {
  node: DiagramNode;
  x: number;
  y: number;
  width: number;
}

interface PlacedEdge {
  edge: DiagramEdge;
  points: Array<{ x: number; y: number }>;
}

function place(nodes: DiagramNode[], edges: DiagramEdge[]) {
  const g = new Graph<{ rankdir: string }, { width: number; height: number }, { label: string }>({
    multigraph: true,
  });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 90, marginx: 12, marginy: 12 } as never);
  g.setDefaultEdgeLabel(() => ({ label: '' }));
  const ids = new Set(nodes.map((n) => n.id));
  for (const n of nodes) {
    const width = Math.min(340, Math.max(140, clip(n.name).length * 9 + 32));
    g.setNode(n.id, { width, height: NODE_HEIGHT });
  }
  for (const e of edges) {
    if (ids.has(e.from) && ids.has(e.to)) {
      g.setEdge(
        e.from,
        e.to,
        { label: e.label, width: e.label.length * 6.5, height: 16 } as never,
        e.id,
      );
    }
  }
  layout(g);
  const placed: Placed[] = nodes.map((n) => {
    const box = g.node(n.id) as unknown as { x: number; y: number; width: number };
    return { node: n, x: box.x, y: box.y, width: box.width };
  });
  const placedEdges: PlacedEdge[] = edges
    .filter((e) => ids.has(e.from) && ids.has(e.to))
    .map((e) => {
      const data = g.edge({ v: e.from, w: e.to, name: e.id }) as unknown as {
        points?: Array<{ x: number; y: number }>;
      };
      return { edge: e, points: data?.points ?? [] };
    });
  const info = g.graph() as unknown as { width?: number; height?: number };
  return { placed, placedEdges, width: info.width ?? 400, height: info.height ?? 200 };
}

function pathOf(points: Array<{ x: number; y: number }>): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  return `M${first!.x},${first!.y} ${rest.map((p) => `L${p.x},${p.y}`).join(' ')}`;
}

/**
 * A diagram of records and their relations. `title` names the figure; `currentId` is the record
 * whose page this is (drawn with a heavier border, not a link).
 */
export function RelationsDiagram({
  title,
  nodes,
  edges,
  currentId,
  listTitle,
}: {
  title: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  currentId?: string;
  /** Heading of the text alternative (the relations as sentences). */
  listTitle: string;
}) {
  const navigate = useNavigate();
  const uid = useId().replace(/:/g, '');
  const markerId = `arrow-${uid}`;
  const titleId = `graph-title-${uid}`;
  const { placed, placedEdges, width, height } = useMemo(() => place(nodes, edges), [nodes, edges]);
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const open = (e: MouseEvent, href: string) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    void navigate(href);
  };

  return (
    <figure style={{ margin: 0 }}>
      <Box
        role="region"
        aria-labelledby={titleId}
        tabIndex={0}
        style={{
          overflowX: 'auto',
          border: '1px solid var(--mantine-color-gray-4)',
          borderRadius: 'var(--mantine-radius-md)',
          background: 'var(--mantine-color-white)',
        }}
      >
        <svg
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="group"
          aria-labelledby={titleId}
          style={{ display: 'block' }}
        >
          <defs>
            <marker
              id={markerId}
              viewBox="0 0 10 10"
              refX="10"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" fill="#495057" />
            </marker>
          </defs>
          <g aria-hidden="true">
            {placedEdges.map(({ edge, points }) => {
              const mid = points[Math.floor(points.length / 2)];
              return (
                <g key={edge.id}>
                  <path
                    d={pathOf(points)}
                    fill="none"
                    stroke="#495057"
                    strokeWidth={1.5}
                    markerEnd={`url(#${markerId})`}
                  />
                  {mid ? (
                    <text
                      x={mid.x}
                      y={mid.y - 4}
                      textAnchor="middle"
                      fontSize={11}
                      fill="#212529"
                      paintOrder="stroke"
                      stroke="#ffffff"
                      strokeWidth={4}
                    >
                      {edge.label}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </g>
          {placed.map(({ node, x, y, width: w }, index) => {
            const colours = PALETTE[node.group] ?? FALLBACK;
            const current = node.id === currentId;
            const clipId = `clip-${uid}-${index}`;
            const fits = clip(node.name) === node.name;
            const body = (
              <>
                <rect
                  x={x - w / 2}
                  y={y - NODE_HEIGHT / 2}
                  width={w}
                  height={NODE_HEIGHT}
                  rx={8}
                  fill={colours.fill}
                  stroke={colours.stroke}
                  strokeWidth={current ? 3 : 1.5}
                />
                <rect
                  className={classes.focusRing}
                  x={x - w / 2 - 4}
                  y={y - NODE_HEIGHT / 2 - 4}
                  width={w + 8}
                  height={NODE_HEIGHT + 8}
                  rx={10}
                />
                <clipPath id={clipId}>
                  <rect
                    x={x - w / 2 + 6}
                    y={y - NODE_HEIGHT / 2}
                    width={w - 12}
                    height={NODE_HEIGHT}
                  />
                </clipPath>
                <text x={x} y={y - 6} textAnchor="middle" fontSize={11} fill="#343a40">
                  {node.caption}
                </text>{' '}
                {/* The whole name is in the text (it names the link); a long one is cut by the box. */}
                <text
                  x={fits ? x : x - w / 2 + 8}
                  y={y + 13}
                  textAnchor={fits ? 'middle' : 'start'}
                  clipPath={`url(#${clipId})`}
                  fontSize={13}
                  fontWeight={current ? 700 : 600}
                  fill="#212529"
                >
                  {node.name}
                </text>
              </>
            );
            if (!node.href || current) {
              return (
                <g
                  key={node.id}
                  className={current ? classes.current : undefined}
                  role="img"
                  aria-label={`${node.caption} ${node.name}`}
                >
                  {body}
                </g>
              );
            }
            const href = node.href;
            return (
              <a key={node.id} href={href} className={classes.node} onClick={(e) => open(e, href)}>
                {body}
              </a>
            );
          })}
        </svg>
      </Box>
      <figcaption id={titleId}>
        <Text size="sm" c="gray.7" mt={4}>
          {title}
        </Text>
      </figcaption>
      <Text fw={600} size="sm" mt="sm">
        {listTitle}
      </Text>
      <List size="sm" spacing={2}>
        {edges
          .filter((e) => byId.has(e.from) && byId.has(e.to))
          .map((e) => (
            <List.Item key={e.id}>
              {byId.get(e.from)!.name} — {e.label} → {byId.get(e.to)!.name}
            </List.Item>
          ))}
      </List>
    </figure>
  );
}
