/** The Kubernetes objects the model understands, after validation. */
import type { Protocol } from './simulation.types.js';

/** `matchLabels` + `matchExpressions`. An empty selector selects everything. */
export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: {
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values: string[];
  }[];
}

export interface ContainerPortSpec {
  name?: string;
  containerPort: number;
  protocol: Protocol;
}

export interface ContainerSpec {
  name: string;
  image: string;
  command: string[];
  args: string[];
  ports: ContainerPortSpec[];
  volumeMounts: { name: string; mountPath: string }[];
}

export interface PodSpecModel {
  containers: ContainerSpec[];
  initContainers: ContainerSpec[];
  volumes: string[];
  nodeName?: string;
  hostname?: string;
  subdomain?: string;
}

export interface PodTemplateModel {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: PodSpecModel;
}

export interface NamespaceResource {
  kind: 'Namespace';
  name: string;
  labels: Record<string, string>;
}

export interface PodResource {
  kind: 'Pod';
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: PodSpecModel;
}

export interface WorkloadResource {
  kind: 'Deployment' | 'ReplicaSet';
  name: string;
  namespace: string;
  labels: Record<string, string>;
  replicas: number;
  selector: LabelSelector;
  template: PodTemplateModel;
}

export interface ServicePortSpec {
  name?: string;
  protocol: Protocol;
  port: number;
  targetPort: number | string;
  nodePort?: number;
}

export interface ServiceResource {
  kind: 'Service';
  name: string;
  namespace: string;
  labels: Record<string, string>;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  /** `None` for headless; undefined to allocate. */
  clusterIP?: string;
  /** undefined = no selector (no endpoints are managed). */
  selector?: Record<string, string>;
  ports: ServicePortSpec[];
}

/** One `from`/`to` element. */
export type PolicyPeer =
  | { podSelector?: LabelSelector; namespaceSelector?: LabelSelector }
  | { ipBlock: { cidr: string; except: string[] } };

export interface PolicyPort {
  protocol: Protocol;
  /** Number or named port; undefined = all ports of the protocol. */
  port?: number | string;
  endPort?: number;
}

export interface PolicyRule {
  /** undefined or empty = every peer. */
  peers?: PolicyPeer[];
  /** undefined or empty = every port and protocol. */
  ports?: PolicyPort[];
}

export interface NetworkPolicyResource {
  kind: 'NetworkPolicy';
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  policyTypes: ('Ingress' | 'Egress')[];
  ingress: PolicyRule[];
  egress: PolicyRule[];
}

export type Resource =
  NamespaceResource | PodResource | WorkloadResource | ServiceResource | NetworkPolicyResource;
