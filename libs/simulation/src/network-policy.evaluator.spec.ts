/**
 * NetworkPolicy rule forms, each worked out from https://kubernetes.io/docs/concepts/services-networking/network-policies/
 * and run end to end: the client curls (or pings) the server through its Service, and the request
 * is either answered or dropped by NetworkPolicy at the source (egress) or destination (ingress).
 */
import { run } from './simulation.runner.js';
import { docs, miniScenario, podYaml } from './scenario.test-helper.js';

const base = docs(
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n  labels:\n    team: dev',
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    team: prod',
  podYaml('server', {
    labels: { app: 'server' },
    node: 'node-2',
    ports: [{ name: 'http', port: 80 }],
  }),
  podYaml('client', { labels: { app: 'client' }, image: 'nicolaka/netshoot', node: 'node-1' }),
  podYaml('other', { labels: { app: 'other' }, image: 'nicolaka/netshoot', node: 'node-1' }),
  podYaml('client-n2', { labels: { app: 'client' }, image: 'nicolaka/netshoot', node: 'node-2' }),
  podYaml('client-dev', {
    ns: 'dev',
    labels: { app: 'client' },
    image: 'nicolaka/netshoot',
    node: 'node-1',
  }),
  podYaml('other-dev', {
    ns: 'dev',
    labels: { app: 'other' },
    image: 'nicolaka/netshoot',
    node: 'node-1',
  }),
  podYaml('client-prod', {
    ns: 'prod',
    labels: { app: 'client' },
    image: 'nicolaka/netshoot',
    node: 'node-1',
  }),
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: server\nspec:\n  selector:\n    app: server\n  ports:\n    - port: 80\n      targetPort: http',
);

