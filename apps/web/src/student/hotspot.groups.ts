import type { TopologyView } from '@podroom/contracts';
import type { QuestionOption } from '@podroom/quiz';

/** A node of the cluster as the phone draws it for a hotspot question: its parts to tap. */
export interface HotspotGroup {
  /** The node's name, or null for parts that belong to no node (the underlay, Services). */
  node: string | null;
  /** The node itself, when it is one of the options. */
  self: QuestionOption | null;
  parts: QuestionOption[];
}

/**
 * Places a hotspot question's options (topology element ids) on the nodes of the current step's
 * topology, in the options' order, so the phone shows a small map of the cluster: one box per
 * node with its bridge, overlay, pods and veths, then whatever belongs to no node.
 */
export function hotspotGroups(
  options: readonly QuestionOption[],
  topology: TopologyView,
): HotspotGroup[] {
  const nodeOf = new Map<string, string>();
  for (const n of topology.nodes) nodeOf.set(n.id, n.name);
  for (const p of topology.pods) {
    const node = topology.nodes.find((n) => n.name === p.node || n.id === p.node);
    nodeOf.set(p.id, node?.name ?? p.node);
  }
  for (const c of topology.components) if (c.node) nodeOf.set(c.id, c.node);
  const groups: HotspotGroup[] = topology.nodes.map((n) => ({
    node: n.name,
    self: null,
    parts: [],
  }));
  const loose: HotspotGroup = { node: null, self: null, parts: [] };
  for (const option of options) {
    const name = nodeOf.get(option.id);
    let group = groups.find((g) => g.node === name);
    if (name !== undefined && !group) {
      group = { node: name, self: null, parts: [] };
      groups.push(group);
    }
    if (!group) loose.parts.push(option);
    else if (topology.nodes.some((n) => n.id === option.id)) group.self = option;
    else group.parts.push(option);
  }
  return [
    ...groups.filter((g) => g.self || g.parts.length > 0),
    ...(loose.parts.length ? [loose] : []),
  ];
}
