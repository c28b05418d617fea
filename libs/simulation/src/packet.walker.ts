/**
 * Moves one packet through the cluster hop by hop: the pod's veth, the node's bridge, kube-proxy's
 * DNAT/SNAT, conntrack's reverse NAT, NetworkPolicy, node routing and the VXLAN overlay (or plain
 * routes), recording a step at each component.
 */
import {
  podId,
  type Cluster,
  type NodeState,
  type PodState,
  type ServiceState,
} from './cluster.model.js';
import { cidrAddress, cidrContains } from './ipv4.util.js';
import { verdict } from './network-policy.evaluator.js';
import { chooseEndpoint, lookupService } from './service.router.js';
import type {
  Address,
  Component,
  Outcome,
  PacketHeaders,
  Stage,
  StepEnd,
  TraceStep,
} from './simulation.types.js';
import { CNI_COMPONENTS, type StepBuilder } from './trace.builder.js';

/** VXLAN as flannel sets it up. */
export const VXLAN_PORT = 8472;
export const VXLAN_VNI = 1;

/** An address translation kept in a node's conntrack table. */
export interface NatRecord {
  node: string;
  kind: 'DNAT' | 'SNAT';
  /** Address before translation (original destination for DNAT, original source for SNAT). */
  original: Address;
  translated: Address;
}

/** One connection (or ICMP exchange): what kube-proxy chose and what conntrack must undo. */
export interface Connection {
  nat: NatRecord[];
  service?: ServiceState;
  entry?: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  endpoint?: PodState;
  dnatDone: boolean;
}

/** Where a walk ended. */
export type WalkEnd =
  | { kind: 'pod'; pod: PodState; packet: PacketHeaders }
  | { kind: 'host'; node: NodeState; packet: PacketHeaders }
  | { kind: 'dropped'; step: TraceStep }
  | { kind: 'refused'; step: TraceStep };

/** Stages the walk's steps belong to. */
export interface WalkStages {
  send: Stage;
  route: Stage;
}

/** Creates an empty connection. */
export function newConnection(): Connection {
  return { nat: [], dnatDone: false };
}

function sameAddress(a: Address, b: Address): boolean {
  return a.ip === b.ip && a.port === b.port;
}

function fmt(a: Address): string {
  return a.port === undefined ? a.ip : `${a.ip}:${a.port}`;
}

/** Walks packets for one command. */
export class PacketWalker {
  constructor(
    private readonly cluster: Cluster,
    private readonly b: StepBuilder,
  ) {}

  /** Names an address for a step's source/destination. */
  end(a: Address): StepEnd {
    const pod = this.cluster.podByIP(a.ip);
    if (pod) return { name: pod.name, namespace: pod.namespace, ip: a.ip, port: a.port };
    const svc = this.cluster.services.find(
      (s) => s.clusterIP === a.ip || s.loadBalancerIP === a.ip,
    );
    if (svc)
      return { name: `service/${svc.name}`, namespace: svc.namespace, ip: a.ip, port: a.port };
    const node = this.cluster.nodes.find(
      (n) =>
        n.spec.ip === a.ip ||
        cidrAddress(n.spec.podCIDR, 1) === a.ip ||
        cidrAddress(n.spec.podCIDR, 0) === a.ip,
    );
    if (node) return { name: node.spec.name, ip: a.ip, port: a.port };
    return { name: a.ip, ip: a.ip, port: a.port };
  }

  /** Records one hop. CNI components on a node whose CNI is down drop the packet. */
  hop(
    component: Component,
    node: string,
    at: string,
    action: string,
    role: string,
    packet: PacketHeaders,
    result: string,
    outcome: Outcome,
    sets?: Record<string, string>,
  ): TraceStep {
    const n = this.cluster.node(node);
    if (n && !n.cniUp && CNI_COMPONENTS.has(component) && component !== 'node routing') {
      result = `dropped: the CNI plugin is down on ${node}`;
      outcome = 'dropped';
    }
    return this.b.emit(
      {
        action,
        component,
        node,
        at,
        source: this.end(packet.src),
        destination: this.end(packet.dst),
        packet: structuredClone(packet),
        role,
        result,
        outcome,
      },
      sets,
    );
  }

