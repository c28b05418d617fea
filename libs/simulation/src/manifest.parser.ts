/**
 * Validates Kubernetes manifests (Namespace, Pod, Deployment, ReplicaSet, Service, NetworkPolicy)
 * the way `kubectl apply` with strict field validation would, and turns them into model objects.
 */
import type { Protocol, ScenarioError } from './simulation.types.js';
import type {
  ContainerSpec,
  LabelSelector,
  NetworkPolicyResource,
  PodSpecModel,
  PodTemplateModel,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
  Resource,
  ServicePortSpec,
} from './manifest.types.js';
import { joinPath, positionOf, type LocatedDocument } from './yaml.locator.js';
import { parseCidr } from './ipv4.util.js';

type Obj = Record<string, unknown>;

const IGNORED_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation'];
const POD_SPEC_FIELDS = [
  'containers',
  'initContainers',
  'volumes',
  'nodeName',
  'hostname',
  'subdomain',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'serviceAccountName',
  'serviceAccount',
  'nodeSelector',
  'tolerations',
  'affinity',
  'securityContext',
  'dnsPolicy',
  'imagePullSecrets',
  'automountServiceAccountToken',
  'priorityClassName',
  'enableServiceLinks',
  'hostNetwork',
  'activeDeadlineSeconds',
  'schedulerName',
];
const CONTAINER_FIELDS = [
  'name',
  'image',
  'command',
  'args',
  'ports',
  'volumeMounts',
  'env',
  'envFrom',
  'resources',
  'imagePullPolicy',
  'workingDir',
  'livenessProbe',
  'readinessProbe',
  'startupProbe',
  'securityContext',
  'stdin',
  'stdinOnce',
  'tty',
  'lifecycle',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'restartPolicy',
];

/** What a manifest document is called in error messages. */
export interface DocumentLabel {
  /** e.g. `manifests["pods.yaml"]`. */
  file: string;
  /** 1-based document number within the file. */
  index: number;
  /** Path prefix of this document inside the scenario. */
  pathPrefix: string;
}

const KINDS: Record<string, string> = {
  Namespace: 'v1',
  Pod: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  ReplicaSet: 'apps/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
};

/** Validates one manifest document. */
export function parseManifest(
  doc: LocatedDocument,
  label: DocumentLabel,
): { resource?: Resource; errors: ScenarioError[] } {
  const v = new ManifestValidator(doc, label);
  const resource = v.resource();
  return { resource: v.errors.length === 0 ? resource : undefined, errors: v.errors };
}

class ManifestValidator {
  readonly errors: ScenarioError[] = [];
  private what = '';

  constructor(
    private readonly doc: LocatedDocument,
    private readonly label: DocumentLabel,
  ) {}

  fail(path: string, message: string): void {
    const at = positionOf(this.doc, path);
    const where = `${this.label.file}, document ${this.label.index}${this.what}`;
    this.errors.push({
      ...at,
      message: `${where}: ${message}`,
      path: joinPath(this.label.pathPrefix, path),
    });
  }