/** A NetworkPolicy in `ns` (default `default`) with the given spec (YAML, indented two spaces). */
function policy(name: string, spec: string, ns = 'default'): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n${spec
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}`;
}

const SERVER = 'podSelector:\n  matchLabels:\n    app: server';
const CLIENT = 'podSelector:\n  matchLabels:\n    app: client';

type Expect = 'allowed' | 'ingress' | 'egress' | 'no-dns';

/** [client namespace/name, command, expected]. */
type Probe = [string, string, Expect];

function curl(from: string, expected: Expect, url = 'http://server.default'): Probe {
  return [from, `curl --max-time 2 ${url}`, expected];
}

const cases: { name: string; policies: string[]; probes: Probe[] }[] = [
  {
    name: 'no policy: every pod may connect',
    policies: [],
    probes: [curl('default/client', 'allowed'), curl('dev/client-dev', 'allowed')],
  },
  {
    name: 'default deny ingress (empty podSelector, no rules)',
    policies: [policy('deny', 'podSelector: {}\npolicyTypes:\n  - Ingress')],
    probes: [curl('default/client', 'ingress'), curl('prod/client-prod', 'ingress')],
  },
  {
    name: 'ingress: [] with policyTypes Ingress denies like no rules',
    policies: [policy('deny', `${SERVER}\npolicyTypes:\n  - Ingress\ningress: []`)],
    probes: [curl('default/client', 'ingress')],
  },
  {
    name: 'allow all ingress: one empty rule',
    policies: [policy('all', `${SERVER}\ningress:\n  - {}`)],
    probes: [curl('default/client', 'allowed'), curl('dev/other-dev', 'allowed')],
  },
  {
    name: 'podSelector alone selects pods of the policy’s own namespace',
    policies: [
      policy(
        'from-client',
        `${SERVER}\ningress:\n  - from:\n      - ${CLIENT.replaceAll('\n', '\n        ')}`,
      ),
    ],
    probes: [
      curl('default/client', 'allowed'),
      curl('default/other', 'ingress'),
      curl('dev/client-dev', 'ingress'),
    ],
  },
  {
    name: 'namespaceSelector alone selects every pod of matching namespaces',
    policies: [
      policy(
        'from-dev',
        `${SERVER}\ningress:\n  - from:\n      - namespaceSelector:\n          matchLabels:\n            team: dev`,
      ),
    ],
    probes: [
      curl('dev/client-dev', 'allowed'),
      curl('dev/other-dev', 'allowed'),
      curl('default/client', 'ingress'),
      curl('prod/client-prod', 'ingress'),
    ],
  },
  {
    name: 'namespaceSelector and podSelector in ONE from item: both must match (AND)',
    policies: [
      policy(
        'and',
        `${SERVER}\ningress:\n  - from:\n      - namespaceSelector:\n          matchLabels:\n            team: dev\n        podSelector:\n          matchLabels:\n            app: client`,
      ),
    ],
    probes: [
      curl('dev/client-dev', 'allowed'),
      curl('dev/other-dev', 'ingress'),
      curl('default/client', 'ingress'),
    ],
  },
  {
    name: 'namespaceSelector and podSelector as TWO from items: either may match (OR)',
    policies: [
      policy(
        'or',
        `${SERVER}\ningress:\n  - from:\n      - namespaceSelector:\n          matchLabels:\n            team: dev\n      - podSelector:\n          matchLabels:\n            app: client`,
      ),
    ],
    probes: [
      curl('dev/other-dev', 'allowed'),
      curl('default/client', 'allowed'),
      curl('prod/client-prod', 'ingress'),
      curl('default/other', 'ingress'),
    ],
  },
  {
    name: 'the automatic kubernetes.io/metadata.name namespace label',
    policies: [
      policy(
        'from-prod',
        `${SERVER}\ningress:\n  - from:\n      - namespaceSelector:\n          matchLabels:\n            kubernetes.io/metadata.name: prod`,
      ),
    ],
    probes: [curl('prod/client-prod', 'allowed'), curl('dev/client-dev', 'ingress')],
  },
  {
    name: 'ipBlock with except (node-1’s pods allowed, node-2’s pod range excepted)',
    policies: [
      policy(
        'cidr',
        `${SERVER}\ningress:\n  - from:\n      - ipBlock:\n          cidr: 10.244.0.0/16\n          except:\n            - 10.244.1.0/24`,
      ),
    ],
    probes: [curl('default/client', 'allowed'), curl('default/client-n2', 'ingress')],
  },
  {
    name: 'ports: the numeric port must match the pod’s port after DNAT',
    policies: [
      policy('port-80', `${SERVER}\ningress:\n  - ports:\n      - protocol: TCP\n        port: 80`),
      policy('port-8080', `${CLIENT}\ningress:\n  - ports:\n      - port: 8080`),
    ],
    probes: [curl('default/client', 'allowed')],
  },
  {
    name: 'ports: a different port drops',
    policies: [policy('port-8080', `${SERVER}\ningress:\n  - ports:\n      - port: 8080`)],
    probes: [curl('default/client', 'ingress')],
  },
  {
    name: 'ports: a named port resolves on the selected pod (http = 80)',
    policies: [policy('named', `${SERVER}\ningress:\n  - ports:\n      - port: http`)],
    probes: [curl('default/client', 'allowed')],
  },
  {
    name: 'ports: a named port the pod does not have matches nothing',
    policies: [policy('named', `${SERVER}\ningress:\n  - ports:\n      - port: metrics`)],
    probes: [curl('default/client', 'ingress')],
  },
  {
    name: 'ports: endPort range 70–90 includes 80',
    policies: [
      policy('range', `${SERVER}\ningress:\n  - ports:\n      - port: 70\n        endPort: 90`),
    ],
    probes: [curl('default/client', 'allowed')],
  },
  {
    name: 'ports: endPort range 81–90 excludes 80',
    policies: [
      policy('range', `${SERVER}\ningress:\n  - ports:\n      - port: 81\n        endPort: 90`),
    ],
    probes: [curl('default/client', 'ingress')],
  },
  {
    name: 'ports: protocol UDP does not allow TCP',
    policies: [
      policy('udp', `${SERVER}\ningress:\n  - ports:\n      - protocol: UDP\n        port: 80`),
    ],
    probes: [curl('default/client', 'ingress')],
  },
  {
    name: 'policies add up: each allows one client, both get in',
    policies: [
      policy(
        'p1',
        `${SERVER}\ningress:\n  - from:\n      - podSelector:\n          matchLabels:\n            app: client`,
      ),
      policy(
        'p2',
        `${SERVER}\ningress:\n  - from:\n      - podSelector:\n          matchLabels:\n            app: other`,
      ),
    ],
    probes: [curl('default/client', 'allowed'), curl('default/other', 'allowed')],
  },
  {
    name: 'matchExpressions In / NotIn',
    policies: [
      policy(
        'expr',
        `${SERVER}\ningress:\n  - from:\n      - podSelector:\n          matchExpressions:\n            - key: app\n              operator: In\n              values: [other, nobody]`,
      ),
    ],
    probes: [curl('default/other', 'allowed'), curl('default/client', 'ingress')],
  },
  {
    name: 'a policy in another namespace does not select the server',
    policies: [policy('deny-dev', 'podSelector: {}\npolicyTypes:\n  - Ingress', 'dev')],
    probes: [curl('default/client', 'allowed')],
  },
  {
    name: 'an Egress-only policy on the server leaves its ingress open (replies are stateful)',
    policies: [policy('server-egress', `${SERVER}\npolicyTypes:\n  - Egress`)],
    probes: [curl('default/client', 'allowed')],
  },
  {
    name: 'egress deny all on the client: even DNS is blocked (curl cannot resolve)',
    policies: [policy('client-egress', `${CLIENT}\npolicyTypes:\n  - Egress`)],
    probes: [
      curl('default/client', 'no-dns'),
      curl('default/client', 'egress', 'http://10.244.1.2'),
      curl('default/other', 'allowed'),
    ],
  },
  {
    name: 'egress allows only DNS to kube-dns: the name resolves, the request is dropped at the source',
    policies: [
      policy(
        'dns-only',
        `${CLIENT}\npolicyTypes:\n  - Egress\negress:\n  - to:\n      - namespaceSelector:\n          matchLabels:\n            kubernetes.io/metadata.name: kube-system\n        podSelector:\n          matchLabels:\n            k8s-app: kube-dns\n    ports:\n      - protocol: UDP\n        port: 53`,
      ),
    ],
    probes: [curl('default/client', 'egress')],
  },
  {
    name: 'egress allows DNS and the server on port 80: works by name',
    policies: [
      policy(
        'dns-and-server',
        `${CLIENT}\npolicyTypes:\n  - Egress\negress:\n  - to:\n      - namespaceSelector: {}\n        podSelector:\n          matchLabels:\n            k8s-app: kube-dns\n    ports:\n      - protocol: UDP\n        port: 53\n  - to:\n      - ${SERVER.replaceAll('\n', '\n        ')}\n    ports:\n      - port: 80`,
      ),
    ],
    probes: [curl('default/client', 'allowed')],
  },
  {
    name: 'egress allows port 80 only: DNS (UDP 53) is egress too, so the name never resolves',
    policies: [
      policy(
        'http-only',
        `${CLIENT}\npolicyTypes:\n  - Egress\negress:\n  - ports:\n      - port: 80`,
      ),
    ],
    probes: [
      curl('default/client', 'no-dns'),
      curl('default/client', 'allowed', 'http://10.244.1.2'),
    ],
  },
  {
    name: 'both ends must allow: the client’s egress allows it, the server’s ingress does not',
    policies: [
      policy('client-out', `${CLIENT}\npolicyTypes:\n  - Egress\negress:\n  - {}`),
      policy('server-in', `${SERVER}\npolicyTypes:\n  - Ingress`),
    ],
    probes: [curl('default/client', 'ingress')],
  },
  {
    name: 'ICMP: a rule with ports never matches ping; a rule without ports does',
    policies: [
      policy('tcp-80', `${SERVER}\ningress:\n  - ports:\n      - port: 80`),
      policy(
        'from-other',
        `${SERVER}\ningress:\n  - from:\n      - podSelector:\n          matchLabels:\n            app: other`,
      ),
    ],
    probes: [
      ['default/client', 'ping -c 1 10.244.1.2', 'ingress'],
      ['default/other', 'ping -c 1 10.244.1.2', 'allowed'],
      curl('default/client', 'allowed'),
    ],
  },
];

describe('NetworkPolicy rule forms (end to end)', () => {
  it.each(cases)('$name', ({ policies, probes }) => {
    const script = [
      'kubectl apply -f m.yaml',
      ...probes.map(([from, cmd]) => {
        const [ns, pod] = from.split('/') as [string, string];
        return `kubectl exec ${pod} -n ${ns} -- ${cmd}`;
      }),
    ];
    const trace = run(miniScenario({ manifests: docs(base, ...policies), script }));
    const server = trace.actions[0]!.topology.pods.find((p) => p.name === 'server')!;
    expect(server.ip).toBe('10.244.1.2'); // the probes above use it
    probes.forEach(([from, cmd, expected], i) => {
      const action = trace.actions[i + 1]!;
      const drop = action.steps.find((s) => s.outcome === 'dropped');
      const label = `${from}: ${cmd}`;
      switch (expected) {
        case 'allowed':
          expect({ label, exit: action.exitCode, drop: drop?.result }).toEqual({
            label,
            exit: 0,
            drop: undefined,
          });
          break;
        case 'ingress':
        case 'egress':
          expect({
            label,
            component: drop?.component,
            direction: / for (ingress|egress) /.exec(drop?.result ?? '')?.[1],
          }).toEqual({
            label,
            component: 'NetworkPolicy',
            direction: expected,
          });
          expect(action.exitCode).not.toBe(0);
          break;
        case 'no-dns':
          expect({ label, output: action.output, component: drop?.component }).toEqual({
            label,
            output: ['curl: (6) Could not resolve host: server.default'],
            component: 'NetworkPolicy',
          });
          break;
      }
    });
  });
});
