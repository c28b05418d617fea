/**
 * NetworkPolicy (networking.k8s.io/v1) semantics, from the Kubernetes documentation:
 * a pod no policy selects for a direction allows everything in that direction; a selected pod
 * allows only what some rule of some selecting policy allows (policies add up); ingress is checked
 * at the destination, egress at the source, and a connection needs both. Replies of an allowed
 * connection are allowed (policies are stateful).
 *
 * The model's choices where the API says nothing:
 * - ICMP (ping): a rule without `ports` allows every protocol, ICMP included; a rule with `ports`
 *   never matches ICMP (as Calico and Cilium behave).
 * - `ipBlock` is compared with the packet's address after Service DNAT and SNAT, and matches pod
 *   IPs too (as Calico does).
 */
import type { Cluster, PodState } from './cluster.model.js';
import { cidrContains } from './ipv4.util.js';
import { formatSelector, matchesSelector } from './label-selector.matcher.js';
import type {
  NetworkPolicyResource,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
} from './manifest.types.js';
import type { Protocol } from './simulation.types.js';

/** A connection attempt as the policy engine sees it (addresses after NAT). */
export interface PolicyQuery {
  srcIP: string;
  dstIP: string;
  protocol: Protocol;
  /** Destination port (absent for ICMP). */
  port?: number;
}

/** The decision for one direction. */
export interface PolicyVerdict {
  direction: 'Ingress' | 'Egress';
  /** The pod whose policies were checked. */
  pod: PodState;
  /** Whether any policy selects the pod for this direction. */
  isolated: boolean;
  allowed: boolean;
  /** Names of the policies that select the pod for this direction. */
  policies: string[];
  /** The policy (and rule number) that allowed it, if one did. */
  allowedBy?: string;
  /** One sentence for the trace. */
  reason: string;
}

/** Both directions. `egress` is absent when the source is not a pod; `ingress` when the destination is not. */
export interface PolicyDecision {
  egress?: PolicyVerdict;
  ingress?: PolicyVerdict;
  allowed: boolean;
}

/** Decides whether `query` may pass the NetworkPolicies of its source and destination pods. */
export function evaluatePolicies(cluster: Cluster, query: PolicyQuery): PolicyDecision {
  const src = cluster.podByIP(query.srcIP);
  const dst = cluster.podByIP(query.dstIP);
  const egress = src ? verdict(cluster, src, 'Egress', query) : undefined;
  const ingress = dst ? verdict(cluster, dst, 'Ingress', query) : undefined;
  return { egress, ingress, allowed: (egress?.allowed ?? true) && (ingress?.allowed ?? true) };
}

/** Policies that select `pod` for `direction`. */
export function selectingPolicies(
  cluster: Cluster,
  pod: PodState,
  direction: 'Ingress' | 'Egress',
): NetworkPolicyResource[] {
  return cluster.policies.filter(
    (p) =>
      p.namespace === pod.namespace &&
      p.policyTypes.includes(direction) &&
      matchesSelector(p.podSelector, pod.labels),
  );
}

/** The verdict of one direction for the pod at that end. */
export function verdict(
  cluster: Cluster,
  pod: PodState,
  direction: 'Ingress' | 'Egress',
  query: PolicyQuery,
): PolicyVerdict {
  const policies = selectingPolicies(cluster, pod, direction);
  const names = policies.map((p) => p.name);
  const dirWord = direction === 'Ingress' ? 'ingress' : 'egress';
  if (policies.length === 0) {
    return {
      direction,
      pod,
      isolated: false,
      allowed: true,
      policies: [],
      reason: `no NetworkPolicy selects ${pod.name} for ${dirWord}, so all ${dirWord} traffic is allowed`,
    };
  }
  const peerIP = direction === 'Ingress' ? query.srcIP : query.dstIP;
  const portPod = direction === 'Ingress' ? pod : cluster.podByIP(query.dstIP);
  for (const policy of policies) {
    const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (ruleMatches(cluster, policy, rule, peerIP, portPod, query)) {
        const by = `${policy.name} (${dirWord} rule ${i + 1})`;
        return {
          direction,
          pod,
          isolated: true,
          allowed: true,
          policies: names,
          allowedBy: by,
          reason: `${pod.name} is selected by ${names.join(', ')}; ${by} allows ${describe(query)}`,
        };
      }
    }
  }
  return {
    direction,
    pod,
    isolated: true,
    allowed: false,
    policies: names,
    reason: `${pod.name} is selected by ${names.join(', ')} for ${dirWord} and no rule allows ${describe(query)}`,
  };
}

function describe(q: PolicyQuery): string {
  return q.protocol === 'ICMP'
    ? `ICMP from ${q.srcIP} to ${q.dstIP}`
    : `${q.protocol} ${q.srcIP} → ${q.dstIP}:${q.port}`;
}

function ruleMatches(
  cluster: Cluster,
  policy: NetworkPolicyResource,
  rule: PolicyRule,
  peerIP: string,
  portPod: PodState | undefined,
  query: PolicyQuery,
): boolean {
  const peerOk =
    !rule.peers ||
    rule.peers.length === 0 ||
    rule.peers.some((peer) => peerMatches(cluster, policy, peer, peerIP));
  if (!peerOk) return false;
  if (!rule.ports || rule.ports.length === 0) return true;
  return rule.ports.some((p) => portMatches(p, portPod, query));
}

/** Whether one `from`/`to` element matches the peer address. */
export function peerMatches(
  cluster: Cluster,
  policy: NetworkPolicyResource,
  peer: PolicyPeer,
  ip: string,
): boolean {
  if ('ipBlock' in peer) {
    return (
      cidrContains(peer.ipBlock.cidr, ip) && !peer.ipBlock.except.some((e) => cidrContains(e, ip))
    );
  }
  const pod = cluster.podByIP(ip);
  if (!pod) return false;
  if (peer.namespaceSelector) {
    const nsLabels = cluster.namespaces.get(pod.namespace) ?? {};
    if (!matchesSelector(peer.namespaceSelector, nsLabels)) return false;
  } else if (pod.namespace !== policy.namespace) {
    return false; // podSelector alone means pods of the policy's own namespace
  }
  return !peer.podSelector || matchesSelector(peer.podSelector, pod.labels);
}

function portMatches(p: PolicyPort, portPod: PodState | undefined, q: PolicyQuery): boolean {
  if (q.protocol === 'ICMP' || q.port === undefined) return false;
  if (p.protocol !== q.protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string') {
    // A named port refers to the destination pod's container port of that name.
    const named = portPod?.spec.containers
      .flatMap((c) => c.ports)
      .find((cp) => cp.name === p.port && cp.protocol === q.protocol);
    return named !== undefined && named.containerPort === q.port;
  }
  const end = p.endPort ?? p.port;
  return q.port >= p.port && q.port <= end;
}

/** A one-line description of a policy for tables. */
export function describePolicy(p: NetworkPolicyResource): string {
  return `${p.namespace}/${p.name} selects ${formatSelector(p.podSelector)} for ${p.policyTypes.join('+')}`;
}
