/**
 * Public types of `@podroom/simulation`: the scenario a teacher writes, the cluster
 * topology a projector draws, and the trace the class steps through.
 */

/** A 1-based position in the scenario file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A problem found while loading a scenario; `line` points into the scenario file. */
export interface ScenarioError extends SourcePosition {
  message: string;
  /** Field path, e.g. `manifests.pods.yaml[1].spec.ports[0].targetPort`. */
  path?: string;
}

/** How pod traffic crosses nodes. */
export type CniMode = 'bridge+vxlan' | 'routed';

/** A node of the simulated cluster. */
export interface NodeSpec {
  name: string;
  /** The node's own (underlay) IP. */
  ip: string;
  /** The node's pod range; default `10.244.N.0/24` with N the node's index. */
  podCIDR: string;
}

/** Pin a pod's generated name, IP or node so a scenario can match a real cluster's output. */
export interface PodPin {
  /** The pod's full name. For a Deployment's pod, `<deployment>-<hash>-<suffix>`. */
  pod: string;
  namespace: string;
  ip?: string;
  node?: string;
}

/** The `cluster:` section of a scenario, with defaults filled in. */
export interface ClusterSpec {
  seed: number;
  domain: string;
  serviceCIDR: string;
  /** ClusterIP of the `kube-dns` Service (default: the 10th address of the service range). */
  dnsIP: string;
  cni: CniMode;
  /** CoreDNS `pods` mode: `insecure` (kubeadm default), `verified` or `disabled`. */
  podRecords: 'insecure' | 'verified' | 'disabled';
  /** Addresses handed to LoadBalancer Services (as a MetalLB-like controller would). */
  loadBalancerCIDR: string;
  /** Node on which the two CoreDNS pods run (default: the first node). */
  dnsNode: string;
  nodes: NodeSpec[];
  pins: PodPin[];
}

/** One line of the scenario's script, as typed, with where it was written. */
export interface ScriptLine {
  command: string;
  /** Optional teacher's note shown with this action. */
  note?: string;
  line: number;
}

/** A Kubernetes object from the scenario's manifests, already validated. */
export interface ManifestObject {
  kind: string;
  name: string;
  namespace?: string;
  /** The object as written (plain JSON). */
  object: Record<string, unknown>;
  /** Where the document starts in the scenario file. */
  line: number;
}

/** A loaded, validated scenario. */
export interface Scenario {
  name: string;
  title: string;
  description: string;
  cluster: ClusterSpec;
  /** Manifest files by the name used in `kubectl apply -f NAME`. */
  manifests: Record<string, ManifestObject[]>;
  script: ScriptLine[];
  /** The scenario file as loaded (kept so a trace can be re-run with a what-if fault). */
  source: string;
}

/** Result of {@link loadScenario}. */
export type LoadResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

// ---------------------------------------------------------------- topology

/** A pod as drawn on the projector. */
export interface TopologyPod {
  /** Element id, `pod/<namespace>/<name>`. */
  id: string;
  name: string;
  namespace: string;
  /** Name shown in prose (annotation `podroom.io/display-name`, else the pod name). */
  displayName: string;
  node: string;
  ip: string;
  labels: Record<string, string>;
  /** Host end of the pod's veth pair, element id `veth/<namespace>/<name>`. */
  veth: string;
  /** Owning ReplicaSet, if any. */
  owner?: string;
  /** Ports the pod's containers listen on. */
  ports: { name?: string; port: number; protocol: Protocol }[];
}

/** A node as drawn on the projector. */
export interface TopologyNode {
  /** Element id, `node/<name>`; kube-proxy, conntrack, routing and policy happen here. */
  id: string;
  name: string;
  ip: string;
  podCIDR: string;
  /** Linux bridge, element id `bridge/<node>`. */
  bridge: { id: string; name: 'cni0'; ip: string };
  /** VXLAN device (only in `bridge+vxlan` mode), element id `vxlan/<node>`. */
  overlay?: { id: string; name: 'flannel.1'; ip: string; vni: number };
  cniUp: boolean;
}

/** A Service as drawn on the projector. */
export interface TopologyService {
  /** Element id, `service/<namespace>/<name>`. */
  id: string;
  name: string;
  namespace: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** `None` for a headless Service. */
  clusterIP: string;
  loadBalancerIP?: string;
  ports: {
    name?: string;
    protocol: Protocol;
    port: number;
    targetPort: number | string;
    nodePort?: number;
  }[];
  selector: Record<string, string>;
  /** Ready endpoints (pod id, IP). */
  endpoints: { pod: string; ip: string }[];
}

/** Everything needed to draw the cluster. Element ids are what {@link TraceStep.at} refers to. */
export interface Topology {
  domain: string;
  serviceCIDR: string;
  dnsIP: string;
  cni: CniMode;
  /** The physical network between nodes, element id `underlay`. */
  underlay: { id: 'underlay' };
  nodes: TopologyNode[];
  namespaces: { name: string; labels: Record<string, string> }[];
  pods: TopologyPod[];
  services: TopologyService[];
  networkPolicies: { id: string; name: string; namespace: string }[];
}

