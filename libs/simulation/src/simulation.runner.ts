/** Runs a scenario's script against the model cluster and records what every action did. */
import { Cluster, ClusterError, createCluster, type ServiceState } from './cluster.model.js';
import { parseCommand, type Action } from './command.parser.js';
import { runExec } from './command.runner.js';
import { parseManifest } from './manifest.parser.js';
import type { Resource, ServiceResource, WorkloadResource } from './manifest.types.js';
import { stableStringify } from './prng.util.js';
import type { ActionTrace, ManifestObject, Scenario, Trace } from './simulation.types.js';

/**
 * Runs every script line of `scenario` in order and returns the trace: for each action its steps,
 * status tracker, terminal output and the cluster topology after it. Same scenario (and seed) →
 * same trace.
 */
export function run(scenario: Scenario): Trace {
  const cluster = createCluster(scenario.cluster);
  const state: RunState = { cluster, scenario };
  const actions: ActionTrace[] = scenario.script.map((line, i) => {
    const action = parseCommand(line.command);
    const base = { index: i + 1, command: line.command, note: line.note };
    let result: Omit<ActionTrace, 'index' | 'command' | 'note' | 'topology'>;
    try {
      result = perform(state, action);
    } catch (e) {
      if (!(e instanceof ClusterError)) throw e;
      result = {
        kind: action.type === 'exec' ? 'exec' : 'kubectl',
        steps: [],
        tracker: { variables: [] },
        output: [e.message],
        exitCode: 1,
      };
    }
    return { ...base, ...result, topology: cluster.topology() };
  });
  return {
    scenario: {
      name: scenario.name,
      title: scenario.title,
      description: scenario.description,
      seed: scenario.cluster.seed,
    },
    actions,
    source: scenario,
  };
}

interface RunState {
  cluster: Cluster;
  scenario: Scenario;
  /** Pending `fault drop-at` for the next exec. */
  dropAt?: number;
}

type Performed = Omit<ActionTrace, 'index' | 'command' | 'note' | 'topology'>;

function kubectl(output: string[], exitCode = 0): Performed {
  return { kind: 'kubectl', steps: [], tracker: { variables: [] }, output, exitCode };
}

