import type { StepView, TopologyView } from '@podroom/contracts';
import type { PacketHeaders, Topology } from '@podroom/simulation';
import type { PacketState, TrackerValue } from '../projector/projector.frames.js';

/**
 * The room's step, as the projector components draw it. A room's `StepView` carries the
 * projector's part of the simulation's topology (names, IPs, element ids, pod ranges, bridge
 * addresses, VXLAN ids, Service types, ports and endpoints); a field a server leaves out is left
 * empty (the diagram leaves empty labels out). Pure.
 */

const lastSegment = (id: string) => id.split('/').at(-1) ?? id;

/** The simulation's `Topology` shape, filled from a room's `TopologyView`. */
export function topologyOf(view: TopologyView): Topology {
  const component = (prefix: string, node: string) =>
    view.components.find((c) => c.id.startsWith(prefix) && c.node === node);
  const nodes = view.nodes.map((n) => {
    const overlay = component('vxlan/', n.name);
    return {
      id: n.id,
      name: n.name,
      ip: n.ip,
      podCIDR: n.podCIDR ?? '',
      bridge: {
        id: component('bridge/', n.name)?.id ?? `bridge/${n.name}`,
        name: 'cni0' as const,
        ip: n.bridgeIp ?? '',
      },
      ...(overlay && {
        overlay: { id: overlay.id, name: 'flannel.1' as const, ip: '', vni: n.vni ?? 0 },
      }),
      cniUp: n.cniUp ?? true,
    };
  });
  const namespaces = [...new Set([...view.pods, ...view.services].map((x) => x.namespace))];
  return {
    domain: 'cluster.local',
    serviceCIDR: '',
    dnsIP: '',
    cni: nodes.some((n) => n.overlay) ? 'bridge+vxlan' : 'routed',
    underlay: { id: 'underlay' },
    nodes,
    namespaces: namespaces.map((name) => ({ name, labels: {} })),
    pods: view.pods.map((p) => ({
      id: p.id,
      name: lastSegment(p.id),
      namespace: p.namespace,
      displayName: p.name,
      node: p.node,
      ip: p.ip,
      labels: {},
      veth: p.id.startsWith('pod/') ? `veth/${p.id.slice(4)}` : `veth/${p.namespace}/${p.name}`,
      ports: [],
    })),
    services: view.services.map((s) => ({
      id: s.id,
      name: s.name,
      namespace: s.namespace,
      type: s.type ?? 'ClusterIP',
      clusterIP: s.clusterIP,
      ports: (s.ports ?? []).map((port) => ({
        port: port.port,
        targetPort: port.targetPort,
        protocol: port.protocol === 'UDP' ? ('UDP' as const) : ('TCP' as const),
        ...(port.nodePort !== undefined && { nodePort: port.nodePort }),
      })),
      selector: {},
      endpoints: s.endpoints ?? [],
    })),
    networkPolicies: [],
  };
}

/** The tracker after `step`, marking what changed since `previous` when it is the step before. */
export function trackerOf(step: StepView, previous: StepView | undefined): TrackerValue[] {
  const before =
    previous &&
    previous.index === step.index - 1 &&
    previous.action.index === step.action.index &&
    previous.row.step < step.row.step
      ? new Map(previous.tracker.map((t) => [t.name, t.value]))
      : undefined;
  return step.tracker.map((t) => ({
    name: t.name,
    value: t.value,
    changed: before !== undefined && before.has(t.name) && before.get(t.name) !== t.value,
  }));
}

/** Where the packet goes on this step: from where it was on the step before, when that is known. */
export function packetPathOf(step: StepView, previous: StepView | undefined): string[] {
  if (step.packetAt === null) return [];
  const from =
    previous &&
    previous.index === step.index - 1 &&
    previous.action.index === step.action.index &&
    previous.packetAt !== null &&
    previous.packetAt !== step.packetAt
      ? previous.packetAt
      : undefined;
  return from ? [from, step.packetAt] : [step.packetAt];
}

/** Moving or dropped: as the server says (`dropped`), else guessed from the row's words. */
export function packetStateOf(step: StepView): PacketState {
  if (step.packetAt === null) return 'none';
  if (step.dropped !== undefined) return step.dropped ? 'dropped' : 'moving';
  return /\b(dropped|denied|refused|timed? ?out|nxdomain)\b/i.test(step.row.result)
    ? 'dropped'
    : 'moving';
}

/** The packet's headers for the packet card, in the simulation's shape. */
export function packetOf(step: StepView): PacketHeaders | undefined {
  const packet = step.packet;
  if (!packet) return undefined;
  const protocol = (p: string) => (p === 'UDP' || p === 'ICMP' ? p : 'TCP');
  return {
    protocol: protocol(packet.protocol),
    src: packet.src,
    dst: packet.dst,
    ttl: packet.ttl,
    payload: packet.payload,
    ...(packet.outer && {
      outer: {
        protocol: 'UDP',
        src: packet.outer.src,
        dst: packet.outer.dst,
        vni: packet.outer.vni,
      },
    }),
  };
}
