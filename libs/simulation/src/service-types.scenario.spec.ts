import { generateQuestions } from './question.generator.js';
import type { TrueFalseQuestion } from './question.types.js';
import { actionOf, runBuiltIn } from './scenario.test-helper.js';
import { summarizeAction } from './trace.summarizer.js';

const trace = runBuiltIn('service-types');
const exec = (cmd: string) => actionOf(trace, `kubectl exec client -- ${cmd}`);
const backends = (a: { topology: { pods: { name: string; namespace: string }[] } }) =>
  a.topology.pods
    .filter((p) => p.namespace === 'shop' && p.name.startsWith('web-'))
    .map((p) => p.name);

describe('seed 003: service types and names across namespaces', () => {
  it('lists the three Services with their types, node port and load-balancer IP', () => {
    const get = actionOf(trace, 'kubectl get services -n shop');
    expect(get.output[0]).toBe(
      'NAME           TYPE           CLUSTER-IP      EXTERNAL-IP      PORT(S)        AGE',
    );
    expect(get.output[1]).toMatch(/^web {12}ClusterIP {6}10\.\d+\.\d+\.\d+ +<none> +80\/TCP +1m$/);
    expect(get.output[2]).toMatch(/^web-nodeport +NodePort +\S+ +<none> +80:30080\/TCP +1m$/);
    expect(get.output[3]).toMatch(
      /^web-lb +LoadBalancer +\S+ +172\.18\.255\.200 +80:3\d{4}\/TCP +1m$/,
    );
  });

  it('a bare name means the client’s own namespace: web from default does not resolve', () => {
    const a = exec('curl http://web');
    expect(a.output).toEqual(['curl: (6) Could not resolve host: web']);
    expect(a.exitCode).toBe(6);
    expect(a.steps.find((s) => s.component === 'CoreDNS')!.action).toBe(
      'CoreDNS: web.default.svc.cluster.local. does not exist',
    );
  });

  it.each([
    ['kubectl exec client -- curl http://web.shop', 'web.shop.svc.cluster.local.'],
    ['kubectl exec -n shop shop-client -- curl http://web', 'web.shop.svc.cluster.local.'],
    [
      'kubectl exec client -- curl http://web.shop.svc.cluster.local',
      'web.shop.svc.cluster.local.',
    ],
  ])('%s resolves to the ClusterIP and a backend answers with its hostname', (cmd, fqdn) => {
    const a = actionOf(trace, cmd);
    const svc = a.topology.services.find((s) => s.name === 'web')!;
    expect(a.steps.find((s) => s.outcome === 'answered')!.result).toBe(
      `answered: ${fqdn} A ${svc.clusterIP}`,
    );
    expect(a.exitCode).toBe(0);
    expect(backends(a)).toContain(a.output[0]);
    const dnat = a.steps.find(
      (s) => s.component === 'kube-proxy (iptables DNAT)' && s.packet?.protocol === 'TCP',
    )!;
    expect(dnat.packet!.dst.port).toBe(9376); // targetPort "http" is 9376 on the pod
  });

  it('NodePort: DNAT on the node that owns the IP, source masqueraded, reply un-NATed there', () => {
    const a = exec('curl http://192.168.49.3:30080');
    expect(a.exitCode).toBe(0);
    expect(backends(a)).toContain(a.output[0]);
    const dnat = a.steps.find((s) => s.component === 'kube-proxy (iptables DNAT)')!;
    expect(dnat.node).toBe('node-2');
    expect(dnat.action).toMatch(/^DNAT 192\.168\.49\.3:30080 → 10\.244\.\d+\.\d+:9376/);
    const snat = a.steps.find((s) => s.component === 'kube-proxy (iptables SNAT)')!;
    expect(snat.node).toBe('node-2');
    const received = a.steps.find((s) => s.stage === 'request-receive')!;
    expect(received.packet!.src.ip).toBe(snat.packet!.src.ip);
    const back = a.steps.find((s) => s.stage === 'response-receive')!;
    expect(back.packet!.src).toEqual({ ip: '192.168.49.3', port: 30080 });
  });

  it('LoadBalancer IP: kube-proxy translates it on the client’s own node', () => {
    const a = exec('curl http://172.18.255.200');
    const client = a.topology.pods.find((p) => p.name === 'client')!;
    const dnat = a.steps.find((s) => s.component === 'kube-proxy (iptables DNAT)')!;
    expect(dnat.node).toBe(client.node);
    expect(dnat.action).toMatch(/^DNAT 172\.18\.255\.200:80 → /);
    expect(backends(a)).toContain(a.output[0]);
  });

  it('ping to a ClusterIP gets no answer (100% packet loss)', () => {
    const a = exec('ping -c 1 web.shop');
    const svc = a.topology.services.find((s) => s.name === 'web')!;
    expect(a.output).toEqual([
      `PING web.shop (${svc.clusterIP}) 56(84) bytes of data.`,
      '',
      '--- web.shop ping statistics ---',
      '1 packets transmitted, 0 received, 100% packet loss, time 0ms',
    ]);
    expect(a.exitCode).toBe(1);
    expect(a.steps.find((s) => s.outcome === 'dropped')!.result).toMatch(
      /virtual IP: kube-proxy only translates its TCP\/UDP ports/,
    );
    expect(summarizeAction(a).rows.at(-1)!.result).toBe('Communication ends');
  });

  it('nslookup web.shop tries web.shop.shop.svc first (fewer than 5 dots)', () => {
    const a = exec('nslookup web.shop');
    const rounds = summarizeAction(a)
      .rows.filter((r) => r.stage === 'request-receive')
      .map((r) => r.result);
    expect(rounds).toHaveLength(2);
    expect(
      a.steps
        .filter((s) => s.component === 'CoreDNS' && s.stage === 'request-receive')
        .map((s) => s.result),
    ).toEqual([
      'NXDOMAIN',
      `answered: A ${a.topology.services.find((s) => s.name === 'web')!.clusterIP}`,
    ]);
    expect(a.output[3]).toBe('Name:\tweb.shop.svc.cluster.local');
  });

  it('the true/false question about the reply’s source is computed from the trace', () => {
    const a = exec('curl http://web.shop');
    const q = generateQuestions(trace).find(
      (x) => x.id === `a${a.index}-reply-source`,
    ) as TrueFalseQuestion;
    const svc = a.topology.services.find((s) => s.name === 'web')!;
    expect(q.answer).toBe(q.prompt.includes(svc.clusterIP));
  });
});