function perform(state: RunState, action: Action): Performed {
  const { cluster } = state;
  switch (action.type) {
    case 'apply':
      return kubectl(
        state.scenario.manifests[action.file]!.map((m) =>
          applyObject(cluster, m, action.file, action.namespace),
        ),
      );
    case 'create-namespace':
      if (cluster.ensureNamespace(action.name) === 'unchanged')
        throw new ClusterError(
          `Error from server (AlreadyExists): namespaces "${action.name}" already exists`,
        );
      return kubectl([`namespace/${action.name} created`]);
    case 'run': {
      requireNamespace(cluster, action.namespace);
      if (cluster.pod(action.namespace, action.name))
        throw new ClusterError(
          `Error from server (AlreadyExists): pods "${action.name}" already exists`,
        );
      const labels = action.labels ?? { run: action.name };
      const out: string[] = [];
      if (action.expose) {
        if (cluster.service(action.namespace, action.name))
          throw new ClusterError(
            `Error from server (AlreadyExists): services "${action.name}" already exists`,
          );
        cluster.addService({
          kind: 'Service',
          name: action.name,
          namespace: action.namespace,
          labels,
          type: 'ClusterIP',
          selector: labels,
          ports: [{ protocol: 'TCP', port: action.port!, targetPort: action.port! }],
        });
        out.push(`service/${action.name} created`);
      }
      cluster.createPod({
        kind: 'Pod',
        name: action.name,
        namespace: action.namespace,
        labels,
        annotations: {},
        spec: {
          containers: [
            {
              name: action.name,
              image: action.image,
              command: [],
              args: [],
              ports: action.port ? [{ containerPort: action.port, protocol: 'TCP' }] : [],
              volumeMounts: [],
            },
          ],
          initContainers: [],
          volumes: [],
        },
      });
      out.push(`pod/${action.name} created`);
      return kubectl(out);
    }
    case 'expose':
      return kubectl([expose(cluster, action)]);
    case 'create-service': {
      requireNamespace(cluster, action.namespace);
      if (cluster.service(action.namespace, action.name))
        throw new ClusterError(
          `error: failed to create ${action.serviceType} service: services "${action.name}" already exists`,
        );
      cluster.addService({
        kind: 'Service',
        name: action.name,
        namespace: action.namespace,
        labels: { app: action.name },
        type: action.serviceType,
        selector: { app: action.name },
        ports: action.ports.map((p) => ({
          name: action.ports.length > 1 ? `${p.port}-${p.targetPort}` : `${p.port}-${p.targetPort}`,
          protocol: 'TCP',
          port: p.port,
          targetPort: p.targetPort,
          nodePort: action.nodePort,
        })),
      });
      return kubectl([`service/${action.name} created`]);
    }
    case 'label': {
      const target =
        action.resource === 'pod'
          ? cluster.pod(action.namespace, action.name)?.labels
          : cluster.namespaces.get(action.name);
      if (!target)
        throw new ClusterError(
          `Error from server (NotFound): ${action.resource === 'pod' ? 'pods' : 'namespaces'} "${action.name}" not found`,
        );
      for (const [k, v] of Object.entries(action.set)) {
        if (k in target && target[k] !== v && !action.overwrite)
          throw new ClusterError(
            `error: '${k}' already has a value (${target[k]}), and --overwrite is false`,
          );
      }
      Object.assign(target, action.set);
      for (const k of action.remove) delete target[k];
      return kubectl([`${action.resource}/${action.name} labeled`]);
    }
    case 'delete':
      return kubectl(remove(cluster, action));
    case 'scale': {
      const w = cluster.workloads.find(
        (x) =>
          x.resource.kind === 'Deployment' &&
          x.resource.namespace === action.namespace &&
          x.resource.name === action.name,
      );
      if (!w)
        throw new ClusterError(
          `Error from server (NotFound): deployments.apps "${action.name}" not found`,
        );
      w.resource = { ...w.resource, replicas: action.replicas };
      cluster.reconcile(w);
      return kubectl([`deployment.apps/${action.name} scaled`]);
    }
    case 'get':
      return kubectl(
        action.resource === 'pods'
          ? getPods(cluster, action.namespace, action.wide, action.all)
          : getServices(cluster, action.namespace, action.all),
      );
    case 'exec': {
      const pod = cluster.pod(action.namespace, action.pod);
      if (!pod)
        throw new ClusterError(`Error from server (NotFound): pods "${action.pod}" not found`);
      const dropAt = state.dropAt;
      state.dropAt = undefined;
      const r = runExec(cluster, pod, action.command, dropAt);
      return {
        kind: 'exec',
        steps: r.steps,
        tracker: r.tracker,
        output: r.output,
        exitCode: r.exitCode,
        flow: r.flow,
      };
    }
    case 'fault': {
      const out = (line: string): Performed => ({ ...kubectl([line]), kind: 'fault' });
      switch (action.fault) {
        case 'cni-down':
        case 'cni-up':
          cluster.node(action.node!)!.cniUp = action.fault === 'cni-up';
          return out(
            `fault: the CNI plugin on ${action.node} is ${action.fault === 'cni-up' ? 'back up' : 'down: pods there lose their network'}`,
          );
        case 'dns-down':
        case 'dns-up':
          cluster.dnsUp = action.fault === 'dns-up';
          return out(
            `fault: CoreDNS is ${cluster.dnsUp ? 'answering again' : 'down: DNS queries get no answer'}`,
          );
        case 'drop-at':
          state.dropAt = action.step;
          return out(
            `fault: the network plugin will drop the next command's packet at step ${action.step}`,
          );
      }
    }
  }
  throw new ClusterError('unknown action');
}

