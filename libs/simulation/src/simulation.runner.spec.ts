/** kubectl commands, faults and CNI modes, run through small scenarios. */
import { docs, miniScenario, podYaml } from './scenario.test-helper.js';
import { run } from './simulation.runner.js';
import { summarizeAction } from './trace.summarizer.js';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - name: http
              containerPort: 80`;

const client = podYaml('client', {
  labels: { app: 'client' },
  image: 'nicolaka/netshoot',
  node: 'node-1',
});

describe('kubectl', () => {
  const trace = run(
    miniScenario({
      manifests: docs(client, deployment),
      script: [
        'kubectl apply -f m.yaml',
        'kubectl get pods -o wide',
        'kubectl expose deployment web --port 8080 --target-port http',
        'kubectl exec client -- curl -s http://web:8080',
        'kubectl delete pod web-REPLACED',
        'kubectl scale deployment web --replicas=3',
        'kubectl run echo --image=hashicorp/http-echo --labels=app=echo,tier=demo --expose --port 5678',
        'kubectl exec client -- wget -qO- http://echo:5678',
        'kubectl create service nodeport web2 --tcp=80:80',
        'kubectl exec client -- curl http://web2',
        'kubectl label pod client app=web2 --overwrite',
        'kubectl exec client -- curl --max-time 1 http://web2',
        'kubectl create namespace team',
        'kubectl run x --image=nginx -n team',
        'kubectl label namespace team env=prod',
        'kubectl get pods -n team',
        'kubectl delete pod nope',
        'kubectl apply -f m.yaml',
      ].map((c) => c),
    }),
  );
  const out = (i: number) => trace.actions[i]!.output;

  it('creates a Deployment’s pods as <deployment>-<pod-template-hash>-<5 chars>', () => {
    const pods = trace.actions[0]!.topology.pods.filter(
      (p) => p.namespace === 'default' && p.name.startsWith('web-'),
    );
    expect(pods).toHaveLength(2);
    const hash = pods[0]!.labels['pod-template-hash']!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
    for (const p of pods)
      expect(p.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(out(0)).toEqual(['pod/client created', 'deployment.apps/web created']);
  });

  it('expose with a named target port', () => {
    expect(out(2)).toEqual(['service/web exposed']);
    const svc = trace.actions[2]!.topology.services.find((s) => s.name === 'web')!;
    expect(svc.ports[0]).toMatchObject({ port: 8080, targetPort: 'http' });
    const a = trace.actions[3]!;
    expect(a.exitCode).toBe(0);
    expect(a.output[0]).toBe('<!DOCTYPE html>');
    expect(
      a.steps.find(
        (s) => s.component === 'kube-proxy (iptables DNAT)' && s.packet?.protocol === 'TCP',
      )!.packet!.dst.port,
    ).toBe(80);
  });

  it('deleting a pod that does not exist fails; scale adds a replica', () => {
    expect(out(4)).toEqual(['Error from server (NotFound): pods "web-REPLACED" not found']);
    expect(trace.actions[4]!.exitCode).toBe(1);
    expect(out(5)).toEqual(['deployment.apps/web scaled']);
    expect(trace.actions[5]!.topology.pods.filter((p) => p.name.startsWith('web-'))).toHaveLength(
      3,
    );
  });

  it('run --expose creates the Service and the pod; http-echo answers', () => {
    expect(out(6)).toEqual(['service/echo created', 'pod/echo created']);
    expect(trace.actions[6]!.topology.pods.find((p) => p.name === 'echo')!.labels).toEqual({
      app: 'echo',
      tier: 'demo',
    });
    expect(out(7)).toEqual(['']);
  });

  it('create service selects app=<name>; with no such pods the connection is refused', () => {
    expect(out(8)).toEqual(['service/web2 created']);
    const a = trace.actions[9]!;
    expect(a.output).toEqual([
      "curl: (7) Failed to connect to web2 port 80 after 0 ms: Couldn't connect to server",
    ]);
    expect(a.steps.find((s) => s.outcome === 'refused')!.result).toBe(
      'refused: Service default/web2 has no endpoints',
    );
    expect(summarizeAction(a).rows.map((r) => r.result)).toEqual([
      'Refused: Service default/web2 has no endpoints',
      'Connection refused',
    ]);
  });

  it('label changes the endpoints: the relabelled client answers for web2 itself', () => {
    expect(out(10)).toEqual(['pod/client labeled']);
    expect(trace.actions[10]!.topology.services.find((s) => s.name === 'web2')!.endpoints).toEqual([
      {
        pod: 'pod/default/client',
        ip: trace.actions[10]!.topology.pods.find((p) => p.name === 'client')!.ip,
      },
    ]);
    // netshoot listens on nothing, so its own kernel resets the connection
    const a = trace.actions[11]!;
    expect(a.output).toEqual([
      "curl: (7) Failed to connect to web2 port 80 after 0 ms: Couldn't connect to server",
    ]);
    expect(a.steps.find((s) => s.outcome === 'refused')!.result).toBe('refused: TCP RST');
  });

  it('namespaces: create, run into, label (kubernetes.io/metadata.name kept)', () => {
    expect(out(12)).toEqual(['namespace/team created']);
    expect(out(13)).toEqual(['pod/x created']);
    expect(out(14)).toEqual(['namespace/team labeled']);
    expect(trace.actions[14]!.topology.namespaces.find((n) => n.name === 'team')!.labels).toEqual({
      'kubernetes.io/metadata.name': 'team',
      env: 'prod',
    });
    expect(out(15)[0]).toBe('NAME   READY   STATUS    RESTARTS   AGE');
  });

  it('reports errors as kubectl does; re-applying undoes label and scale (configured)', () => {
    expect(out(16)).toEqual(['Error from server (NotFound): pods "nope" not found']);
    expect(out(17)).toEqual(['pod/client configured', 'deployment.apps/web configured']);
  });
});

describe('client tools’ messages', () => {
  it('curl -s prints nothing on failure; wget without -q announces the connection', () => {
    const t = run(
      miniScenario({
        manifests: docs(client, deployment),
        script: [
          'kubectl apply -f m.yaml',
          'kubectl expose deployment web',
          'kubectl exec client -- curl -s http://nope',
          'kubectl exec client -- wget http://web',
          'kubectl exec client -- wget -qO- http://nope',
          'kubectl exec client -- wget -qO- http://web/missing',
        ],
      }),
    );
    expect(t.actions[2]!.output).toEqual([]);
    expect(t.actions[2]!.exitCode).toBe(6);
    const svc = t.actions[3]!.topology.services.find((s) => s.name === 'web')!;
    expect(t.actions[3]!.output.slice(0, 3)).toEqual([
      `Connecting to web (${svc.clusterIP}:80)`,
      'writing to stdout',
      '<!DOCTYPE html>',
    ]);
    expect(t.actions[3]!.output.at(-1)).toBe('written to stdout');
    expect(t.actions[4]!.output).toEqual(["wget: bad address 'nope'"]);
    expect(t.actions[5]!.output).toEqual(['wget: server returned error: HTTP/1.1 404 Not Found']);
  });
});

describe('pod deletion', () => {
  it('the replacement of a Deployment pod gets a new name and the next IP; the old IP times out', () => {
    const first = run(
      miniScenario({ manifests: docs(client, deployment), script: ['kubectl apply -f m.yaml'] }),
    );
    const victim = first.actions[0]!.topology.pods.find((p) => p.name.startsWith('web-'))!;
    const trace = run(
      miniScenario({
        manifests: docs(client, deployment),
        script: [
          'kubectl apply -f m.yaml',
          `kubectl delete pod ${victim.name}`,
          `kubectl exec client -- curl --max-time 2 http://${victim.ip}`,
        ],
      }),
    );
    expect(trace.actions[1]!.output).toEqual([`pod "${victim.name}" deleted`]);
    const after = trace.actions[1]!.topology.pods.filter((p) => p.name.startsWith('web-'));
    expect(after).toHaveLength(2);
    expect(after.map((p) => p.name)).not.toContain(victim.name);
    const replacement = after.find(
      (p) => !first.actions[0]!.topology.pods.some((q) => q.name === p.name),
    )!;
    expect(replacement.ip).not.toBe(victim.ip);
    expect(trace.actions[2]!.output).toEqual([
      `curl: (28) Failed to connect to ${victim.ip} port 80 after 2002 ms: Timeout was reached`,
    ]);
  });
});