  /** Sends `packet` out of `pod` and follows it until it is delivered, dropped or refused. */
  fromPod(
    pod: PodState,
    packet: PacketHeaders,
    conn: Connection,
    dir: 'request' | 'response',
    stages: WalkStages,
  ): WalkEnd {
    this.b.stage = stages.send;
    const s = this.hop(
      'veth',
      pod.node,
      `veth/${pod.namespace}/${pod.name}`,
      `${pod.name}'s packet leaves eth0 and enters the host`,
      `The veth pair joins ${pod.name}'s network namespace to ${pod.node}; its host end is a port of bridge cni0.`,
      packet,
      'forwarded',
      'forwarded',
    );
    if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
    return this.atHost(this.cluster.node(pod.node)!, packet, pod, conn, dir, 'pod', stages);
  }

  /** Sends `packet` from a node's own network stack (e.g. a node answering ping). */
  fromHost(node: NodeState, packet: PacketHeaders, conn: Connection, stages: WalkStages): WalkEnd {
    this.b.stage = stages.send;
    return this.atHost(node, packet, undefined, conn, 'response', 'local', stages);
  }

  private atHost(
    node: NodeState,
    packet: PacketHeaders,
    srcPod: PodState | undefined,
    conn: Connection,
    dir: 'request' | 'response',
    arrivedFrom: 'pod' | 'overlay' | 'underlay' | 'local',
    stages: WalkStages,
  ): WalkEnd {
    const name = node.spec.name;
    const hostId = `node/${name}`;
    const dstAtArrival = packet.dst.ip;
    // 1. conntrack undoes the translations of this connection on the way back.
    if (dir === 'response') {
      const records = conn.nat.filter((r) => r.node === name).reverse();
      const changes: string[] = [];
      for (const r of records) {
        if (r.kind === 'DNAT' && sameAddress(packet.src, r.translated)) {
          changes.push(`source ${fmt(r.translated)} → ${fmt(r.original)}`);
          packet.src = { ...r.original };
        }
        if (r.kind === 'SNAT' && sameAddress(packet.dst, r.translated)) {
          changes.push(`destination ${fmt(r.translated)} → ${fmt(r.original)}`);
          packet.dst = { ...r.original };
        }
      }
      if (changes.length > 0) {
        const s = this.hop(
          'conntrack',
          name,
          hostId,
          `conntrack reverses the NAT: ${changes.join(', ')}`,
          'conntrack remembers the translation made for the request and undoes it on the reply, so the client sees the address it called.',
          packet,
          'translated',
          'translated',
          { 'Conntrack entry': `reply matched on ${name}: ${changes.join(', ')}` },
        );
        if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
      }
    }
    // 2. kube-proxy: a new connection to a Service address is DNAT'ed to one endpoint.
    let routedByDnat = false;
    let masquerade = false;
    if (dir === 'request' && !conn.dnatDone) {
      const lookup = lookupService(this.cluster, node, packet.dst, packet.protocol);
      if (lookup.kind === 'virtual-ip-unmatched') {
        const why =
          packet.protocol === 'ICMP'
            ? `${packet.dst.ip} is Service ${lookup.service.name}'s virtual IP: kube-proxy only translates its TCP/UDP ports and no interface owns the address, so nothing answers ICMP`
            : `${packet.dst.ip} is Service ${lookup.service.name}'s virtual IP, but it exposes no ${packet.protocol} port ${packet.dst.port}`;
        const s = this.hop(
          'node routing',
          name,
          hostId,
          `No rule for ${fmt(packet.dst)}/${packet.protocol}`,
          'The node looks the destination up; a ClusterIP exists only as kube-proxy rules.',
          packet,
          `dropped: ${why}`,
          'dropped',
        );
        return { kind: 'dropped', step: s };
      }
      if (lookup.kind === 'service') {
        const { service, portIndex, entry } = lookup.match;
        const sp = service.ports[portIndex]!;
        const endpoint = chooseEndpoint(
          this.cluster.endpoints(service, portIndex),
          this.cluster.random,
        );
        conn.service = service;
        conn.entry = entry;
        if (!endpoint) {
          const s = this.hop(
            'kube-proxy (iptables DNAT)',
            name,
            hostId,
            `Service ${service.name} has no endpoints`,
            `kube-proxy installs a REJECT rule for a Service without ready endpoints, so the client gets "connection refused" at once.`,
            packet,
            `refused: Service ${service.namespace}/${service.name} has no endpoints`,
            'refused',
          );
          return { kind: 'refused', step: s };
        }
        const original = { ...packet.dst };
        const translated = { ip: endpoint.pod.ip, port: endpoint.port };
        packet.dst = translated;
        conn.nat.push({ node: name, kind: 'DNAT', original, translated });
        conn.dnatDone = true;
        conn.endpoint = endpoint.pod;
        routedByDnat = true;
        masquerade = entry === 'NodePort';
        const via =
          entry === 'ClusterIP'
            ? 'ClusterIP'
            : entry === 'NodePort'
              ? `NodePort ${sp.nodePort} on ${name}`
              : `LoadBalancer IP ${service.loadBalancerIP}`;
        const s = this.hop(
          'kube-proxy (iptables DNAT)',
          name,
          hostId,
          `DNAT ${fmt(original)} → ${fmt(translated)} (${endpoint.pod.name})`,
          `kube-proxy's iptables rules rewrite the ${via} destination to one ready endpoint of Service ${service.name}${typeof sp.targetPort === 'string' ? ` (targetPort "${sp.targetPort}" is ${endpoint.port} on that pod)` : ''}.`,
          packet,
          'translated',
          'translated',
          {
            'Destination after DNAT': fmt(translated),
            'Conntrack entry': `${packet.protocol} ${fmt(packet.src)} → ${fmt(original)} DNAT to ${fmt(translated)} (on ${name})`,
          },
        );
        if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
      }
    }
    const target = this.locate(packet.dst.ip);
    // 3. NetworkPolicy egress, checked where the packet leaves its pod.
    if (dir === 'request' && arrivedFrom === 'pod' && srcPod) {
      const v = verdict(this.cluster, srcPod, 'Egress', {
        srcIP: packet.src.ip,
        dstIP: packet.dst.ip,
        protocol: packet.protocol,
        port: packet.dst.port,
      });
      if (v.isolated) {
        const s = this.hop(
          'NetworkPolicy',
          name,
          hostId,
          `Egress check for ${srcPod.name}`,
          'Egress rules of the policies that select the source pod decide whether it may send this packet.',
          packet,
          v.allowed ? `allowed: ${v.reason}` : `dropped: ${v.reason}`,
          v.allowed ? 'allowed' : 'dropped',
        );
        if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
      }
    }
    // 4. NodePort traffic is masqueraded so the reply comes back through this node.
    if (masquerade) {
      const local = target.kind === 'pod' && target.node === node;
      const snatIP = local
        ? cidrAddress(node.spec.podCIDR, 1)
        : this.cluster.spec.cni === 'bridge+vxlan'
          ? cidrAddress(node.spec.podCIDR, 0)
          : node.spec.ip;
      const original = { ...packet.src };
      const translated = { ip: snatIP, port: packet.src.port };
      packet.src = translated;
      conn.nat.push({ node: name, kind: 'SNAT', original, translated });
      const s = this.hop(
        'kube-proxy (iptables SNAT)',
        name,
        hostId,
        `MASQUERADE source ${fmt(original)} → ${fmt(translated)}`,
        "kube-proxy marks NodePort traffic for masquerade, so the source becomes this node's address and the reply returns here to be un-NATed.",
        packet,
        'translated',
        'translated',
      );
      if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
    }
    this.b.stage = stages.route;
    return this.route(
      node,
      packet,
      conn,
      dir,
      arrivedFrom,
      dstAtArrival,
      routedByDnat,
      target,
      stages,
    );
  }