function requireNamespace(cluster: Cluster, ns: string): void {
  if (!cluster.namespaces.has(ns))
    throw new ClusterError(`Error from server (NotFound): namespaces "${ns}" not found`);
}

/** Re-validates a manifest object from the scenario and applies it, returning kubectl's line. */
function applyObject(
  cluster: Cluster,
  m: ManifestObject,
  file: string,
  namespaceFlag?: string,
): string {
  const object = structuredClone(m.object);
  const meta = (object['metadata'] ?? {}) as Record<string, unknown>;
  if (namespaceFlag && meta['namespace'] === undefined && m.kind !== 'Namespace')
    meta['namespace'] = namespaceFlag;
  object['metadata'] = meta;
  const doc = {
    value: object,
    positions: new Map(),
    valuePositions: new Map(),
    start: { line: m.line, column: 1 },
  };
  const { resource } = parseManifest(doc, { file, index: 1, pathPrefix: '' });
  if (!resource) throw new ClusterError(`error: ${file}: invalid ${m.kind} "${m.name}"`);
  return applyResource(cluster, resource, file);
}

const KIND_PREFIX: Record<Resource['kind'], string> = {
  Namespace: 'namespace',
  Pod: 'pod',
  Deployment: 'deployment.apps',
  ReplicaSet: 'replicaset.apps',
  Service: 'service',
  NetworkPolicy: 'networkpolicy.networking.k8s.io',
};

function applyResource(cluster: Cluster, r: Resource, file: string): string {
  const id = `${KIND_PREFIX[r.kind]}/${r.name}`;
  if (r.kind === 'Namespace') {
    const existed = cluster.namespaces.get(r.name);
    const labels = { ...r.labels, 'kubernetes.io/metadata.name': r.name };
    if (!existed) {
      cluster.namespaces.set(r.name, labels);
      return `${id} created`;
    }
    if (stableStringify(existed) === stableStringify(labels)) return `${id} unchanged`;
    cluster.namespaces.set(r.name, labels);
    return `${id} configured`;
  }
  if (!cluster.namespaces.has(r.namespace)) {
    throw new ClusterError(
      `Error from server (NotFound): error when creating "${file}": namespaces "${r.namespace}" not found`,
    );
  }
  switch (r.kind) {
    case 'Pod': {
      const existing = cluster.pod(r.namespace, r.name);
      if (!existing) {
        cluster.createPod(r);
        return `${id} created`;
      }
      // Compare with the live object: `kubectl label` may have changed it since the last apply.
      const live = {
        ...r,
        labels: existing.labels,
        annotations: existing.annotations,
        spec: existing.spec,
      };
      if (stableStringify(live) === stableStringify(r)) return `${id} unchanged`;
      if (stableStringify(existing.spec) !== stableStringify(r.spec)) {
        throw new ClusterError(
          `The Pod "${r.name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`, \`spec.initContainers[*].image\`, \`spec.activeDeadlineSeconds\`, \`spec.tolerations\` (only additions to existing tolerations) or \`spec.terminationGracePeriodSeconds\``,
        );
      }
      existing.labels = { ...r.labels };
      existing.annotations = { ...r.annotations };
      existing.specHash = stableStringify(r);
      return `${id} configured`;
    }
    case 'Deployment':
    case 'ReplicaSet':
      return applyWorkload(cluster, r, id);
    case 'Service': {
      const existing = cluster.service(r.namespace, r.name);
      if (!existing) {
        cluster.addService(r);
        return `${id} created`;
      }
      if (existing.specHash === stableStringify(r)) return `${id} unchanged`;
      const keepIP = existing.clusterIP;
      cluster.services = cluster.services.filter((s) => s !== existing);
      cluster.addService({ ...r, clusterIP: r.clusterIP ?? keepIP }, r.clusterIP ?? keepIP);
      return `${id} configured`;
    }
    case 'NetworkPolicy': {
      const i = cluster.policies.findIndex((p) => p.namespace === r.namespace && p.name === r.name);
      if (i < 0) {
        cluster.policies.push(r);
        return `${id} created`;
      }
      if (stableStringify(cluster.policies[i]) === stableStringify(r)) return `${id} unchanged`;
      cluster.policies[i] = r;
      return `${id} configured`;
    }
  }
}

