/**
 * The cluster's state: nodes with IPAM, namespaces, pods, workloads, Services with endpoints and
 * NetworkPolicies. Mutations mirror what the API server, controllers, scheduler and CNI would do.
 */
import { cidrAddress, cidrContains, formatIPv4, parseCidr, parseIPv4 } from './ipv4.util.js';
import { matchesSelector, matchesServiceSelector } from './label-selector.matcher.js';
import type {
  NetworkPolicyResource,
  PodResource,
  PodSpecModel,
  ServiceResource,
  WorkloadResource,
} from './manifest.types.js';
import {
  createRandom,
  fnv1a32,
  podTemplateHash,
  randomSuffix,
  stableStringify,
  type Random,
} from './prng.util.js';
import type { ClusterSpec, NodeSpec, Protocol, Topology } from './simulation.types.js';
import {
  listeningPorts,
  runInitContainers,
  type ListeningPort,
  type VolumeFiles,
} from './workload.behaviour.js';

/** Annotation giving a pod a human name for the summary (e.g. `Pod A`). */
export const DISPLAY_NAME_ANNOTATION = 'podroom.io/display-name';

export interface NodeState {
  spec: NodeSpec;
  index: number;
  cniUp: boolean;
  /** host-local IPAM: last reserved offset and offsets in use. */
  lastOffset: number;
  used: Set<number>;
}

export interface PodState {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: PodSpecModel;
  node: string;
  ip: string;
  /** ReplicaSet name when a workload owns the pod. */
  owner?: string;
  files: VolumeFiles;
  ports: ListeningPort[];
  /** Identity of the manifest, to print `unchanged` on a re-apply. */
  specHash: string;
}

export interface ServiceState extends ServiceResource {
  clusterIP: string;
  loadBalancerIP?: string;
  ports: (ServiceResource['ports'][number] & { nodePort?: number })[];
  specHash: string;
}

export interface WorkloadState {
  resource: WorkloadResource;
  /** ReplicaSet name (`<deployment>-<pod-template-hash>`), or the ReplicaSet's own name. */
  replicaSet: string;
  hash?: string;
  specHash: string;
}

/** An endpoint of a Service port: a ready pod and the port it listens on. */
export interface Endpoint {
  pod: PodState;
  port: number;
}

const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** The whole mutable cluster. Create with {@link createCluster}. */
export class Cluster {
  readonly random: Random;
  readonly nodes: NodeState[];
  readonly namespaces = new Map<string, Record<string, string>>();
  pods: PodState[] = [];
  services: ServiceState[] = [];
  policies: NetworkPolicyResource[] = [];
  workloads: WorkloadState[] = [];
  dnsUp = true;
  private readonly pinsLeft: ClusterSpec['pins'];

  constructor(readonly spec: ClusterSpec) {
    this.random = createRandom(spec.seed);
    this.pinsLeft = [...spec.pins];
    this.nodes = spec.nodes.map((n, index) => ({
      spec: n,
      index,
      cniUp: true,
      lastOffset: 1,
      used: new Set([0, 1]),
    }));
    for (const ns of SYSTEM_NAMESPACES)
      this.namespaces.set(ns, { 'kubernetes.io/metadata.name': ns });
  }

  node(name: string): NodeState | undefined {
    return this.nodes.find((n) => n.spec.name === name);
  }

  pod(namespace: string, name: string): PodState | undefined {
    return this.pods.find((p) => p.namespace === namespace && p.name === name);
  }

  podByIP(ip: string): PodState | undefined {
    return this.pods.find((p) => p.ip === ip);
  }

  /** The node whose pod range holds `ip`. */
  nodeForPodIP(ip: string): NodeState | undefined {
    return this.nodes.find((n) => cidrContains(n.spec.podCIDR, ip));
  }

  nodeByIP(ip: string): NodeState | undefined {
    return this.nodes.find((n) => n.spec.ip === ip);
  }

  service(namespace: string, name: string): ServiceState | undefined {
    return this.services.find((s) => s.namespace === namespace && s.name === name);
  }

  /** Ready endpoints of one Service port (pods sorted by name, as EndpointSlices list them). */
  endpoints(svc: ServiceState, portIndex = 0): Endpoint[] {
    if (!svc.selector) return [];
    const sp = svc.ports[portIndex];
    const out: Endpoint[] = [];
    for (const pod of this.podsOf(svc)) {
      if (!sp) {
        out.push({ pod, port: 0 });
        continue;
      }
      const port = resolveTargetPort(pod, sp.targetPort, sp.protocol);
      if (port !== undefined) out.push({ pod, port });
    }
    return out;
  }

