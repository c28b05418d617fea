import type { Topology, TopologyNode, TopologyPod, TopologyService } from '@podroom/simulation';

/**
 * Where everything of a cluster goes on the projector, in SVG user units. Nodes sit side by side,
 * each with its pods on top, their veths down to the cni0 bridge, and the host network (routing,
 * kube-proxy, conntrack) with the VXLAN device at the bottom, wired to the underlay that joins the
 * nodes. Services, which exist only as kube-proxy rules, float above. Pure: same topology, same
 * picture. Every element id of the topology gets an anchor, where the packet sits when there.
 */

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PodShape {
  id: string;
  pod: TopologyPod;
  box: Box;
  /** Kube-system pods (cluster DNS) are drawn quieter. */
  system: boolean;
  veth: { id: string; x: number; top: number; bottom: number };
}

export interface NodeShape {
  id: string;
  node: TopologyNode;
  box: Box;
  pods: PodShape[];
  bridge: { id: string; box: Box };
  host: { id: string; box: Box };
  overlay?: { id: string; box: Box };
  /** The node's link down to the underlay. */
  uplink: { x: number; top: number; bottom: number };
}

export interface ServiceShape {
  id: string;
  service: TopologyService;
  box: Box;
  /** Dashed lines to the endpoints' pods. */
  endpoints: { from: Point; to: Point }[];
}

export interface TopologyLayout {
  width: number;
  height: number;
  nodes: NodeShape[];
  services: ServiceShape[];
  underlay: { id: string; y: number; x1: number; x2: number };
  anchors: Record<string, Point>;
  /** The node an element belongs to (pods, veths, bridges, VXLAN devices, host networks). */
  nodeOf: Record<string, string>;
}

export const SIZES = {
  margin: 20,
  podW: 210,
  podH: 90,
  podGap: 18,
  nodePad: 18,
  nodeGap: 40,
  minNodeW: 540,
  serviceW: 250,
  serviceH: 76,
  serviceGap: 20,
  overlayW: 200,
} as const;

const S = SIZES;

function isSystem(pod: TopologyPod): boolean {
  return pod.namespace === 'kube-system';
}

function rightEnd(box: Box, inset: number): Point {
  return { x: box.x + box.w - inset, y: box.y + box.h / 2 };
}

function center(box: Box): Point {
  return { x: box.x + box.w / 2, y: box.y + box.h / 2 };
}

export function layoutTopology(topology: Topology): TopologyLayout {
  const hasServices = topology.services.length > 0;
  const top = hasServices ? S.margin + S.serviceH + 30 : S.margin;
  const y = {
    node: top,
    pods: top + 46,
    vethTop: top + 46 + S.podH,
    bridge: top + 46 + S.podH + 36,
    host: top + 46 + S.podH + 36 + 34 + 16,
    nodeBottom: top + 46 + S.podH + 36 + 34 + 16 + 60 + 16,
  };
  const underlayY = y.nodeBottom + 30;

  const anchors: Record<string, Point> = {};
  const nodeOf: Record<string, string> = {};
  const nodes: NodeShape[] = [];
  let x = S.margin;
  for (const node of topology.nodes) {
    const pods = topology.pods
      .filter((p) => p.node === node.name)
      .sort((a, b) => Number(isSystem(a)) - Number(isSystem(b)));
    const podsW = pods.length * (S.podW + S.podGap) - S.podGap;
    const w = Math.max(S.minNodeW, podsW + 2 * S.nodePad);
    const box = { x, y: y.node, w, h: y.nodeBottom - y.node };
    const podStart = x + (w - Math.max(podsW, 0)) / 2;
    const podShapes = pods.map((pod, i) => {
      const podBox = { x: podStart + i * (S.podW + S.podGap), y: y.pods, w: S.podW, h: S.podH };
      const vx = podBox.x + S.podW / 2;
      const shape: PodShape = {
        id: pod.id,
        pod,
        box: podBox,
        system: isSystem(pod),
        veth: { id: pod.veth, x: vx, top: y.vethTop, bottom: y.bridge },
      };
      // At the pod's eth0 (its bottom edge), below its name and IP.
      anchors[pod.id] = { x: vx, y: podBox.y + podBox.h };
      anchors[pod.veth] = { x: vx, y: (y.vethTop + y.bridge) / 2 };
      nodeOf[pod.id] = node.name;
      nodeOf[pod.veth] = node.name;
      return shape;
    });
    const inner = { x: x + S.nodePad, w: w - 2 * S.nodePad };
    const bridge = { id: node.bridge.id, box: { x: inner.x, y: y.bridge, w: inner.w, h: 34 } };
    const overlayBox = node.overlay
      ? { x: inner.x + inner.w - S.overlayW, y: y.host, w: S.overlayW, h: 60 }
      : undefined;
    const hostW = overlayBox ? inner.w - S.overlayW - 14 : inner.w;
    const host = { id: node.id, box: { x: inner.x, y: y.host, w: hostW, h: 60 } };
    // Labels sit at the left of these boxes; the packet stops near their right end.
    const uplinkFrom = rightEnd(overlayBox ?? host.box, 44);
    const shape: NodeShape = {
      id: node.id,
      node,
      box,
      pods: podShapes,
      bridge,
      host,
      uplink: { x: uplinkFrom.x, top: y.host + 60, bottom: underlayY },
    };
    anchors[bridge.id] = rightEnd(bridge.box, 60);
    anchors[host.id] = rightEnd(host.box, 44);
    nodeOf[bridge.id] = node.name;
    nodeOf[host.id] = node.name;
    if (node.overlay && overlayBox) {
      shape.overlay = { id: node.overlay.id, box: overlayBox };
      anchors[node.overlay.id] = rightEnd(overlayBox, 44);
      nodeOf[node.overlay.id] = node.name;
    }
    nodes.push(shape);
    x += w + S.nodeGap;
  }
  const nodesRight = x - S.nodeGap;

  const services = placeServices(topology.services, anchors, nodesRight);
  for (const s of services) anchors[s.id] = center(s.box);
  const width = Math.max(nodesRight, ...services.map((s) => s.box.x + s.box.w)) + S.margin;

  const underlay = { id: topology.underlay.id, y: underlayY, x1: S.margin, x2: width - S.margin };
  anchors[underlay.id] = { x: width / 2, y: underlayY };

  return { width, height: underlayY + 30, nodes, services, underlay, anchors, nodeOf };
}

