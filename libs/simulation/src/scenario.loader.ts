/** Loads a scenario file: YAML with `cluster`, `manifests` and `script`, checked line by line. */
import { CommandError, parseCommand, type Action } from './command.parser.js';
import { cidrAddress, cidrContains, parseCidr, parseIPv4 } from './ipv4.util.js';
import { parseManifest } from './manifest.parser.js';
import type {
  ClusterSpec,
  LoadResult,
  ManifestObject,
  NodeSpec,
  PodPin,
  ScenarioError,
  ScriptLine,
} from './simulation.types.js';
import { joinPath, parseLocatedYaml, positionOf, type LocatedDocument } from './yaml.locator.js';

const TOP_FIELDS = ['name', 'title', 'description', 'cluster', 'manifests', 'script'];
const CLUSTER_FIELDS = [
  'seed',
  'domain',
  'serviceCIDR',
  'dnsIP',
  'cni',
  'podRecords',
  'loadBalancerCIDR',
  'dnsNode',
  'nodes',
  'pins',
];

/**
 * Loads and validates a scenario. Every problem is reported with its line and column in
 * `text`, including problems inside the embedded manifests and script lines.
 */
export function loadScenario(text: string): LoadResult {
  const parsed = parseLocatedYaml(text);
  if (parsed.errors.length > 0) return { ok: false, errors: parsed.errors };
  if (parsed.documents.length !== 1) {
    return {
      ok: false,
      errors: [{ line: 1, column: 1, message: 'a scenario is exactly one YAML document' }],
    };
  }
  const doc = parsed.documents[0]!;
  const errors: ScenarioError[] = [];
  const fail = (path: string, message: string): void => {
    errors.push({ ...positionOf(doc, path), message, path });
  };
  const top = asObject(doc.value);
  if (!top)
    return { ok: false, errors: [{ ...doc.start, message: 'a scenario must be a YAML mapping' }] };
  for (const key of Object.keys(top)) {
    if (!TOP_FIELDS.includes(key))
      fail(key, `unknown field "${key}" (expected ${TOP_FIELDS.join(', ')})`);
  }
  const name = typeof top['name'] === 'string' ? top['name'] : '';
  if (!/^[a-z0-9][-a-z0-9]*$/.test(name))
    fail('name', '"name" is required: lowercase letters, digits and "-"');
  const cluster = loadCluster(top['cluster'], fail);
  const manifests = loadManifests(text, doc, top['manifests'], errors, fail);
  const script = loadScript(doc, top['script'], fail);
  if (errors.length === 0) checkScript(script, manifests, cluster, errors);
  if (errors.length > 0) {
    errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }
  return {
    ok: true,
    scenario: {
      name,
      title: typeof top['title'] === 'string' ? top['title'] : name,
      description: typeof top['description'] === 'string' ? top['description'].trim() : '',
      cluster,
      manifests,
      script,
      source: text,
    },
  };
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

type Fail = (path: string, message: string) => void;

function loadCluster(value: unknown, fail: Fail): ClusterSpec {
  const o = value === undefined ? {} : asObject(value);
  if (!o) {
    fail('cluster', '"cluster" must be a mapping');
    return loadCluster({}, () => undefined);
  }
  for (const key of Object.keys(o)) {
    if (!CLUSTER_FIELDS.includes(key))
      fail(joinPath('cluster', key), `unknown field "cluster.${key}"`);
  }
  const str = (key: string, fallback: string): string => {
    const v = o[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string') {
      fail(joinPath('cluster', key), `"cluster.${key}" must be a string`);
      return fallback;
    }
    return v;
  };
  const cidr = (key: string, fallback: string): string => {
    const v = str(key, fallback);
    if (!parseCidr(v)) {
      fail(joinPath('cluster', key), `"cluster.${key}" must be an IPv4 CIDR like ${fallback}`);
      return fallback;
    }
    return v;
  };
  const seedValue = o['seed'] ?? 1;
  if (typeof seedValue !== 'number' || !Number.isInteger(seedValue) || seedValue < 0) {
    fail('cluster.seed', '"cluster.seed" must be a non-negative integer');
  }
  const seed = typeof seedValue === 'number' ? seedValue >>> 0 : 1;
  const serviceCIDR = cidr('serviceCIDR', '10.96.0.0/12');
  const dnsIP = str('dnsIP', cidrAddress(serviceCIDR, 10));
  if (!cidrContains(serviceCIDR, dnsIP))
    fail('cluster.dnsIP', `"cluster.dnsIP" ${dnsIP} is not in ${serviceCIDR}`);
  const cni = str('cni', 'bridge+vxlan');
  if (cni !== 'bridge+vxlan' && cni !== 'routed')
    fail('cluster.cni', '"cluster.cni" must be bridge+vxlan or routed');
  const podRecords = str('podRecords', 'insecure');
  if (podRecords !== 'insecure' && podRecords !== 'verified' && podRecords !== 'disabled') {
    fail('cluster.podRecords', '"cluster.podRecords" must be insecure, verified or disabled');
  }
  const nodes: NodeSpec[] = [];
  const nodeList = o['nodes'] ?? [{ name: 'node-1' }];
  if (!Array.isArray(nodeList) || nodeList.length === 0)
    fail('cluster.nodes', '"cluster.nodes" must be a non-empty list');
  else {
    nodeList.forEach((n, i) => {
      const p = `cluster.nodes[${i}]`;
      const x = asObject(n);
      if (!x) return fail(p, 'a node must be a mapping with name, ip, podCIDR');
      for (const key of Object.keys(x)) {
        if (!['name', 'ip', 'podCIDR'].includes(key))
          fail(joinPath(p, key), `unknown field "${key}" (a node has name, ip, podCIDR)`);
      }
      const name = typeof x['name'] === 'string' ? x['name'] : '';
      if (!/^[a-z0-9][-a-z0-9.]*$/.test(name)) fail(joinPath(p, 'name'), 'a node needs a name');
      if (nodes.some((m) => m.name === name))
        fail(joinPath(p, 'name'), `node "${name}" is listed twice`);
      const ip = typeof x['ip'] === 'string' ? x['ip'] : `192.168.49.${2 + i}`;
      if (parseIPv4(ip) === undefined) fail(joinPath(p, 'ip'), `"${ip}" is not an IPv4 address`);
      const podCIDR = typeof x['podCIDR'] === 'string' ? x['podCIDR'] : `10.244.${i}.0/24`;
      const parsedPod = parseCidr(podCIDR);
      if (!parsedPod || parsedPod.prefix > 28)
        fail(joinPath(p, 'podCIDR'), `"${podCIDR}" must be an IPv4 CIDR of /28 or larger`);
      else if (
        nodes.some(
          (m) =>
            cidrContains(m.podCIDR, cidrAddress(podCIDR, 0)) ||
            cidrContains(podCIDR, cidrAddress(m.podCIDR, 0)),
        )
      ) {
        fail(joinPath(p, 'podCIDR'), `"${podCIDR}" overlaps another node's pod range`);
      }
      nodes.push({ name, ip, podCIDR });
    });
  }
  const dnsNode = str('dnsNode', nodes[0]?.name ?? 'node-1');
  if (nodes.length > 0 && !nodes.some((n) => n.name === dnsNode))
    fail('cluster.dnsNode', `no node named "${dnsNode}"`);
  const pins: PodPin[] = [];
  const pinList = o['pins'] ?? [];
  if (!Array.isArray(pinList)) fail('cluster.pins', '"cluster.pins" must be a list');
  else {
    pinList.forEach((pin, i) => {
      const p = `cluster.pins[${i}]`;
      const x = asObject(pin);
      if (!x || typeof x['pod'] !== 'string')
        return fail(p, 'a pin needs "pod" (the pod name) and ip and/or node');
      for (const key of Object.keys(x)) {
        if (!['pod', 'namespace', 'ip', 'node'].includes(key))
          fail(joinPath(p, key), `unknown field "${key}" (a pin has pod, namespace, ip, node)`);
      }
      const ip = typeof x['ip'] === 'string' ? x['ip'] : undefined;
      const node = typeof x['node'] === 'string' ? x['node'] : undefined;
      if (ip !== undefined) {
        const owner = nodes.find((n) => cidrContains(n.podCIDR, ip));
        if (!owner) fail(joinPath(p, 'ip'), `${ip} is in no node's pod range`);
        else if (node !== undefined && owner.name !== node)
          fail(joinPath(p, 'ip'), `${ip} is in ${owner.name}'s pod range, not ${node}'s`);
      }
      if (node !== undefined && !nodes.some((n) => n.name === node))
        fail(joinPath(p, 'node'), `no node named "${node}"`);
      // A pinned IP decides the node: the one whose pod range holds it.
      const inferred =
        node ?? (ip ? nodes.find((n) => cidrContains(n.podCIDR, ip))?.name : undefined);
      pins.push({
        pod: x['pod'],
        namespace: typeof x['namespace'] === 'string' ? x['namespace'] : 'default',
        ip,
        node: inferred,
      });
    });
  }
  return {
    seed,
    domain: str('domain', 'cluster.local').replace(/\.$/, ''),
    serviceCIDR,
    dnsIP,
    cni: cni as ClusterSpec['cni'],
    podRecords: podRecords as ClusterSpec['podRecords'],
    loadBalancerCIDR: cidr('loadBalancerCIDR', '172.18.255.200/29'),
    dnsNode,
    nodes,
    pins,
  };
}

function loadManifests(
  text: string,
  doc: LocatedDocument,
  value: unknown,
  errors: ScenarioError[],
  fail: Fail,
): Record<string, ManifestObject[]> {
  const out: Record<string, ManifestObject[]> = {};
  if (value === undefined) return out;
  const o = asObject(value);
  if (!o) {
    fail('manifests', '"manifests" must map a file name to its YAML (a block scalar "|")');
    return out;
  }
  const sourceLines = text.split('\n');
  for (const [file, body] of Object.entries(o)) {
    const path = joinPath('manifests', file);
    if (typeof body !== 'string') {
      fail(
        path,
        `manifests "${file}" must be a block scalar ("${file}: |") holding Kubernetes YAML`,
      );
      continue;
    }
    // A literal block's content starts on the line after its indicator; find its indentation.
    const at = doc.valuePositions.get(path) ?? positionOf(doc, path);
    let lineOffset = at.line;
    let columnOffset = 0;
    for (let l = at.line; l < sourceLines.length; l++) {
      const src = sourceLines[l]!;
      if (src.trim() !== '') {
        columnOffset = src.length - src.trimStart().length;
        break;
      }
    }
    const isBlock = /[|>][-+0-9]*\s*(#.*)?$/.test(sourceLines[at.line - 1] ?? '');
    if (!isBlock) lineOffset = at.line - 1;
    const inner = parseLocatedYaml(body, lineOffset, columnOffset);
    for (const e of inner.errors)
      errors.push({ ...e, message: `manifests "${file}": ${e.message}`, path });
    const objects: ManifestObject[] = [];
    inner.documents.forEach((d, i) => {
      const label = { file: `manifests "${file}"`, index: i + 1, pathPrefix: `${path}[${i}]` };
      const { resource, errors: docErrors } = parseManifest(d, label);
      errors.push(...docErrors);
      const object = asObject(d.value) ?? {};
      const meta = asObject(object['metadata']) ?? {};
      if (resource) {
        objects.push({
          kind: resource.kind,
          name: resource.name,
          namespace: resource.kind === 'Namespace' ? undefined : resource.namespace,
          object,
          line: d.start.line,
        });
      } else if (docErrors.length === 0) {
        errors.push({
          ...d.start,
          message: `manifests "${file}", document ${i + 1}: not a Kubernetes object`,
          path,
        });
      }
      void meta;
    });
    if (inner.documents.length === 0 && inner.errors.length === 0)
      fail(path, `manifests "${file}" is empty`);
    out[file] = objects;
  }
  return out;
}

function loadScript(doc: LocatedDocument, value: unknown, fail: Fail): ScriptLine[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    fail('script', '"script" must be a list of commands');
    return [];
  }
  return value.flatMap((item, i): ScriptLine[] => {
    const path = `script[${i}]`;
    const line = positionOf(doc, path).line;
    if (typeof item === 'string') return [{ command: item.trim(), line }];
    const o = asObject(item);
    if (o && typeof o['command'] === 'string') {
      for (const key of Object.keys(o)) {
        if (key !== 'command' && key !== 'note')
          fail(joinPath(path, key), `unknown field "${key}" (a script item has command and note)`);
      }
      return [
        {
          command: o['command'].trim(),
          note: typeof o['note'] === 'string' ? o['note'].trim() : undefined,
          line,
        },
      ];
    }
    fail(path, 'a script item is a command string or { command, note }');
    return [];
  });
}

/** Parses every script line and checks what can be checked before running. */
function checkScript(
  script: ScriptLine[],
  manifests: Record<string, ManifestObject[]>,
  cluster: ClusterSpec,
  errors: ScenarioError[],
): void {
  script.forEach((s, i) => {
    const fail = (message: string): void => {
      errors.push({
        line: s.line,
        column: 1,
        message: `script line ${i + 1} "${s.command}": ${message}`,
        path: `script[${i}]`,
      });
    };
    let action: Action;
    try {
      action = parseCommand(s.command);
    } catch (e) {
      if (e instanceof CommandError) return fail(e.message);
      throw e;
    }
    if (action.type === 'apply' && !(action.file in manifests)) {
      fail(
        `no manifest named "${action.file}" (have: ${Object.keys(manifests).join(', ') || 'none'})`,
      );
    }
    if (
      action.type === 'fault' &&
      'node' in action &&
      action.node &&
      !cluster.nodes.some((n) => n.name === action.node)
    ) {
      fail(`no node named "${action.node}"`);
    }
  });
}