  /** Pods selected by a Service's selector, sorted by name. */
  podsOf(svc: ServiceResource): PodState[] {
    if (!svc.selector) return [];
    return this.pods
      .filter(
        (p) => p.namespace === svc.namespace && matchesServiceSelector(svc.selector!, p.labels),
      )
      .sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Pods selected by a NetworkPolicy. */
  policyPods(policy: NetworkPolicyResource): PodState[] {
    return this.pods.filter(
      (p) => p.namespace === policy.namespace && matchesSelector(policy.podSelector, p.labels),
    );
  }

  // ------------------------------------------------------------ mutations

  ensureNamespace(name: string): 'created' | 'unchanged' {
    if (this.namespaces.has(name)) return 'unchanged';
    this.namespaces.set(name, { 'kubernetes.io/metadata.name': name });
    return 'created';
  }

  /** Schedules a pod, gives it an IP from its node's range and runs its init containers. */
  createPod(resource: PodResource, owner?: string): PodState {
    const pin = this.takePin(resource.namespace, resource.name);
    const nodeName = pin?.node ?? resource.spec.nodeName ?? this.schedule();
    const node = this.node(nodeName);
    if (!node) throw new ClusterError(`node "${nodeName}" does not exist`);
    const ip = this.allocateIP(node, pin?.ip);
    const pod: PodState = {
      name: resource.name,
      namespace: resource.namespace,
      labels: { ...resource.labels },
      annotations: { ...resource.annotations },
      spec: resource.spec,
      node: node.spec.name,
      ip,
      owner,
      files: runInitContainers(resource.spec, resource.spec.hostname ?? resource.name),
      ports: listeningPorts(resource.spec),
      specHash: stableStringify(resource),
    };
    this.pods.push(pod);
    return pod;
  }

  /** Removes a pod and releases its IP (host-local does not hand it out again right away). */
  removePod(pod: PodState): void {
    this.pods = this.pods.filter((p) => p !== pod);
    const node = this.node(pod.node);
    const c = node && parseCidr(node.spec.podCIDR);
    const n = parseIPv4(pod.ip);
    if (node && c && n !== undefined) node.used.delete(n - c.base);
  }

  /** Creates the pods a workload is missing (or deletes the newest extra ones). Returns created pods. */
  reconcile(w: WorkloadState): { created: PodState[]; deleted: PodState[] } {
    const mine = this.pods.filter(
      (p) => p.namespace === w.resource.namespace && p.owner === w.replicaSet,
    );
    const created: PodState[] = [];
    const deleted: PodState[] = [];
    for (let i = mine.length; i < w.resource.replicas; i++) {
      const name = this.replicaName(w);
      const labels = { ...w.resource.template.labels };
      if (w.hash) labels['pod-template-hash'] = w.hash;
      created.push(
        this.createPod(
          {
            kind: 'Pod',
            name,
            namespace: w.resource.namespace,
            labels,
            annotations: w.resource.template.annotations,
            spec: w.resource.template.spec,
          },
          w.replicaSet,
        ),
      );
    }
    for (const extra of mine.slice(w.resource.replicas).reverse()) {
      this.removePod(extra);
      deleted.push(extra);
    }
    return { created, deleted };
  }

  /** Registers a Deployment or ReplicaSet and creates its pods. */
  addWorkload(resource: WorkloadResource): WorkloadState {
    let replicaSet = resource.name;
    let hash: string | undefined;
    if (resource.kind === 'Deployment') {
      const pinned = this.pinsLeft.find(
        (p) =>
          p.namespace === resource.namespace &&
          new RegExp(`^${escapeRe(resource.name)}-([a-z0-9]+)-[a-z0-9]{5}$`).test(p.pod),
      );
      hash = pinned
        ? pinned.pod.slice(resource.name.length + 1, -6)
        : podTemplateHash(fnv1a32(`${stableStringify(resource.template)}#${this.spec.seed}`));
      replicaSet = `${resource.name}-${hash}`;
    }
    const w: WorkloadState = { resource, replicaSet, hash, specHash: stableStringify(resource) };
    this.workloads.push(w);
    return w;
  }

  /** Allocates a ClusterIP, node ports and a load-balancer IP as the API server and a LB controller would. */
  addService(resource: ServiceResource, fixedIP?: string): ServiceState {
    const used = new Set(this.services.map((s) => s.clusterIP));
    let clusterIP = fixedIP ?? resource.clusterIP;
    if (clusterIP === undefined) {
      const c = parseCidr(this.spec.serviceCIDR)!;
      const reserved = new Set([cidrAddress(this.spec.serviceCIDR, 1), this.spec.dnsIP]);
      do {
        // The API server picks a random free address (the low band is left for static IPs).
        const offset = 16 + Math.floor(this.random() * (Math.min(c.size, 65536) - 32));
        clusterIP = formatIPv4(c.base + offset);
      } while (used.has(clusterIP) || reserved.has(clusterIP));
    } else if (clusterIP !== 'None' && used.has(clusterIP)) {
      throw new ClusterError(
        `Service "${resource.name}" is invalid: spec.clusterIP: Invalid value: "${clusterIP}": provided IP is already allocated`,
      );
    }
    const usedNodePorts = new Set(this.services.flatMap((s) => s.ports.map((p) => p.nodePort)));
    const ports = resource.ports.map((p) => {
      if (resource.type === 'ClusterIP') return { ...p, nodePort: undefined };
      let nodePort = p.nodePort;
      if (nodePort !== undefined && usedNodePorts.has(nodePort)) {
        throw new ClusterError(
          `Service "${resource.name}" is invalid: spec.ports.nodePort: Invalid value: ${nodePort}: provided port is already allocated`,
        );
      }
      while (nodePort === undefined || usedNodePorts.has(nodePort))
        nodePort = 30000 + Math.floor(this.random() * 2768);
      usedNodePorts.add(nodePort);
      return { ...p, nodePort };
    });
    let loadBalancerIP: string | undefined;
    if (resource.type === 'LoadBalancer') {
      const lb = parseCidr(this.spec.loadBalancerCIDR)!;
      const taken = new Set(this.services.map((s) => s.loadBalancerIP));
      for (let i = 0; i < lb.size; i++) {
        const ip = formatIPv4(lb.base + i);
        if (!taken.has(ip)) {
          loadBalancerIP = ip;
          break;
        }
      }
    }
    const svc: ServiceState = {
      ...resource,
      clusterIP,
      ports,
      loadBalancerIP,
      specHash: stableStringify(resource),
    };
    this.services.push(svc);
    return svc;
  }

  /** A scheduler that spreads pods: the node running the fewest pods, first in list order on ties. */
  private schedule(): string {
    let best = this.nodes[0]!;
    let bestCount = Infinity;
    for (const n of this.nodes) {
      const count = this.pods.filter(
        (p) => p.node === n.spec.name && p.namespace !== 'kube-system',
      ).length;
      if (count < bestCount) {
        best = n;
        bestCount = count;
      }
    }
    return best.spec.name;
  }

  /** host-local IPAM: the next free address after the last one handed out, wrapping round. */
  private allocateIP(node: NodeState, pinned?: string): string {
    const c = parseCidr(node.spec.podCIDR)!;
    if (pinned) {
      const offset = parseIPv4(pinned)! - c.base;
      if (node.used.has(offset))
        throw new ClusterError(`IP ${pinned} is already in use on ${node.spec.name}`);
      node.used.add(offset);
      node.lastOffset = offset;
      return pinned;
    }
    const last = c.size - 2; // keep the broadcast address
    for (let i = 1; i <= last; i++) {
      let offset = node.lastOffset + i;
      if (offset > last) offset -= last - 1;
      if (offset < 2 || node.used.has(offset)) continue;
      node.used.add(offset);
      node.lastOffset = offset;
      return formatIPv4(c.base + offset);
    }
    throw new ClusterError(`no free IP left in ${node.spec.podCIDR} on ${node.spec.name}`);
  }

  private takePin(namespace: string, name: string): ClusterSpec['pins'][number] | undefined {
    const i = this.pinsLeft.findIndex((p) => p.namespace === namespace && p.pod === name);
    return i < 0 ? undefined : this.pinsLeft.splice(i, 1)[0];
  }

  private replicaName(w: WorkloadState): string {
    const prefix = `${w.replicaSet}-`;
    const pin = this.pinsLeft.find(
      (p) =>
        p.namespace === w.resource.namespace &&
        p.pod.startsWith(prefix) &&
        p.pod.length === prefix.length + 5 &&
        !this.pod(p.namespace, p.pod),
    );
    if (pin) return pin.pod;
    for (;;) {
      const name = prefix + randomSuffix(this.random);
      if (!this.pod(w.resource.namespace, name)) return name;
    }
  }

  // ------------------------------------------------------------ views

  /** A snapshot for drawing. */
  topology(): Topology {
    const vxlan = this.spec.cni === 'bridge+vxlan';
    return {
      domain: this.spec.domain,
      serviceCIDR: this.spec.serviceCIDR,
      dnsIP: this.spec.dnsIP,
      cni: this.spec.cni,
      underlay: { id: 'underlay' },
      nodes: this.nodes.map((n) => ({
        id: `node/${n.spec.name}`,
        name: n.spec.name,
        ip: n.spec.ip,
        podCIDR: n.spec.podCIDR,
        bridge: { id: `bridge/${n.spec.name}`, name: 'cni0', ip: cidrAddress(n.spec.podCIDR, 1) },
        overlay: vxlan
          ? {
              id: `vxlan/${n.spec.name}`,
              name: 'flannel.1',
              ip: cidrAddress(n.spec.podCIDR, 0),
              vni: 1,
            }
          : undefined,
        cniUp: n.cniUp,
      })),
      namespaces: [...this.namespaces].map(([name, labels]) => ({ name, labels: { ...labels } })),
      pods: this.pods.map((p) => ({
        id: podId(p),
        name: p.name,
        namespace: p.namespace,
        displayName: displayName(p),
        node: p.node,
        ip: p.ip,
        labels: { ...p.labels },
        veth: `veth/${p.namespace}/${p.name}`,
        owner: p.owner,
        ports: p.ports.map((x) => ({ name: x.name, port: x.port, protocol: x.protocol })),
      })),
      services: this.services.map((s) => ({
        id: `service/${s.namespace}/${s.name}`,
        name: s.name,
        namespace: s.namespace,
        type: s.type,
        clusterIP: s.clusterIP,
        loadBalancerIP: s.loadBalancerIP,
        ports: s.ports.map((p) => ({
          name: p.name,
          protocol: p.protocol,
          port: p.port,
          targetPort: p.targetPort,
          nodePort: p.nodePort,
        })),
        selector: { ...(s.selector ?? {}) },
        endpoints: this.podsOf(s).map((p) => ({ pod: podId(p), ip: p.ip })),
      })),
      networkPolicies: this.policies.map((p) => ({
        id: `networkpolicy/${p.namespace}/${p.name}`,
        name: p.name,
        namespace: p.namespace,
      })),
    };
  }
}

/** A refusal by the simulated API server or a controller. */
export class ClusterError extends Error {}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `pod/<namespace>/<name>`. */
export function podId(p: { namespace: string; name: string }): string {
  return `pod/${p.namespace}/${p.name}`;
}

/** The name used in prose for a pod. */
export function displayName(p: PodState): string {
  return p.annotations[DISPLAY_NAME_ANNOTATION] ?? p.name;
}

/** A Service targetPort (number or name) resolved on one pod; undefined if the pod has no such named port. */
export function resolveTargetPort(
  pod: PodState,
  target: number | string,
  protocol: Protocol,
): number | undefined {
  if (typeof target === 'number') return target;
  const named = pod.spec.containers
    .flatMap((c) => c.ports)
    .find((p) => p.name === target && p.protocol === protocol);
  return named?.containerPort;
}

/** Builds the initial cluster: nodes, system namespaces, and CoreDNS behind the kube-dns Service. */
export function createCluster(spec: ClusterSpec): Cluster {
  const cluster = new Cluster(spec);
  const coredns = cluster.addWorkload({
    kind: 'Deployment',
    name: 'coredns',
    namespace: 'kube-system',
    labels: { 'k8s-app': 'kube-dns' },
    replicas: 2,
    selector: { matchLabels: { 'k8s-app': 'kube-dns' }, matchExpressions: [] },
    template: {
      labels: { 'k8s-app': 'kube-dns' },
      annotations: {},
      spec: {
        containers: [
          {
            name: 'coredns',
            image: 'registry.k8s.io/coredns/coredns:v1.11.3',
            command: [],
            args: ['-conf', '/etc/coredns/Corefile'],
            ports: [
              { name: 'dns', containerPort: 53, protocol: 'UDP' },
              { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
              { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
            ],
            volumeMounts: [],
          },
        ],
        initContainers: [],
        volumes: [],
        nodeName: spec.dnsNode,
      },
    },
  });
  cluster.reconcile(coredns);
  cluster.addService(
    {
      kind: 'Service',
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns' },
      type: 'ClusterIP',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', protocol: 'UDP', port: 53, targetPort: 53 },
        { name: 'dns-tcp', protocol: 'TCP', port: 53, targetPort: 53 },
        { name: 'metrics', protocol: 'TCP', port: 9153, targetPort: 9153 },
      ],
    },
    spec.dnsIP,
  );
  return cluster;
}