/** Each Service above the middle of its endpoints, then pushed apart left to right. */
function placeServices(
  services: TopologyService[],
  anchors: Record<string, Point>,
  nodesRight: number,
): ServiceShape[] {
  const wanted = services.map((service, i) => {
    const xs = service.endpoints.map((e) => anchors[e.pod]?.x).filter((v) => v !== undefined);
    const mid = xs.length > 0 ? (Math.min(...xs) + Math.max(...xs)) / 2 : nodesRight / 2;
    return { service, i, x: mid - S.serviceW / 2 };
  });
  wanted.sort((a, b) => a.x - b.x || a.i - b.i);
  let minX = S.margin;
  const placed = wanted.map((w) => {
    const x = Math.max(w.x, minX);
    minX = x + S.serviceW + S.serviceGap;
    return { ...w, x };
  });
  // Pull the row back left if it ran past the nodes.
  const overflow = minX - S.serviceGap - Math.max(nodesRight, S.margin + S.serviceW);
  if (overflow > 0) {
    let maxRight = Math.max(nodesRight, S.margin + S.serviceW);
    for (let i = placed.length - 1; i >= 0; i--) {
      const p = placed[i]!;
      p.x = Math.max(S.margin, Math.min(p.x, maxRight - S.serviceW));
      maxRight = p.x - S.serviceGap;
    }
  }
  return placed.map(({ service, x }) => {
    const box = { x, y: S.margin, w: S.serviceW, h: S.serviceH };
    const from = { x: x + S.serviceW / 2, y: S.margin + S.serviceH };
    // Pod anchors are at the pods' bottom edge; the lines end on their top edge.
    const endpoints = service.endpoints
      .map((e) => anchors[e.pod])
      .filter((p): p is Point => p !== undefined)
      .map((p) => ({ from, to: { x: p.x, y: p.y - S.podH } }));
    return { id: service.id, service, box, endpoints };
  });
}

/**
 * The way the packet travels from one element to the next: straight within a node, and down to
 * the underlay, across and up between nodes.
 */
export function packetRoute(layout: TopologyLayout, ids: string[]): Point[] {
  const points: Point[] = [];
  let previous: string | undefined;
  for (const id of ids) {
    const to = layout.anchors[id];
    if (!to) continue;
    const fromNode = previous === undefined ? undefined : layout.nodeOf[previous];
    const toNode = layout.nodeOf[id];
    const from = points.at(-1);
    if (from && fromNode && toNode && fromNode !== toNode) {
      points.push({ x: from.x, y: layout.underlay.y }, { x: to.x, y: layout.underlay.y });
    }
    points.push(to);
    previous = id;
  }
  return points;
}