  private locate(
    ip: string,
  ):
    | { kind: 'pod'; pod: PodState; node: NodeState }
    | { kind: 'pod-range'; node: NodeState }
    | { kind: 'node'; node: NodeState }
    | { kind: 'none' } {
    const pod = this.cluster.podByIP(ip);
    if (pod) return { kind: 'pod', pod, node: this.cluster.node(pod.node)! };
    const byIP = this.cluster.nodes.find(
      (n) =>
        n.spec.ip === ip ||
        cidrAddress(n.spec.podCIDR, 1) === ip ||
        cidrAddress(n.spec.podCIDR, 0) === ip,
    );
    if (byIP) return { kind: 'node', node: byIP };
    const range = this.cluster.nodeForPodIP(ip);
    if (range) return { kind: 'pod-range', node: range };
    return { kind: 'none' };
  }

  private route(
    node: NodeState,
    packet: PacketHeaders,
    conn: Connection,
    dir: 'request' | 'response',
    arrivedFrom: 'pod' | 'overlay' | 'underlay' | 'local',
    dstAtArrival: string,
    routedByDnat: boolean,
    target: ReturnType<PacketWalker['locate']>,
    stages: WalkStages,
  ): WalkEnd {
    const name = node.spec.name;
    const hostId = `node/${name}`;
    const bridgeIP = cidrAddress(node.spec.podCIDR, 1);
    const routeStep = (
      action: string,
      role: string,
      result = 'forwarded',
      outcome: Outcome = 'forwarded',
    ): TraceStep => {
      if (arrivedFrom !== 'local') packet.ttl -= 1;
      if (packet.ttl <= 0)
        return this.hop(
          'node routing',
          name,
          hostId,
          action,
          role,
          packet,
          'dropped: TTL expired',
          'dropped',
        );
      return this.hop('node routing', name, hostId, action, role, packet, result, outcome);
    };
    if (target.kind === 'pod' && target.node === node) {
      const bridged =
        arrivedFrom === 'pod' &&
        !routedByDnat &&
        cidrContains(node.spec.podCIDR, dstAtArrival) &&
        dstAtArrival !== bridgeIP;
      if (!bridged) {
        const s = routeStep(
          `Route ${packet.dst.ip} to cni0`,
          `${node.spec.podCIDR} is directly connected on bridge cni0, so ${name} routes the packet there (TTL − 1).`,
        );
        if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
      }
      const s = this.hop(
        'bridge cni0',
        name,
        `bridge/${name}`,
        `Bridge cni0 switches the frame to ${target.pod.name}'s veth`,
        bridged
          ? `Both pods sit on ${name}'s bridge cni0 in the same subnet, so the bridge switches the frame by MAC address (no routing, TTL unchanged).`
          : `Bridge cni0 delivers the frame to the veth of the pod that owns ${packet.dst.ip}.`,
        packet,
        'forwarded',
        'forwarded',
      );
      if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
      return this.deliver(target.pod, packet, dir);
    }
    // The other node's bridge or VXLAN address (e.g. a masqueraded source) is reached like its pods.
    const remoteNodeRange =
      target.kind === 'node' &&
      target.node !== node &&
      cidrContains(target.node.spec.podCIDR, packet.dst.ip);
    if (target.kind === 'pod' || target.kind === 'pod-range' || remoteNodeRange) {
      const remote = target.node;
      if (remote === node) {
        const s0 =
          arrivedFrom === 'pod' && cidrContains(node.spec.podCIDR, dstAtArrival)
            ? undefined
            : routeStep(
                `Route ${packet.dst.ip} to cni0`,
                `${node.spec.podCIDR} is directly connected on bridge cni0.`,
              );
        if (s0?.outcome === 'dropped') return { kind: 'dropped', step: s0 };
        const s = this.hop(
          'bridge cni0',
          name,
          `bridge/${name}`,
          `ARP for ${packet.dst.ip} on cni0`,
          'The bridge needs the MAC address of the pod that owns the IP; no pod answers for an address that is not in use.',
          packet,
          `dropped: no pod has IP ${packet.dst.ip} on ${name} (ARP gets no answer)`,
          'dropped',
        );
        return { kind: 'dropped', step: s };
      }
      const vxlan = this.cluster.spec.cni === 'bridge+vxlan';
      const s1 = routeStep(
        vxlan
          ? `Route ${remote.spec.podCIDR} via flannel.1`
          : `Route ${remote.spec.podCIDR} via ${remote.spec.ip}`,
        vxlan
          ? `${packet.dst.ip} belongs to ${remote.spec.name}'s pod range, which the CNI routes through the VXLAN device flannel.1 (TTL − 1).`
          : `${packet.dst.ip} belongs to ${remote.spec.name}'s pod range; the CNI installed a route with ${remote.spec.name}'s IP as next hop (TTL − 1).`,
      );
      if (s1.outcome === 'dropped') return { kind: 'dropped', step: s1 };
      if (vxlan) {
        packet.outer = {
          protocol: 'UDP',
          src: { ip: node.spec.ip, port: VXLAN_PORT },
          dst: { ip: remote.spec.ip, port: VXLAN_PORT },
          vni: VXLAN_VNI,
        };
        const s2 = this.hop(
          'CNI overlay (VXLAN)',
          name,
          `vxlan/${name}`,
          `Encapsulate in VXLAN: outer ${node.spec.ip} → ${remote.spec.ip}`,
          `The overlay wraps the pod packet in a UDP/${VXLAN_PORT} VXLAN packet between the two node IPs, so the physical network only sees node addresses.`,
          packet,
          'forwarded',
          'forwarded',
        );
        if (s2.outcome === 'dropped') return { kind: 'dropped', step: s2 };
        const s3 = this.hop(
          'CNI overlay (VXLAN)',
          remote.spec.name,
          `vxlan/${remote.spec.name}`,
          `Decapsulate on ${remote.spec.name}`,
          `${remote.spec.name}'s flannel.1 strips the outer header and hands the original pod packet to the node's routing.`,
          packet,
          'forwarded',
          'forwarded',
        );
        delete packet.outer;
        if (s3.outcome === 'dropped') return { kind: 'dropped', step: s3 };
        return this.atHost(remote, packet, undefined, conn, dir, 'overlay', stages);
      }
      return this.atHost(remote, packet, undefined, conn, dir, 'underlay', stages);
    }
    if (target.kind === 'node') {
      if (target.node === node) {
        const s = this.hop(
          'node routing',
          name,
          hostId,
          `Deliver to ${name}'s own stack`,
          `${packet.dst.ip} is an address of ${name} itself, so the kernel delivers the packet locally.`,
          packet,
          'delivered',
          'delivered',
        );
        if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
        return { kind: 'host', node, packet };
      }
      const s = routeStep(
        `Route ${packet.dst.ip} out of eth0`,
        `${packet.dst.ip} is node ${target.node.spec.name}'s address on the physical network, reached directly without the overlay (TTL − 1).`,
      );
      if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
      return this.atHost(target.node, packet, undefined, conn, dir, 'underlay', stages);
    }
    const s = routeStep(
      `No route for ${packet.dst.ip}`,
      'The node looks for a route to the destination.',
      `dropped: ${packet.dst.ip} is not a pod, Service or node address (the simulated cluster has no outside network)`,
      'dropped',
    );
    return { kind: 'dropped', step: s };
  }