  obj(value: unknown, path: string, known: string[] | null, ignored: string[] = []): Obj {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value)) {
      this.fail(path, `"${path}" must be a mapping`);
      return {};
    }
    const o = value as Obj;
    if (known) {
      for (const key of Object.keys(o)) {
        if (!known.includes(key) && !ignored.includes(key)) {
          this.fail(joinPath(path, key), `unknown field "${joinPath(path, key)}"`);
        }
      }
    }
    return o;
  }

  list(value: unknown, path: string): unknown[] {
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(path, `"${path}" must be a list`);
      return [];
    }
    return value;
  }

  str(value: unknown, path: string, required = false): string | undefined {
    if (value === undefined || value === null) {
      if (required) this.fail(path, `"${path}" is required`);
      return undefined;
    }
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.fail(path, `"${path}" must be a string`);
    return undefined;
  }

  int(value: unknown, path: string, min: number, max: number): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.fail(path, `"${path}" must be an integer from ${min} to ${max}`);
      return undefined;
    }
    return value;
  }

  strMap(value: unknown, path: string): Record<string, string> {
    const o = this.obj(value, path, null);
    const out: Record<string, string> = {};
    for (const [k, val] of Object.entries(o)) {
      if (typeof val === 'object' && val !== null) {
        this.fail(joinPath(path, k), `"${joinPath(path, k)}" must be a string`);
      } else out[k] = String(val);
    }
    return out;
  }

  protocol(value: unknown, path: string): Protocol {
    if (value === undefined || value === null) return 'TCP';
    if (value === 'TCP' || value === 'UDP') return value;
    if (value === 'SCTP') this.fail(path, 'protocol SCTP is not modelled');
    else this.fail(path, `"${path}" must be TCP or UDP`);
    return 'TCP';
  }

  portOrName(value: unknown, path: string): number | string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'number') return this.int(value, path, 1, 65535);
    if (typeof value === 'string' && /^\d+$/.test(value))
      return this.int(Number(value), path, 1, 65535);
    if (
      typeof value === 'string' &&
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value) &&
      value.length <= 15
    ) {
      return value;
    }
    this.fail(path, `"${path}" must be a port number or a port name (IANA_SVC_NAME)`);
    return undefined;
  }

  selector(value: unknown, path: string): LabelSelector {
    const o = this.obj(value, path, ['matchLabels', 'matchExpressions']);
    const matchLabels = this.strMap(o['matchLabels'], joinPath(path, 'matchLabels'));
    const matchExpressions = this.list(
      o['matchExpressions'],
      joinPath(path, 'matchExpressions'),
    ).map((e, i): LabelSelector['matchExpressions'][number] => {
      const p = joinPath(joinPath(path, 'matchExpressions'), i);
      const x = this.obj(e, p, ['key', 'operator', 'values']);
      const key = this.str(x['key'], joinPath(p, 'key'), true) ?? '';
      const operator = x['operator'];
      const values = this.list(x['values'], joinPath(p, 'values')).map(String);
      if (
        operator !== 'In' &&
        operator !== 'NotIn' &&
        operator !== 'Exists' &&
        operator !== 'DoesNotExist'
      ) {
        this.fail(
          joinPath(p, 'operator'),
          `"${joinPath(p, 'operator')}" must be In, NotIn, Exists or DoesNotExist`,
        );
        return { key, operator: 'Exists' as const, values };
      }
      if ((operator === 'In' || operator === 'NotIn') && values.length === 0) {
        this.fail(joinPath(p, 'values'), `operator ${operator} needs at least one value`);
      }
      if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) {
        this.fail(joinPath(p, 'values'), `operator ${operator} takes no values`);
      }
      return { key, operator, values };
    });
    return { matchLabels, matchExpressions };
  }

  resource(): Resource | undefined {
    const top = this.obj(
      this.doc.value,
      '',
      ['apiVersion', 'kind', 'metadata', 'spec'],
      ['status'],
    );
    const kind = this.str(top['kind'], 'kind', true);
    const apiVersion = this.str(top['apiVersion'], 'apiVersion', true);
    if (!kind || !apiVersion) return undefined;
    const expected = KINDS[kind];
    if (!expected) {
      this.fail(
        'kind',
        `unknown kind "${kind}" (the model knows ${Object.keys(KINDS).join(', ')})`,
      );
      return undefined;
    }
    if (apiVersion !== expected) {
      this.fail('apiVersion', `${kind} must have apiVersion ${expected}, not "${apiVersion}"`);
    }
    const meta = this.obj(
      top['metadata'],
      'metadata',
      ['name', 'namespace', 'labels', 'annotations'],
      IGNORED_METADATA,
    );
    const name = this.str(meta['name'], 'metadata.name', true) ?? '';
    this.what = ` (${kind} "${name}")`;
    if (name && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) {
      this.fail(
        'metadata.name',
        `"${name}" is not a valid name (lowercase letters, digits, "-", ".")`,
      );
    }
    const namespace = this.str(meta['namespace'], 'metadata.namespace') ?? 'default';
    const labels = this.strMap(meta['labels'], 'metadata.labels');
    const annotations = this.strMap(meta['annotations'], 'metadata.annotations');
    if (kind === 'Namespace') {
      if (top['spec'] !== undefined) this.obj(top['spec'], 'spec', ['finalizers']);
      return { kind, name, labels };
    }
    switch (kind) {
      case 'Pod':
        return {
          kind,
          name,
          namespace,
          labels,
          annotations,
          spec: this.podSpec(top['spec'], 'spec'),
        };
      case 'Deployment':
      case 'ReplicaSet':
        return this.workload(kind, name, namespace, labels, top['spec']);
      case 'Service':
        return this.service(name, namespace, labels, top['spec']);
      default:
        return this.networkPolicy(name, namespace, top['spec']);
    }
  }

  podSpec(value: unknown, path: string): PodSpecModel {
    const o = this.obj(value, path, POD_SPEC_FIELDS);
    if (value === undefined) this.fail(path, `"${path}" is required`);
    if (o['hostNetwork'] === true)
      this.fail(joinPath(path, 'hostNetwork'), 'hostNetwork pods are not modelled');
    const dnsPolicy = o['dnsPolicy'];
    if (dnsPolicy !== undefined && dnsPolicy !== 'ClusterFirst') {
      this.fail(
        joinPath(path, 'dnsPolicy'),
        `dnsPolicy ${String(dnsPolicy)} is not modelled (only ClusterFirst)`,
      );
    }
    const containers = this.containers(o['containers'], joinPath(path, 'containers'));
    if (containers.length === 0)
      this.fail(
        joinPath(path, 'containers'),
        `"${joinPath(path, 'containers')}" needs at least one container`,
      );
    const initContainers = this.containers(o['initContainers'], joinPath(path, 'initContainers'));
    const volumes = this.list(o['volumes'], joinPath(path, 'volumes')).map((vol, i) => {
      const p = joinPath(joinPath(path, 'volumes'), i);
      const x = this.obj(vol, p, null);
      return this.str(x['name'], joinPath(p, 'name'), true) ?? '';
    });
    return {
      containers,
      initContainers,
      volumes,
      nodeName: this.str(o['nodeName'], joinPath(path, 'nodeName')),
      hostname: this.str(o['hostname'], joinPath(path, 'hostname')),
      subdomain: this.str(o['subdomain'], joinPath(path, 'subdomain')),
    };
  }

  containers(value: unknown, path: string): ContainerSpec[] {
    return this.list(value, path).map((c, i) => {
      const p = joinPath(path, i);
      const o = this.obj(c, p, CONTAINER_FIELDS);
      const ports = this.list(o['ports'], joinPath(p, 'ports')).map((port, j) => {
        const pp = joinPath(joinPath(p, 'ports'), j);
        const x = this.obj(port, pp, ['name', 'containerPort', 'protocol', 'hostPort', 'hostIP']);
        const name = this.str(x['name'], joinPath(pp, 'name'));
        if (name !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
          this.fail(joinPath(pp, 'name'), `port name "${name}" is not a valid IANA_SVC_NAME`);
        }
        if (x['containerPort'] === undefined)
          this.fail(
            joinPath(pp, 'containerPort'),
            `"${joinPath(pp, 'containerPort')}" is required`,
          );
        return {
          name,
          containerPort: this.int(x['containerPort'], joinPath(pp, 'containerPort'), 1, 65535) ?? 0,
          protocol: this.protocol(x['protocol'], joinPath(pp, 'protocol')),
        };
      });
      const strings = (key: string): string[] =>
        this.list(o[key], joinPath(p, key)).map((s) => (typeof s === 'string' ? s : String(s)));
      return {
        name: this.str(o['name'], joinPath(p, 'name'), true) ?? '',
        image: this.str(o['image'], joinPath(p, 'image'), true) ?? '',
        command: strings('command'),
        args: strings('args'),
        ports,
        volumeMounts: this.list(o['volumeMounts'], joinPath(p, 'volumeMounts')).map((m, j) => {
          const mp = joinPath(joinPath(p, 'volumeMounts'), j);
          const x = this.obj(m, mp, ['name', 'mountPath', 'readOnly', 'subPath']);
          return {
            name: this.str(x['name'], joinPath(mp, 'name'), true) ?? '',
            mountPath: this.str(x['mountPath'], joinPath(mp, 'mountPath'), true) ?? '',
          };
        }),
      };
    });
  }

  template(value: unknown, path: string): PodTemplateModel {
    const o = this.obj(value, path, ['metadata', 'spec']);
    const meta = this.obj(o['metadata'], joinPath(path, 'metadata'), [
      'labels',
      'annotations',
      'name',
    ]);
    return {
      labels: this.strMap(meta['labels'], joinPath(path, 'metadata.labels')),
      annotations: this.strMap(meta['annotations'], joinPath(path, 'metadata.annotations')),
      spec: this.podSpec(o['spec'], joinPath(path, 'spec')),
    };
  }

  workload(
    kind: 'Deployment' | 'ReplicaSet',
    name: string,
    namespace: string,
    labels: Record<string, string>,
    value: unknown,
  ): Resource {
    const known = ['replicas', 'selector', 'template', 'minReadySeconds'];
    if (kind === 'Deployment')
      known.push('strategy', 'revisionHistoryLimit', 'progressDeadlineSeconds', 'paused');
    const o = this.obj(value, 'spec', known);
    if (o['selector'] === undefined) this.fail('spec.selector', '"spec.selector" is required');
    const selector = this.selector(o['selector'], 'spec.selector');
    const template = this.template(o['template'], 'spec.template');
    if (o['template'] === undefined) this.fail('spec.template', '"spec.template" is required');
    for (const [k, val] of Object.entries(selector.matchLabels)) {
      if (template.labels[k] !== val) {
        this.fail(
          'spec.selector',
          `selector does not match template labels (${k}=${val}): "selector" does not match template "labels"`,
        );
      }
    }
    return {
      kind,
      name,
      namespace,
      labels,
      replicas: this.int(o['replicas'], 'spec.replicas', 0, 1000) ?? 1,
      selector,
      template,
    };
  }

  service(
    name: string,
    namespace: string,
    labels: Record<string, string>,
    value: unknown,
  ): Resource {
    const o = this.obj(value, 'spec', [
      'type',
      'selector',
      'ports',
      'clusterIP',
      'clusterIPs',
      'sessionAffinity',
      'externalTrafficPolicy',
      'internalTrafficPolicy',
      'ipFamilies',
      'ipFamilyPolicy',
      'loadBalancerIP',
      'publishNotReadyAddresses',
      'allocateLoadBalancerNodePorts',
    ]);
    const type = o['type'] ?? 'ClusterIP';
    if (type !== 'ClusterIP' && type !== 'NodePort' && type !== 'LoadBalancer') {
      this.fail(
        'spec.type',
        `Service type ${String(type)} is not modelled (ClusterIP, NodePort, LoadBalancer)`,
      );
    }
    if (o['externalTrafficPolicy'] !== undefined && o['externalTrafficPolicy'] !== 'Cluster') {
      this.fail('spec.externalTrafficPolicy', 'only externalTrafficPolicy: Cluster is modelled');
    }
    if (o['sessionAffinity'] !== undefined && o['sessionAffinity'] !== 'None') {
      this.fail('spec.sessionAffinity', 'only sessionAffinity: None is modelled');
    }
    const clusterIP = this.str(o['clusterIP'], 'spec.clusterIP');
    if (
      clusterIP !== undefined &&
      clusterIP !== 'None' &&
      !/^\d+\.\d+\.\d+\.\d+$/.test(clusterIP)
    ) {
      this.fail('spec.clusterIP', `"${clusterIP}" is not an IPv4 address or None`);
    }
    if (clusterIP === 'None' && type !== 'ClusterIP')
      this.fail('spec.clusterIP', 'a headless Service must be type ClusterIP');
    const ports: ServicePortSpec[] = this.list(o['ports'], 'spec.ports').map((port, i) => {
      const p = joinPath('spec.ports', i);
      const x = this.obj(port, p, [
        'name',
        'protocol',
        'port',
        'targetPort',
        'nodePort',
        'appProtocol',
      ]);
      if (x['port'] === undefined)
        this.fail(joinPath(p, 'port'), `"${joinPath(p, 'port')}" is required`);
      const portNumber = this.int(x['port'], joinPath(p, 'port'), 1, 65535) ?? 0;
      const nodePort = this.int(x['nodePort'], joinPath(p, 'nodePort'), 30000, 32767);
      if (nodePort !== undefined && type === 'ClusterIP')
        this.fail(joinPath(p, 'nodePort'), 'nodePort needs type NodePort or LoadBalancer');
      return {
        name: this.str(x['name'], joinPath(p, 'name')),
        protocol: this.protocol(x['protocol'], joinPath(p, 'protocol')),
        port: portNumber,
        targetPort: this.portOrName(x['targetPort'], joinPath(p, 'targetPort')) ?? portNumber,
        nodePort,
      };
    });
    if (ports.length === 0 && clusterIP !== 'None')
      this.fail('spec.ports', '"spec.ports" needs at least one port');
    if (ports.length > 1 && ports.some((p) => !p.name))
      this.fail('spec.ports', 'every port must have a name when a Service has several ports');
    return {
      kind: 'Service',
      name,
      namespace,
      labels,
      type: type as 'ClusterIP' | 'NodePort' | 'LoadBalancer',
      clusterIP,
      selector:
        o['selector'] === undefined ? undefined : this.strMap(o['selector'], 'spec.selector'),
      ports,
    };
  }

  networkPolicy(name: string, namespace: string, value: unknown): NetworkPolicyResource {
    const o = this.obj(value, 'spec', ['podSelector', 'policyTypes', 'ingress', 'egress']);
    if (o['podSelector'] === undefined)
      this.fail('spec.podSelector', '"spec.podSelector" is required (use {} to select every pod)');
    const podSelector = this.selector(o['podSelector'], 'spec.podSelector');
    const ingress = this.rules(o['ingress'], 'spec.ingress', 'from');
    const egress = this.rules(o['egress'], 'spec.egress', 'to');
    let policyTypes: ('Ingress' | 'Egress')[];
    if (o['policyTypes'] === undefined) {
      // Kubernetes' default: Ingress always, Egress when the policy has egress rules.
      policyTypes = o['egress'] === undefined ? ['Ingress'] : ['Ingress', 'Egress'];
    } else {
      policyTypes = [];
      this.list(o['policyTypes'], 'spec.policyTypes').forEach((t, i) => {
        if (t === 'Ingress' || t === 'Egress') policyTypes.push(t);
        else
          this.fail(
            joinPath('spec.policyTypes', i),
            `policy type must be Ingress or Egress, not "${String(t)}"`,
          );
      });
    }
    return { kind: 'NetworkPolicy', name, namespace, podSelector, policyTypes, ingress, egress };
  }

  rules(value: unknown, path: string, peerKey: 'from' | 'to'): PolicyRule[] {
    return this.list(value, path).map((r, i) => {
      const p = joinPath(path, i);
      const o = this.obj(r, p, [peerKey, 'ports']);
      const peers =
        o[peerKey] === undefined
          ? undefined
          : this.list(o[peerKey], joinPath(p, peerKey)).map((peer, j) =>
              this.peer(peer, joinPath(joinPath(p, peerKey), j)),
            );
      const ports =
        o['ports'] === undefined
          ? undefined
          : this.list(o['ports'], joinPath(p, 'ports')).map((port, j) =>
              this.policyPort(port, joinPath(joinPath(p, 'ports'), j)),
            );
      return { peers, ports };
    });
  }

  peer(value: unknown, path: string): PolicyPeer {
    const o = this.obj(value, path, ['podSelector', 'namespaceSelector', 'ipBlock']);
    const keys = Object.keys(o);
    if (keys.length === 0)
      this.fail(path, 'a peer needs podSelector, namespaceSelector or ipBlock');
    if (o['ipBlock'] !== undefined) {
      if (keys.length > 1)
        this.fail(path, 'ipBlock cannot be combined with podSelector or namespaceSelector');
      const b = this.obj(o['ipBlock'], joinPath(path, 'ipBlock'), ['cidr', 'except']);
      const cidr = this.str(b['cidr'], joinPath(path, 'ipBlock.cidr'), true) ?? '0.0.0.0/0';
      const parsed = parseCidr(cidr);
      if (!parsed) this.fail(joinPath(path, 'ipBlock.cidr'), `"${cidr}" is not an IPv4 CIDR`);
      const except = this.list(b['except'], joinPath(path, 'ipBlock.except')).map((e, i) => {
        const ex = String(e);
        const pe = parseCidr(ex);
        if (!pe) this.fail(joinPath(path, `ipBlock.except[${i}]`), `"${ex}" is not an IPv4 CIDR`);
        else if (
          parsed &&
          (pe.base < parsed.base ||
            pe.base + pe.size > parsed.base + parsed.size ||
            pe.prefix <= parsed.prefix)
        ) {
          this.fail(
            joinPath(path, `ipBlock.except[${i}]`),
            `except "${ex}" must be strictly within cidr "${cidr}"`,
          );
        }
        return ex;
      });
      return { ipBlock: { cidr, except } };
    }
    return {
      podSelector:
        o['podSelector'] === undefined
          ? undefined
          : this.selector(o['podSelector'], joinPath(path, 'podSelector')),
      namespaceSelector:
        o['namespaceSelector'] === undefined
          ? undefined
          : this.selector(o['namespaceSelector'], joinPath(path, 'namespaceSelector')),
    };
  }

  policyPort(value: unknown, path: string): PolicyPort {
    const o = this.obj(value, path, ['protocol', 'port', 'endPort']);
    const port = this.portOrName(o['port'], joinPath(path, 'port'));
    const endPort = this.int(o['endPort'], joinPath(path, 'endPort'), 1, 65535);
    if (endPort !== undefined) {
      if (typeof port !== 'number')
        this.fail(joinPath(path, 'endPort'), 'endPort needs a numeric port');
      else if (endPort < port)
        this.fail(joinPath(path, 'endPort'), 'endPort must not be less than port');
    }
    return { protocol: this.protocol(o['protocol'], joinPath(path, 'protocol')), port, endPort };
  }
}
