/**
 * Cluster DNS name forms, from https://kubernetes.io/docs/concepts/services-networking/dns-pod-service/:
 * what a pod's resolver asks (search path and ndots:5) and what CoreDNS answers.
 */
import { queryCandidates } from './dns.resolver.js';
import { docs, miniScenario, podYaml } from './scenario.test-helper.js';
import { run } from './simulation.runner.js';

describe('the stub resolver’s query order (search <ns>.svc.<domain> svc.<domain> <domain>, ndots:5)', () => {
  it.each([
    [
      'my-svc',
      'default',
      [
        'my-svc.default.svc.cluster.local.',
        'my-svc.svc.cluster.local.',
        'my-svc.cluster.local.',
        'my-svc.',
      ],
    ],
    [
      'my-svc.shop',
      'default',
      [
        'my-svc.shop.default.svc.cluster.local.',
        'my-svc.shop.svc.cluster.local.',
        'my-svc.shop.cluster.local.',
        'my-svc.shop.',
      ],
    ],
    [
      'a.b.c.d.e.f',
      'default',
      [
        'a.b.c.d.e.f.',
        'a.b.c.d.e.f.default.svc.cluster.local.',
        'a.b.c.d.e.f.svc.cluster.local.',
        'a.b.c.d.e.f.cluster.local.',
      ],
    ],
    ['my-svc.default.svc.cluster.local.', 'default', ['my-svc.default.svc.cluster.local.']],
    [
      'web',
      'shop',
      ['web.shop.svc.cluster.local.', 'web.svc.cluster.local.', 'web.cluster.local.', 'web.'],
    ],
  ])('%s from namespace %s', (name, ns, expected) => {
    expect(queryCandidates(name, ns, 'cluster.local')).toEqual(expected);
  });
});

const manifests = docs(
  'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop',
  podYaml('client', { labels: { app: 'client' }, image: 'nicolaka/netshoot', node: 'node-1' }),
  podYaml('web-1', { labels: { app: 'web' }, node: 'node-2' }),
  podYaml('shop-web', { ns: 'shop', labels: { app: 'web' }, node: 'node-2' }),
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db-0\n  labels:\n    app: db\nspec:\n  hostname: db-0\n  subdomain: db\n  nodeName: node-2\n  containers:\n    - name: db\n      image: postgres\n      ports:\n        - containerPort: 5432',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: db-1\n  labels:\n    app: db\nspec:\n  hostname: db-1\n  subdomain: db\n  nodeName: node-1\n  containers:\n    - name: db\n      image: postgres\n      ports:\n        - containerPort: 5432',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: 10.96.0.50\n  selector:\n    app: web\n  ports:\n    - port: 80',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  clusterIP: 10.96.0.60\n  selector:\n    app: web\n  ports:\n    - port: 80',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n    - port: 5432',
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: empty\nspec:\n  clusterIP: None\n  selector:\n    app: nobody\n  ports:\n    - port: 80',
);

/**
 * [name, expected addresses (empty = NXDOMAIN), queries asked]. A name with 5 or more dots is asked
 * as typed first; "db-0.db" is found at once as db-0.db.default.svc.cluster.local.
 */
const names: [string, string[], number][] = [
  ['web', ['10.96.0.50'], 1],
  ['web.default', ['10.96.0.50'], 2],
  ['web.default.svc', ['10.96.0.50'], 3],
  ['web.default.svc.cluster.local', ['10.96.0.50'], 4],
  ['web.default.svc.cluster.local.', ['10.96.0.50'], 1],
  ['web.shop', ['10.96.0.60'], 2],
  ['web.shop.svc.cluster.local', ['10.96.0.60'], 4],
  ['db', ['10.244.1.4', '10.244.0.5'], 1],
  ['db-0.db', ['10.244.1.4'], 1],
  ['db-1.db.default.svc.cluster.local', ['10.244.0.5'], 1],
  ['10-244-1-2.default.pod.cluster.local', ['10.244.1.2'], 4],
  ['10-244-1-2.shop.pod.cluster.local', ['10.244.1.2'], 4],
  ['kube-dns.kube-system', ['10.96.0.10'], 2],
  ['web-1', [], 4],
  ['10-244-1-2.nosuchns.pod.cluster.local', [], 4],
  ['empty', [], 4],
  ['example.com', [], 4],
];