// ---------------------------------------------------------------- trace

export type Protocol = 'TCP' | 'UDP' | 'ICMP';

/** The component that handles the packet at a step. */
export type Component =
  | 'pod'
  | 'veth'
  | 'bridge cni0'
  | 'CNI overlay (VXLAN)'
  | 'node routing'
  | 'kube-proxy (iptables DNAT)'
  | 'kube-proxy (iptables SNAT)'
  | 'conntrack'
  | 'CoreDNS'
  | 'NetworkPolicy';

/** An address with an optional port. */
export interface Address {
  ip: string;
  port?: number;
}

/** The packet's headers at a step. */
export interface PacketHeaders {
  protocol: Protocol;
  src: Address;
  dst: Address;
  ttl: number;
  /** What the packet carries, e.g. `HTTP GET /`, `DNS A? my-service.default.svc.cluster.local.` */
  payload: string;
  /** Outer header while VXLAN-encapsulated. */
  outer?: { protocol: 'UDP'; src: Address; dst: Address; vni: number };
}

/** One end of a step: a pod (name and address) or a bare address. */
export interface StepEnd {
  /** Pod name, or a label such as `kube-dns` or a node name. */
  name: string;
  namespace?: string;
  ip: string;
  port?: number;
}

/**
 * Groups steps into the rows of the summary level (seed 000's table). Consecutive steps of the
 * same stage (and round) form one summary row.
 */
export type Stage =
  | 'initiate'
  | 'request-route'
  | 'request-receive'
  | 'response-send'
  | 'response-route'
  | 'response-receive'
  | 'close'
  | 'lookup-failed'
  | 'timeout'
  | 'refused';

/** Short machine-readable result; {@link TraceStep.result} has the words. */
export type Outcome =
  | 'sent'
  | 'forwarded'
  | 'translated'
  | 'allowed'
  | 'delivered'
  | 'processed'
  | 'answered'
  | 'nxdomain'
  | 'received'
  | 'closed'
  | 'dropped'
  | 'refused'
  | 'timeout';

/** One hop of the trace. */
export interface TraceStep {
  /** 1-based within the action. */
  index: number;
  /** What happens, in a few words. */
  action: string;
  component: Component;
  /** Node where it happens. */
  node: string;
  /** Element id of where the packet is (see {@link Topology}), for animation. */
  at: string;
  source: StepEnd;
  destination: StepEnd;
  packet?: PacketHeaders;
  /** The component's role, one sentence. */
  role: string;
  /** `forwarded`, `delivered`, `dropped: <reason>`, `answered`, `NXDOMAIN`, … */
  result: string;
  outcome: Outcome;
  stage: Stage;
  /** Which packet of the command (ping -c 3 has rounds 1..3); 1 otherwise. */
  round: number;
}

/** A named variable and its value at the start and after each step. */
export interface TrackedVariable {
  name: string;
  start: string;
  /** `afterStep[i]` is the value after step `i + 1`. */
  afterStep: string[];
}

/** Named variables (Request Status, Response Status, …) and their values step by step. */
export interface StatusTracker {
  variables: TrackedVariable[];
}

/** Who talks to whom in an exec action, for the summary's wording. */
export interface FlowInfo {
  kind: 'http' | 'icmp' | 'dns';
  client: { name: string; displayName: string };
  /** The pod that answers (or would have), or a label like `10.244.1.5` when no pod has it. */
  server: { name: string; displayName: string };
}

/** What one script line did. */
export interface ActionTrace {
  /** 1-based position in the script. */
  index: number;
  command: string;
  note?: string;
  kind: 'kubectl' | 'exec' | 'fault';
  /** Hop-level steps (empty for actions that move no packet). */
  steps: StepList;
  tracker: StatusTracker;
  /** What the command prints, line by line, as the real tool would. */
  output: string[];
  /** Exit code of the command. */
  exitCode: number;
  flow?: FlowInfo;
  /** The cluster after this action. */
  topology: Topology;
}

/** Ordered steps. */
export type StepList = TraceStep[];

/** The result of {@link run}. */
export interface Trace {
  scenario: { name: string; title: string; description: string; seed: number };
  actions: ActionTrace[];
  /** The scenario that produced this trace (used to ask what-if questions). */
  source: Scenario;
}

// ---------------------------------------------------------------- summary

/** One row of the summary level: seed 000's columns. */
export interface SummaryRow {
  step: number;
  action: string;
  sourcePod: string;
  destinationPod: string;
  networkPluginRole: string;
  result: string;
  stage: Stage;
  round: number;
  /** The hop-level step indexes folded into this row. */
  hops: number[];
}

/** The summary level of one action. */
export interface ActionSummary {
  index: number;
  command: string;
  rows: SummaryRow[];
  /** Request Status and Response Status after each summary row. */
  tracker: StatusTracker;
  output: string[];
}

/** The summary level of a trace. */
export interface TraceSummary {
  scenario: Trace['scenario'];
  actions: ActionSummary[];
}

/** Detail level of a rendered trace. */
export type DetailLevel = 'hops' | 'summary';