function applyWorkload(cluster: Cluster, r: WorkloadResource, id: string): string {
  const existing = cluster.workloads.find(
    (w) =>
      w.resource.kind === r.kind &&
      w.resource.namespace === r.namespace &&
      w.resource.name === r.name,
  );
  if (!existing) {
    cluster.reconcile(cluster.addWorkload(r));
    return `${id} created`;
  }
  // Compare with the live object: `kubectl scale` may have changed it since the last apply.
  if (stableStringify(existing.resource) === stableStringify(r)) return `${id} unchanged`;
  if (stableStringify(existing.resource.template) === stableStringify(r.template)) {
    existing.resource = r;
    existing.specHash = stableStringify(r);
    cluster.reconcile(existing);
    return `${id} configured`;
  }
  // A new pod template: the Deployment rolls out a new ReplicaSet (modelled as replace-all).
  for (const p of cluster.pods.filter(
    (x) => x.namespace === r.namespace && x.owner === existing.replicaSet,
  ))
    cluster.removePod(p);
  cluster.workloads = cluster.workloads.filter((w) => w !== existing);
  cluster.reconcile(cluster.addWorkload(r));
  return `${id} configured`;
}

function expose(cluster: Cluster, a: Extract<Action, { type: 'expose' }>): string {
  requireNamespace(cluster, a.namespace);
  let selector: Record<string, string>;
  let ports: { port: number; name?: string; protocol: 'TCP' | 'UDP' }[];
  if (a.resource === 'pod') {
    const pod = cluster.pod(a.namespace, a.name);
    if (!pod) throw new ClusterError(`Error from server (NotFound): pods "${a.name}" not found`);
    selector = { ...pod.labels };
    ports = pod.spec.containers
      .flatMap((c) => c.ports)
      .map((p) => ({ port: p.containerPort, name: p.name, protocol: p.protocol as 'TCP' | 'UDP' }));
  } else if (a.resource === 'service') {
    const svc = cluster.service(a.namespace, a.name);
    if (!svc)
      throw new ClusterError(`Error from server (NotFound): services "${a.name}" not found`);
    if (!svc.selector)
      throw new ClusterError(
        `error: couldn't retrieve selectors via --selector flag or introspection: the service has no selector`,
      );
    selector = { ...svc.selector };
    ports = svc.ports.map((p) => ({
      port: p.port,
      name: p.name,
      protocol: p.protocol as 'TCP' | 'UDP',
    }));
  } else {
    const kind = a.resource === 'deployment' ? 'Deployment' : 'ReplicaSet';
    const w = cluster.workloads.find(
      (x) =>
        x.resource.kind === kind &&
        x.resource.namespace === a.namespace &&
        x.resource.name === a.name,
    );
    if (!w)
      throw new ClusterError(
        `Error from server (NotFound): ${kind === 'Deployment' ? 'deployments.apps' : 'replicasets.apps'} "${a.name}" not found`,
      );
    if (w.resource.selector.matchExpressions.length > 0)
      throw new ClusterError('error: cannot expose a selector with matchExpressions');
    selector = { ...w.resource.selector.matchLabels };
    ports = w.resource.template.spec.containers
      .flatMap((c) => c.ports)
      .map((p) => ({ port: p.containerPort, name: p.name, protocol: p.protocol as 'TCP' | 'UDP' }));
  }
  const port = a.port ?? ports[0]?.port;
  if (port === undefined)
    throw new ClusterError("error: couldn't find port via --port flag or introspection");
  const name = a.serviceName ?? a.name;
  if (cluster.service(a.namespace, name))
    throw new ClusterError(`Error from server (AlreadyExists): services "${name}" already exists`);
  const svc: ServiceResource = {
    kind: 'Service',
    name,
    namespace: a.namespace,
    labels: selector,
    type: a.serviceType,
    selector,
    // kubectl expose: targetPort defaults to the service port.
    ports: [{ protocol: 'TCP', port, targetPort: a.targetPort ?? port }],
  };
  cluster.addService(svc);
  return `service/${name} exposed`;
}