describe('CoreDNS answers each name form', () => {
  const trace = run(
    miniScenario({
      manifests,
      script: [
        'kubectl apply -f m.yaml',
        ...names.map(([n]) => `kubectl exec client -- nslookup ${n}`),
      ],
    }),
  );

  it('places the pods where the expected addresses assume', () => {
    const ips = Object.fromEntries(trace.actions[0]!.topology.pods.map((p) => [p.name, p.ip]));
    expect(ips).toMatchObject({
      client: '10.244.0.4',
      'web-1': '10.244.1.2',
      'shop-web': '10.244.1.3',
      'db-0': '10.244.1.4',
      'db-1': '10.244.0.5',
    });
  });

  it.each(names.map((n, i) => [...n, i] as const))(
    '%s → %j after %i queries',
    (name, addresses, queries, i) => {
      const a = trace.actions[i + 1]!;
      const asked = a.steps.filter(
        (s) => s.component === 'CoreDNS' && s.stage === 'request-receive',
      );
      expect(asked).toHaveLength(queries);
      if (addresses.length === 0) {
        expect(a.output.at(-2)).toBe(`** server can't find ${name}: NXDOMAIN`);
        expect(a.exitCode).toBe(1);
      } else {
        expect(a.output.filter((l) => l.startsWith('Address: '))).toEqual(
          addresses.map((ip) => `Address: ${ip}`),
        );
        expect(a.exitCode).toBe(0);
      }
    },
  );

  it('the pods-insecure mode answers for any well-formed IP in an existing namespace', () => {
    const a =
      trace.actions[names.findIndex(([n]) => n === '10-244-1-2.shop.pod.cluster.local') + 1]!;
    expect(a.steps.find((s) => s.outcome === 'answered')!.role).toMatch(/pods insecure/);
  });

  it('with podRecords: verified, a pod record must name a pod of that namespace', () => {
    const t = run(
      miniScenario({
        manifests,
        extraCluster: 'podRecords: verified',
        script: [
          'kubectl apply -f m.yaml',
          'kubectl exec client -- nslookup 10-244-1-2.default.pod.cluster.local',
          'kubectl exec client -- nslookup 10-244-1-2.shop.pod.cluster.local',
        ],
      }),
    );
    expect(t.actions[1]!.exitCode).toBe(0);
    expect(t.actions[2]!.output.at(-2)).toBe(
      "** server can't find 10-244-1-2.shop.pod.cluster.local: NXDOMAIN",
    );
  });

  it('another cluster domain changes the search path and the records', () => {
    const t = run(
      miniScenario({
        manifests,
        extraCluster: 'domain: corp.internal',
        script: [
          'kubectl apply -f m.yaml',
          'kubectl exec client -- nslookup web.shop',
          'kubectl exec client -- nslookup web.shop.svc.cluster.local.',
        ],
      }),
    );
    expect(t.actions[1]!.output).toContain('Name:\tweb.shop.svc.corp.internal');
    expect(t.actions[2]!.exitCode).toBe(1);
  });

  it('a lookup that times out (CoreDNS down) prints curl’s resolve error and ping’s “Try again”', () => {
    const t = run(
      miniScenario({
        manifests,
        script: [
          'kubectl apply -f m.yaml',
          'fault dns-down',
          'kubectl exec client -- curl http://web',
          'kubectl exec client -- ping -c 1 web',
          'kubectl exec client -- nslookup web',
          'fault dns-up',
          'kubectl exec client -- curl -s http://web',
        ],
      }),
    );
    expect(t.actions[2]!.output).toEqual(['curl: (6) Could not resolve host: web']);
    expect(t.actions[3]!.output).toEqual(['ping: web: Try again']);
    expect(t.actions[4]!.output).toEqual([
      ';; connection timed out; no servers could be reached',
      '',
    ]);
    expect(t.actions[6]!.exitCode).toBe(0);
  });
});