describe('faults and CNI modes', () => {
  const server = podYaml('server', { labels: { app: 'server' }, node: 'node-2' });
  const svc =
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: server\nspec:\n  selector:\n    app: server\n  ports:\n    - port: 80';

  it('cni-down on the server’s node drops at its first CNI component; cni-up restores it', () => {
    const t = run(
      miniScenario({
        manifests: docs(client, server, svc),
        script: [
          'kubectl apply -f m.yaml',
          'fault cni-down node-2',
          'kubectl exec client -- curl --max-time 1 http://server',
          'fault cni-up node-2',
          'kubectl exec client -- curl --max-time 1 http://server',
        ],
      }),
    );
    expect(t.actions[1]!.output).toEqual([
      'fault: the CNI plugin on node-2 is down: pods there lose their network',
    ]);
    expect(t.actions[1]!.topology.nodes.find((n) => n.name === 'node-2')!.cniUp).toBe(false);
    const drop = t.actions[2]!.steps.find((s) => s.outcome === 'dropped')!;
    expect([drop.component, drop.node, drop.result]).toEqual([
      'CNI overlay (VXLAN)',
      'node-2',
      'dropped: the CNI plugin is down on node-2',
    ]);
    expect(t.actions[4]!.exitCode).toBe(0);
  });

  it('cni-down on the DNS node breaks name resolution for everyone', () => {
    const t = run(
      miniScenario({
        manifests: docs(client, server, svc),
        script: [
          'kubectl apply -f m.yaml',
          'fault cni-down node-1',
          'kubectl exec client -- curl http://server',
        ],
      }),
    );
    expect(t.actions[2]!.output).toEqual(['curl: (6) Could not resolve host: server']);
    expect(t.actions[2]!.steps.find((s) => s.outcome === 'dropped')!.component).toBe('veth');
  });

  it('drop-at applies to the next exec only', () => {
    const t = run(
      miniScenario({
        manifests: docs(client, server, svc),
        script: [
          'kubectl apply -f m.yaml',
          'fault drop-at 5',
          'kubectl exec client -- curl --max-time 1 http://server',
          'kubectl exec client -- curl http://server',
        ],
      }),
    );
    const rows = summarizeAction(t.actions[2]!).rows;
    expect(rows.map((r) => r.stage)).toEqual([
      'initiate',
      'request-route',
      'request-receive',
      'response-send',
      'response-route',
      'timeout',
    ]);
    expect(rows[5]!.result).toBe('Response lost');
    expect(t.actions[3]!.exitCode).toBe(0);
  });

  it('a node answers ping on its own IP; a ClusterIP port that is not exposed and an outside address time out', () => {
    const t = run(
      miniScenario({
        manifests: docs(client, server, svc),
        script: [
          'kubectl apply -f m.yaml',
          'kubectl exec client -- ping -c 1 192.168.49.3',
          'kubectl exec client -- curl -m 1 http://server:81',
          'kubectl exec client -- curl -m 1 http://8.8.8.8',
        ],
      }),
    );
    const ping = t.actions[1]!;
    expect(ping.output[1]).toMatch(/^64 bytes from 192\.168\.49\.3: icmp_seq=1 ttl=63 time=/);
    expect(summarizeAction(ping).rows.map((r) => r.action)).toEqual([
      'client initiates ICMP echo request',
      'Network plugin routes packet',
      '192.168.49.3 receives request',
      '192.168.49.3 sends ICMP echo reply',
      'Network plugin routes response',
      'client receives response',
      'Ping finishes',
    ]);
    expect(t.actions[2]!.steps.find((s) => s.outcome === 'dropped')!.result).toMatch(
      /exposes no TCP port 81$/,
    );
    expect(t.actions[3]!.steps.find((s) => s.outcome === 'dropped')!.result).toMatch(
      /no outside network/,
    );
    expect(t.actions[3]!.exitCode).toBe(28);
  });

  it('routed mode: no encapsulation, the node IP is the next hop, TTL still drops per node', () => {
    const t = run(
      miniScenario({
        manifests: docs(client, server),
        extraCluster: 'cni: routed',
        script: ['kubectl apply -f m.yaml', 'kubectl exec client -- ping -c 2 10.244.1.2'],
      }),
    );
    const ping = t.actions[1]!;
    expect(ping.steps.some((s) => s.component === 'CNI overlay (VXLAN)')).toBe(false);
    expect(ping.steps.find((s) => s.component === 'node routing')!.action).toBe(
      'Route 10.244.1.0/24 via 192.168.49.3',
    );
    expect(ping.output[1]).toMatch(/^64 bytes from 10\.244\.1\.2: icmp_seq=1 ttl=62 time=/);
    expect(ping.output[2]).toMatch(/^64 bytes from 10\.244\.1\.2: icmp_seq=2 ttl=62 time=/);
    expect(ping.output[5]).toBe('2 packets transmitted, 2 received, 0% packet loss, time 1001ms');
    expect(t.actions[1]!.topology.nodes[0]!.overlay).toBeUndefined();
  });
});
