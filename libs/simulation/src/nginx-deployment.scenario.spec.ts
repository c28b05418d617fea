import { generateQuestions } from './question.generator.js';
import { actionOf, runBuiltIn } from './scenario.test-helper.js';
import { summarizeAction } from './trace.summarizer.js';
import type { NumericQuestion } from './question.types.js';

const trace = runBuiltIn('nginx-deployment');
const exec = (cmd: string) => actionOf(trace, `kubectl exec tmp-shell -- ${cmd}`);

describe('seed 004: nginx Deployment, pods by IP and by pod DNS name', () => {
  it('creates the seed’s three pods with their names and IPs on one node', () => {
    const pods = actionOf(trace, 'kubectl get pods -o wide');
    expect(pods.output).toEqual([
      'NAME                     READY   STATUS    RESTARTS   AGE   IP            NODE',
      'nginx-6bfd886fb5-fvngf   1/1     Running   0          1m    10.244.2.84   worker-2',
      'nginx-6bfd886fb5-n65xn   1/1     Running   0          1m    10.244.2.82   worker-2',
      'nginx-6bfd886fb5-szz7q   1/1     Running   0          1m    10.244.2.81   worker-2',
    ]);
    const pod = pods.topology.pods.find((p) => p.name === 'nginx-6bfd886fb5-fvngf')!;
    expect(pod.labels).toEqual({ app: 'nginx', 'pod-template-hash': '6bfd886fb5' });
    expect(pod.owner).toBe('nginx-6bfd886fb5');
  });

  it('ping -c1 10.244.2.84 prints the seed’s output shape with ttl=64', () => {
    const ping = exec('ping -c1 10.244.2.84');
    expect(ping.exitCode).toBe(0);
    expect(ping.output).toHaveLength(6);
    expect(ping.output[0]).toBe('PING 10.244.2.84 (10.244.2.84) 56(84) bytes of data.');
    expect(ping.output[1]).toMatch(
      /^64 bytes from 10\.244\.2\.84: icmp_seq=1 ttl=64 time=\d+\.\d{3} ms$/,
    );
    expect(ping.output[2]).toBe('');
    expect(ping.output[3]).toBe('--- 10.244.2.84 ping statistics ---');
    expect(ping.output[4]).toBe('1 packets transmitted, 1 received, 0% packet loss, time 0ms');
    const rtt = /time=(\d+\.\d{3}) ms$/.exec(ping.output[1]!)![1];
    expect(ping.output[5]).toBe(`rtt min/avg/max/mdev = ${rtt}/${rtt}/${rtt}/0.000 ms`);
  });

  it('same node: the bridge switches the echo, no node routes it', () => {
    const ping = exec('ping -c1 10.244.2.84');
    expect(ping.steps.map((s) => s.component)).toEqual([
      'pod',
      'veth',
      'bridge cni0',
      'veth',
      'pod',
      'pod',
      'veth',
      'bridge cni0',
      'veth',
      'pod',
      'pod',
    ]);
    expect(ping.steps.every((s) => s.node === 'worker-2')).toBe(true);
    expect(ping.steps.filter((s) => s.packet).every((s) => s.packet!.ttl === 64)).toBe(true);
    expect(summarizeAction(ping).rows.map((r) => r.action)).toEqual([
      'tmp-shell initiates ICMP echo request',
      'Network plugin routes packet',
      'nginx-6bfd886fb5-fvngf receives request',
      'nginx-6bfd886fb5-fvngf sends ICMP echo reply',
      'Network plugin routes response',
      'tmp-shell receives response',
      'Ping finishes',
    ]);
  });

  it('curl by pod IP returns each pod’s own page, written by its init container', () => {
    expect(exec('curl 10.244.2.84').output).toEqual([
      'Welcome to the home page of host nginx-6bfd886fb5-fvngf!',
    ]);
    expect(exec('curl 10.244.2.82').output).toEqual([
      'Welcome to the home page of host nginx-6bfd886fb5-n65xn!',
    ]);
    expect(summarizeAction(exec('curl 10.244.2.82')).rows[2]!.action).toBe(
      'nginx-6bfd886fb5-n65xn receives request',
    );
  });

  it('a pod name does not resolve', () => {
    const ping = exec('ping -c1 nginx-6bfd886fb5-fvngf');
    expect(ping.output).toEqual(['ping: nginx-6bfd886fb5-fvngf: Name does not resolve']);
    expect(ping.exitCode).toBe(2);
    const queried = ping.steps
      .filter((s) => s.component === 'CoreDNS')
      .map((s) => [s.action, s.result]);
    expect(queried).toEqual([
      ['CoreDNS: nginx-6bfd886fb5-fvngf.default.svc.cluster.local. does not exist', 'NXDOMAIN'],
      ['CoreDNS: nginx-6bfd886fb5-fvngf.svc.cluster.local. does not exist', 'NXDOMAIN'],
      ['CoreDNS: nginx-6bfd886fb5-fvngf.cluster.local. does not exist', 'NXDOMAIN'],
      ['CoreDNS: nginx-6bfd886fb5-fvngf. does not exist', 'NXDOMAIN'],
    ]);
    expect(summarizeAction(ping).rows.map((r) => [r.action, r.result])).toEqual([
      ['tmp-shell looks up nginx-6bfd886fb5-fvngf', 'NXDOMAIN'],
      ['tmp-shell cannot resolve nginx-6bfd886fb5-fvngf', 'Name does not resolve'],
    ]);
  });

  it('the pod A record 10-244-2-84.default.pod.cluster.local resolves (after the search list)', () => {
    const ping = exec('ping -c1 10-244-2-84.default.pod.cluster.local');
    expect(ping.output[0]).toBe(
      'PING 10-244-2-84.default.pod.cluster.local (10.244.2.84) 56(84) bytes of data.',
    );
    expect(ping.output[1]).toMatch(
      /^64 bytes from 10\.244\.2\.84 \(10\.244\.2\.84\): icmp_seq=1 ttl=64 time=/,
    );
    expect(ping.output[3]).toBe('--- 10-244-2-84.default.pod.cluster.local ping statistics ---');
    const answers = ping.steps.filter((s) => s.component === 'CoreDNS').map((s) => s.result);
    expect(answers).toEqual([
      'NXDOMAIN',
      'NXDOMAIN',
      'NXDOMAIN',
      'answered: 10-244-2-84.default.pod.cluster.local. A 10.244.2.84',
    ]);
    expect(exec('curl 10-244-2-84.default.pod.cluster.local').output).toEqual([
      'Welcome to the home page of host nginx-6bfd886fb5-fvngf!',
    ]);
  });

  it('asks for the reply TTL and answers 64', () => {
    const ping = exec('ping -c1 10.244.2.84');
    const q = generateQuestions(trace).find(
      (x) => x.id === `a${ping.index}-reply-ttl`,
    ) as NumericQuestion;
    expect(q.answer).toBe(64);
  });
});