function remove(cluster: Cluster, a: Extract<Action, { type: 'delete' }>): string[] {
  switch (a.resource) {
    case 'pod': {
      const pod = cluster.pod(a.namespace, a.name);
      if (!pod) throw new ClusterError(`Error from server (NotFound): pods "${a.name}" not found`);
      cluster.removePod(pod);
      const owner = cluster.workloads.find(
        (w) => w.resource.namespace === pod.namespace && w.replicaSet === pod.owner,
      );
      if (owner) cluster.reconcile(owner);
      return [`pod "${a.name}" deleted`];
    }
    case 'service': {
      const svc = cluster.service(a.namespace, a.name);
      if (!svc)
        throw new ClusterError(`Error from server (NotFound): services "${a.name}" not found`);
      cluster.services = cluster.services.filter((s: ServiceState) => s !== svc);
      return [`service "${a.name}" deleted`];
    }
    case 'networkpolicy': {
      const before = cluster.policies.length;
      cluster.policies = cluster.policies.filter(
        (p) => !(p.namespace === a.namespace && p.name === a.name),
      );
      if (cluster.policies.length === before)
        throw new ClusterError(
          `Error from server (NotFound): networkpolicies.networking.k8s.io "${a.name}" not found`,
        );
      return [`networkpolicy.networking.k8s.io "${a.name}" deleted`];
    }
    case 'deployment': {
      const w = cluster.workloads.find(
        (x) =>
          x.resource.kind === 'Deployment' &&
          x.resource.namespace === a.namespace &&
          x.resource.name === a.name,
      );
      if (!w)
        throw new ClusterError(
          `Error from server (NotFound): deployments.apps "${a.name}" not found`,
        );
      for (const p of cluster.pods.filter(
        (x) => x.namespace === a.namespace && x.owner === w.replicaSet,
      ))
        cluster.removePod(p);
      cluster.workloads = cluster.workloads.filter((x) => x !== w);
      return [`deployment.apps "${a.name}" deleted`];
    }
  }
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]! + 3)))
      .join('')
      .trimEnd(),
  );
}

function getPods(cluster: Cluster, ns: string, wide: boolean, all: boolean): string[] {
  const pods = cluster.pods
    .filter((p) => all || p.namespace === ns)
    .sort((a, b) => (a.namespace + a.name < b.namespace + b.name ? -1 : 1));
  if (pods.length === 0) return [`No resources found in ${ns} namespace.`];
  const head = [
    ...(all ? ['NAMESPACE'] : []),
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    ...(wide ? ['IP', 'NODE'] : []),
  ];
  return table([
    head,
    ...pods.map((p) => [
      ...(all ? [p.namespace] : []),
      p.name,
      `${p.spec.containers.length}/${p.spec.containers.length}`,
      'Running',
      '0',
      '1m',
      ...(wide ? [p.ip, p.node] : []),
    ]),
  ]);
}

function getServices(cluster: Cluster, ns: string, all: boolean): string[] {
  const services = cluster.services.filter((s) => all || s.namespace === ns);
  if (services.length === 0) return [`No resources found in ${ns} namespace.`];
  const head = [
    ...(all ? ['NAMESPACE'] : []),
    'NAME',
    'TYPE',
    'CLUSTER-IP',
    'EXTERNAL-IP',
    'PORT(S)',
    'AGE',
  ];
  return table([
    head,
    ...services.map((s) => [
      ...(all ? [s.namespace] : []),
      s.name,
      s.type,
      s.clusterIP,
      s.type === 'LoadBalancer' ? (s.loadBalancerIP ?? '<pending>') : '<none>',
      s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`).join(','),
      '1m',
    ]),
  ]);
}
