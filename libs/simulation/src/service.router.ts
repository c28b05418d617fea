/**
 * kube-proxy in iptables mode: which Service a packet is addressed to (ClusterIP, NodePort on the
 * receiving node's IP, LoadBalancer IP), and the endpoint it is DNAT'ed to.
 */
import type { Cluster, Endpoint, NodeState, ServiceState } from './cluster.model.js';
import type { Random } from './prng.util.js';
import type { Protocol } from './simulation.types.js';

/** How the packet reached the Service. */
export type ServiceEntry = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/** A packet addressed to a Service port. */
export interface ServiceMatch {
  service: ServiceState;
  portIndex: number;
  entry: ServiceEntry;
}

/** The result of looking a destination up in kube-proxy's rules on `node`. */
export type ServiceLookup =
  | { kind: 'service'; match: ServiceMatch }
  /** A Service address, but no rule for this protocol/port (ICMP to a ClusterIP, a port not exposed). */
  | { kind: 'virtual-ip-unmatched'; service: ServiceState }
  | { kind: 'none' };

/** Looks up `dst` as kube-proxy's KUBE-SERVICES and KUBE-NODEPORTS chains on `node` would. */
export function lookupService(
  cluster: Cluster,
  node: NodeState,
  dst: { ip: string; port?: number },
  protocol: Protocol,
): ServiceLookup {
  for (const service of cluster.services) {
    const isClusterIP = service.clusterIP !== 'None' && dst.ip === service.clusterIP;
    const isLB = service.loadBalancerIP !== undefined && dst.ip === service.loadBalancerIP;
    if (isClusterIP || isLB) {
      const portIndex = service.ports.findIndex(
        (p) => p.port === dst.port && p.protocol === protocol,
      );
      if (portIndex < 0) return { kind: 'virtual-ip-unmatched', service };
      return {
        kind: 'service',
        match: { service, portIndex, entry: isClusterIP ? 'ClusterIP' : 'LoadBalancer' },
      };
    }
  }
  if (dst.ip === node.spec.ip && dst.port !== undefined) {
    for (const service of cluster.services) {
      const portIndex = service.ports.findIndex(
        (p) => p.nodePort === dst.port && p.protocol === protocol,
      );
      if (portIndex >= 0)
        return { kind: 'service', match: { service, portIndex, entry: 'NodePort' } };
    }
  }
  return { kind: 'none' };
}

/**
 * Picks an endpoint the way the iptables `statistic --mode random` rules do: each endpoint with
 * equal probability, drawn from the seeded generator.
 */
export function chooseEndpoint(endpoints: Endpoint[], random: Random): Endpoint | undefined {
  if (endpoints.length === 0) return undefined;
  return endpoints[Math.floor(random() * endpoints.length)];
}
