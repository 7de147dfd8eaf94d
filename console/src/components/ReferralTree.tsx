import { useMemo, useRef, useState, type PointerEvent, type WheelEvent } from 'react';
import { formatAmounts, sizeOfAmounts } from '../gmv';
import type { ConsoleReferralTreePageFragment } from '../generated/graphql';

/** One share link of the tree, as the growth page's query returns it. */
export type TreeNode = ConsoleReferralTreePageFragment['nodes']['nodes'][number];

interface Placed {
  id: string;
  node: TreeNode | null;
  label: string;
  depth: number;
  x: number;
  y: number;
  children: string[];
  hiddenDescendants: number;
  parent: string | null;
}

/** Colour by depth: the seed sharer's links first, each re-share hop further along the palette. */
export const DEPTH_COLOURS = ['#dc2626', '#ea580c', '#ca8a04', '#16a34a', '#0d9488', '#2563eb', '#7c3aed', '#c026d3', '#db2777', '#64748b', '#334155'];
const COL = 180;
const ROW = 34;
const ROOT = '__root__';
/** Big trees open with deep levels folded, so the first paint stays quick; any node unfolds on click. */
const FOLD_DEPTH_WHEN_LARGE = 3;
const LARGE = 400;

export function ReferralTreeView({ nodes, rootLabel }: { nodes: TreeNode[]; rootLabel: string }) {
  const children = useMemo(() => {
    const codes = new Set(nodes.map((n) => n.shareLink.code));
    const map = new Map<string, string[]>([[ROOT, []]]);
    for (const n of nodes) {
      const parent = n.parentShareCode && codes.has(n.parentShareCode) ? n.parentShareCode : ROOT;
      map.set(parent, [...(map.get(parent) ?? []), n.shareLink.code]);
    }
    return map;
  }, [nodes]);
  const byCode = useMemo(() => new Map(nodes.map((n) => [n.shareLink.code, n])), [nodes]);
  const [collapsed, setCollapsed] = useState<Set<string>>(() =>
    nodes.length > LARGE ? new Set(nodes.filter((n) => n.depth === FOLD_DEPTH_WHEN_LARGE - 1).map((n) => n.shareLink.code)) : new Set(),
  );
  const [selected, setSelected] = useState<string | null>(null);
  const [view, setView] = useState({ k: 1, x: 20, y: 20 });
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);
  const maxGmv = Math.max(1, ...nodes.map((n) => sizeOfAmounts(n.gmv)));

  const placed = useMemo(() => {
    const out = new Map<string, Placed>();
    let row = 0;
    const count = (id: string): number => (children.get(id) ?? []).reduce((s, c) => s + 1 + count(c), 0);
    // A tidy layered layout: leaves take consecutive rows, parents sit centred on their children.
    const place = (id: string, depth: number, parent: string | null): number => {
      const kids = collapsed.has(id) ? [] : (children.get(id) ?? []);
      const ys = kids.map((k) => place(k, depth + 1, id));
      const y = ys.length ? (ys[0]! + ys[ys.length - 1]!) / 2 : row++ * ROW;
      const node = id === ROOT ? null : byCode.get(id)!;
      out.set(id, {
        id,
        node,
        label: node ? `@${node.sharer.handle}` : rootLabel,
        depth,
        x: depth * COL,
        y,
        children: kids,
        hiddenDescendants: collapsed.has(id) ? count(id) : 0,
        parent,
      });
      return y;
    };
    place(ROOT, 0, null);
    return out;
  }, [children, byCode, collapsed, rootLabel]);

  const toggle = (id: string) => {
    setSelected(id);
    if (!(children.get(id) ?? []).length) return;
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const zoom = (factor: number, cx = 300, cy = 200) =>
    setView((v) => {
      const k = Math.min(4, Math.max(0.1, v.k * factor));
      return { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k };
    });
  const onWheel = (e: WheelEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - box.left, e.clientY - box.top);
  };
  const onPointerDown = (e: PointerEvent<SVGSVGElement>) => {
    if ((e.target as Element).closest('[data-node]')) return;
    drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<SVGSVGElement>) => {
    const d = drag.current;
    if (d) setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
  };
  const all = [...placed.values()];
  const info = selected ? placed.get(selected) : null;
  const radius = (n: TreeNode | null) => (n ? 6 + 16 * Math.sqrt(sizeOfAmounts(n.gmv) / maxGmv) : 10);

  return (
    <div className="tree">
      <div className="tree-toolbar">
        <button type="button" onClick={() => zoom(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" onClick={() => zoom(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" onClick={() => setView({ k: 1, x: 20, y: 20 })}>
          Reset view
        </button>
        <button type="button" onClick={() => setCollapsed(new Set())}>
          Expand all
        </button>
        <button type="button" onClick={() => setCollapsed(new Set(children.get(ROOT)))}>
          Collapse all
        </button>
        <span className="muted">
          {nodes.length} link{nodes.length === 1 ? '' : 's'} · circle size = GMV · colour = depth · click a node to fold it · drag to pan, wheel to zoom
        </span>
      </div>
      <div className="legend">
        {DEPTH_COLOURS.slice(0, Math.max(...nodes.map((n) => n.depth), 0) + 1).map((c, d) => (
          <span key={c}>
            <i style={{ background: c }} /> depth {d}
          </span>
        ))}
      </div>
      <svg
        className="tree-canvas"
        data-testid="referral-tree"
        onWheel={onWheel}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
      >
        <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          {all.map((p) =>
            p.parent ? (
              <path
                key={`e-${p.id}`}
                className="edge"
                d={`M${placed.get(p.parent)!.x},${placed.get(p.parent)!.y} C${p.x - COL / 2},${placed.get(p.parent)!.y} ${p.x - COL / 2},${p.y} ${p.x},${p.y}`}
              />
            ) : null,
          )}
          {all.map((p) => (
            <g
              key={p.id}
              data-node={p.id}
              data-testid={p.node ? 'tree-node' : 'tree-root'}
              data-depth={p.node?.depth}
              transform={`translate(${p.x},${p.y})`}
              onClick={() => toggle(p.id)}
              className={selected === p.id ? 'node selected' : 'node'}
            >
              <circle r={radius(p.node)} fill={p.node ? DEPTH_COLOURS[Math.min(p.node.depth, DEPTH_COLOURS.length - 1)] : '#111827'} />
              <text x={radius(p.node) + 4} y={4}>
                {p.label}
                {p.hiddenDescendants ? ` (+${p.hiddenDescendants})` : ''}
              </text>
              <title>
                {p.node
                  ? `${p.node.shareLink.code} on ${p.node.shareLink.channel}: ${p.node.visits} visits, ${p.node.signUps} sign-ups, ${p.node.orders} orders, ${formatAmounts(p.node.gmv)}`
                  : rootLabel}
              </title>
            </g>
          ))}
        </g>
      </svg>
      {info?.node ? (
        <dl className="node-info" data-testid="tree-node-info">
          <dt>Link</dt>
          <dd className="mono">
            {info.node.shareLink.code} · {info.node.shareLink.channel} · depth {info.node.depth}
          </dd>
          <dt>Sharer</dt>
          <dd>
            {info.node.sharer.displayName} @{info.node.sharer.handle}
          </dd>
          <dt>Visits / sign-ups / buyers / orders</dt>
          <dd>
            {info.node.visits} / {info.node.signUps} / {info.node.buyers} / {info.node.orders}
          </dd>
          <dt>GMV</dt>
          <dd>{formatAmounts(info.node.gmv)}</dd>
        </dl>
      ) : null}
    </div>
  );
}