  private deliver(pod: PodState, packet: PacketHeaders, dir: 'request' | 'response'): WalkEnd {
    const node = pod.node;
    if (dir === 'request') {
      const v = verdict(this.cluster, pod, 'Ingress', {
        srcIP: packet.src.ip,
        dstIP: packet.dst.ip,
        protocol: packet.protocol,
        port: packet.dst.port,
      });
      if (v.isolated) {
        const s = this.hop(
          'NetworkPolicy',
          node,
          `node/${node}`,
          `Ingress check for ${pod.name}`,
          'Ingress rules of the policies that select the destination pod decide whether it may receive this packet.',
          packet,
          v.allowed ? `allowed: ${v.reason}` : `dropped: ${v.reason}`,
          v.allowed ? 'allowed' : 'dropped',
        );
        if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
      }
    }
    const s = this.hop(
      'veth',
      node,
      `veth/${pod.namespace}/${pod.name}`,
      `Enter ${pod.name}'s network namespace`,
      `The packet crosses ${pod.name}'s veth pair and arrives on the pod's eth0.`,
      packet,
      'delivered',
      'delivered',
    );
    if (s.outcome === 'dropped') return { kind: 'dropped', step: s };
    return { kind: 'pod', pod, packet };
  }
}

/** Element id of a pod. */
export { podId };
