/**
 * Runs the client tools of `kubectl exec` (curl, wget, ping, nslookup) inside a pod: name lookup
 * through cluster DNS, the request, the server's answer and the reply, recorded as steps with the
 * status tracker and the terminal output the real tool prints.
 */
import { displayName, podId, type Cluster, type PodState } from './cluster.model.js';
import type { ParsedUrl, ToolCommand } from './command.parser.js';
import { answerQuery, isIPLiteral, queryCandidates, type DnsAnswer } from './dns.resolver.js';
import { newConnection, PacketWalker, type Connection, type WalkEnd } from './packet.walker.js';
import type {
  Component,
  FlowInfo,
  PacketHeaders,
  StatusTracker,
  TraceStep,
} from './simulation.types.js';
import { StepBuilder } from './trace.builder.js';
import { httpAnswer } from './workload.behaviour.js';

/** What one exec produced. */
export interface ExecResult {
  steps: TraceStep[];
  tracker: StatusTracker;
  output: string[];
  exitCode: number;
  flow?: FlowInfo;
  /** Whether an injected `fault drop-at` was used up by this command. */
  faultFired: boolean;
}

/** Tracked variables of an exec, in the order shown. */
export const REQUEST_STATUS = 'Request Status';
export const RESPONSE_STATUS = 'Response Status';

const CNI_LEGS: ReadonlySet<Component> = new Set<Component>([
  'veth',
  'bridge cni0',
  'CNI overlay (VXLAN)',
  'node routing',
]);

type Lookup =
  | { ok: true; ip: string; answer?: DnsAnswer }
  | { ok: false; error: 'nxdomain' | 'timeout'; step?: TraceStep };

/** Runs one tool in `client`. `dropAtRow` injects a network plugin failure at that summary step. */
export function runExec(
  cluster: Cluster,
  client: PodState,
  command: ToolCommand,
  dropAtRow?: number,
): ExecResult {
  const runner = new ExecRunner(cluster, client, dropAtRow);
  const { output, exitCode } = runner.run(command);
  return {
    steps: runner.b.steps,
    tracker: runner.b.tracker(),
    output,
    exitCode,
    flow: runner.flow,
    faultFired: runner.b.faultFired,
  };
}

class ExecRunner {
  readonly b: StepBuilder;
  readonly walker: PacketWalker;
  flow?: FlowInfo;
  private readonly A: string;

  constructor(
    private readonly cluster: Cluster,
    private readonly client: PodState,
    dropAtRow?: number,
  ) {
    this.b = new StepBuilder(dropAtRow);
    this.walker = new PacketWalker(cluster, this.b);
    this.A = displayName(client);
    this.b.declare(REQUEST_STATUS, 'Not sent');
    this.b.declare(RESPONSE_STATUS, 'Not sent');
    this.b.declare('Resolved address', '-');
    this.b.declare('Destination after DNAT', '-');
    this.b.declare('Conntrack entry', 'none');
  }

  run(command: ToolCommand): { output: string[]; exitCode: number } {
    switch (command.tool) {
      case 'curl':
      case 'wget':
        return this.http(command);
      case 'ping':
        return this.ping(command.host, command.count);
      case 'nslookup':
        return this.nslookup(command.name);
    }
  }

  private ephemeralPort(): number {
    return 32768 + Math.floor(this.cluster.random() * (60999 - 32768));
  }

  private podStep(
    pod: PodState,
    action: string,
    role: string,
    packet: PacketHeaders | undefined,
    result: string,
    outcome: TraceStep['outcome'],
    sets?: Record<string, string>,
    component: Component = 'pod',
  ): TraceStep {
    const self = { name: pod.name, namespace: pod.namespace, ip: pod.ip };
    return this.b.emit(
      {
        action,
        component,
        node: pod.node,
        at: podId(pod),
        source: packet ? this.walker.end(packet.src) : self,
        destination: packet ? this.walker.end(packet.dst) : self,
        packet: packet ? structuredClone(packet) : undefined,
        role,
        result,
        outcome,
      },
      sets,
    );
  }

  private setFlow(kind: FlowInfo['kind'], server: PodState | string): void {
    this.flow = {
      kind,
      client: { name: this.client.name, displayName: this.A },
      server:
        typeof server === 'string'
          ? { name: server, displayName: server }
          : { name: server.name, displayName: displayName(server) },
    };
  }

  // ------------------------------------------------------------------ DNS

  /** The stub resolver's lookup as part of another command: queries shown, CNI legs folded. */
  private lookup(host: string): Lookup {
    if (isIPLiteral(host)) return { ok: true, ip: host };
    const domain = this.cluster.spec.domain;
    const port = this.ephemeralPort();
    const conn = newConnection();
    let dnsPod: PodState | undefined;
    const candidates = queryCandidates(host, this.client.namespace, domain);
    for (let k = 0; k < candidates.length; k++) {
      const q = candidates[k]!;
      const packet: PacketHeaders = {
        protocol: 'UDP',
        src: { ip: this.client.ip, port },
        dst: { ip: this.cluster.spec.dnsIP, port: 53 },
        ttl: 64,
        payload: `DNS A? ${q}`,
      };
      this.podStep(
        this.client,
        `${this.A} asks cluster DNS for ${q}`,
        k === 0
          ? `The resolver reads /etc/resolv.conf (nameserver ${this.cluster.spec.dnsIP}, search ${this.client.namespace}.svc.${domain} svc.${domain} ${domain}, ndots:5) and asks the kube-dns Service.`
          : 'The previous name did not exist, so the resolver tries the next name of its search list.',
        packet,
        'sent',
        'sent',
      );
      if (k === 0) {
        this.b.quietComponents = CNI_LEGS;
        const end = this.walker.fromPod(this.client, packet, conn, 'request', {
          send: this.b.stage,
          route: this.b.stage,
        });
        this.b.quietComponents = new Set();
        if (end.kind !== 'pod')
          return { ok: false, error: 'timeout', step: end.kind === 'host' ? undefined : end.step };
        dnsPod = end.pod;
      }
      const server = dnsPod!;
      if (!this.cluster.dnsUp) {
        const step = this.podStep(
          server,
          'CoreDNS does not answer',
          'CoreDNS is down (fault dns-down): the query gets no answer and the resolver gives up after its retries.',
          packet,
          'dropped: CoreDNS is not answering',
          'dropped',
          undefined,
          'CoreDNS',
        );
        return { ok: false, error: 'timeout', step };
      }
      const answer = answerQuery(this.cluster, q);
      const found = answer.rcode === 'NOERROR';
      this.podStep(
        server,
        found ? `CoreDNS answers ${q}` : `CoreDNS: ${q} does not exist`,
        `CoreDNS's kubernetes plugin answers from the API's Services and pods: ${answer.why}.`,
        packet,
        found ? `answered: ${q} A ${answer.addresses.join(', ')}` : 'NXDOMAIN',
        found ? 'answered' : 'nxdomain',
        undefined,
        'CoreDNS',
      );
      if (found) {
        const reply: PacketHeaders = {
          protocol: 'UDP',
          src: { ip: server.ip, port: 53 },
          dst: { ip: this.client.ip, port },
          ttl: 64,
          payload: `DNS ${q} A ${answer.addresses.join(', ')}`,
        };
        this.b.quietComponents = CNI_LEGS;
        const back = this.walker.fromPod(server, reply, conn, 'response', {
          send: this.b.stage,
          route: this.b.stage,
        });
        this.b.quietComponents = new Set();
        if (back.kind !== 'pod')
          return {
            ok: false,
            error: 'timeout',
            step: back.kind === 'host' ? undefined : back.step,
          };
        this.b.setAfterLast({ 'Resolved address': answer.addresses[0]! });
        return { ok: true, ip: answer.addresses[0]!, answer };
      }
    }
    return { ok: false, error: 'nxdomain' };
  }

  private lookupFailed(host: string, error: 'nxdomain' | 'timeout'): void {
    this.b.stage = 'lookup-failed';
    this.podStep(
      this.client,
      `${this.A} cannot resolve ${host}`,
      error === 'nxdomain'
        ? 'Every name of the search list came back NXDOMAIN: no Service or pod record has this name (a bare pod name is not a DNS name).'
        : 'No DNS answer came back, so the resolver gives up.',
      undefined,
      error === 'nxdomain' ? 'Name does not resolve' : 'DNS lookup timed out',
      error === 'nxdomain' ? 'nxdomain' : 'timeout',
      { [REQUEST_STATUS]: 'Not sent (name does not resolve)', [RESPONSE_STATUS]: 'N/A' },
    );
  }

  // ------------------------------------------------------------------ shared exchange

  /** Sends a request from the client and follows it to the server; returns where it ended. */
  private sendRequest(
    packet: PacketHeaders,
    conn: Connection,
    action: string,
    role: string,
  ): WalkEnd {
    this.b.stage = 'initiate';
    this.podStep(this.client, action, role, packet, 'sent', 'sent', {
      [REQUEST_STATUS]: 'Sent',
      [RESPONSE_STATUS]: 'N/A',
    });
    return this.walker.fromPod(this.client, packet, conn, 'request', {
      send: 'initiate',
      route: 'request-route',
    });
  }

  /** The client gives up. `responseLost`: the request arrived, the answer did not. */
  private timeout(reason: string, responseLost = false): void {
    this.b.stage = 'timeout';
    this.podStep(
      this.client,
      `${this.A} waits for a response that never comes`,
      'The packet was lost on the way, so the client waits until its timeout.',
      undefined,
      `timeout: ${reason}`,
      'timeout',
      responseLost
        ? { [RESPONSE_STATUS]: 'Lost' }
        : {
            [REQUEST_STATUS]: 'Lost',
            [RESPONSE_STATUS]: 'N/A',
          },
    );
  }

  private refusedStep(reason: string): void {
    this.b.stage = 'refused';
    this.podStep(
      this.client,
      `${this.A}'s connection is refused`,
      'The client gets a TCP reset or ICMP port-unreachable instead of an answer.',
      undefined,
      `refused: ${reason}`,
      'refused',
      {
        [REQUEST_STATUS]: 'Refused',
        [RESPONSE_STATUS]: 'N/A',
      },
    );
  }

  private serverName(end: WalkEnd, conn: Connection, ip: string): PodState | string {
    if (end.kind === 'pod') return end.pod;
    if (conn.endpoint) return conn.endpoint;
    return this.cluster.podByIP(ip) ?? ip;
  }

  // ------------------------------------------------------------------ curl / wget

  private http(cmd: Extract<ToolCommand, { tool: 'curl' | 'wget' }>): {
    output: string[];
    exitCode: number;
  } {
    const url: ParsedUrl = cmd.url;
    const curl = cmd.tool === 'curl';
    const silent = curl && cmd.silent;
    const err = (line: string): string[] => (silent ? [] : [line]);
    this.setFlow('http', url.host);
    const found = this.lookup(url.host);
    if (!found.ok) {
      this.lookupFailed(url.host, found.error);
      return curl
        ? { output: err(`curl: (6) Could not resolve host: ${url.host}`), exitCode: 6 }
        : { output: [`wget: bad address '${url.host}'`], exitCode: 1 };
    }
    const ip = found.ip;
    const conn = newConnection();
    const packet: PacketHeaders = {
      protocol: 'TCP',
      src: { ip: this.client.ip, port: this.ephemeralPort() },
      dst: { ip, port: url.port },
      ttl: 64,
      payload: `HTTP GET ${url.path} (Host: ${url.host})`,
    };
    const end = this.sendRequest(
      packet,
      conn,
      `${this.A} sends HTTP GET ${url.path} to ${ip}:${url.port}`,
      `${cmd.tool} opens a TCP connection to ${ip}:${url.port} and writes the HTTP request into it.`,
    );
    this.setFlow('http', this.serverName(end, conn, ip));
    const timeoutSeconds = cmd.timeoutSeconds;
    const timedOut = (): { output: string[]; exitCode: number } => {
      if (!curl) return { output: ['wget: download timed out'], exitCode: 1 };
      const ms = timeoutSeconds === undefined ? 130000 : timeoutSeconds * 1000 + 2;
      return {
        output: err(
          `curl: (28) Failed to connect to ${url.host} port ${url.port} after ${ms} ms: Timeout was reached`,
        ),
        exitCode: 28,
      };
    };
    const refused = (): { output: string[]; exitCode: number } =>
      curl
        ? {
            output: err(
              `curl: (7) Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`,
            ),
            exitCode: 7,
          }
        : {
            output: [`wget: can't connect to remote host (${ip}): Connection refused`],
            exitCode: 1,
          };
    if (end.kind === 'dropped') {
      this.timeout(end.step.result.replace(/^dropped: /, ''));
      return timedOut();
    }
    if (end.kind === 'refused') {
      this.refusedStep(end.step.result.replace(/^refused: /, ''));
      return refused();
    }
    if (end.kind === 'host') {
      this.refusedStep(`nothing listens on ${end.node.spec.name} port ${url.port}`);
      return refused();
    }
    const server = end.pod;
    const B = displayName(server);
    const port = end.packet.dst.port!;
    this.b.stage = 'request-receive';
    if (!server.ports.some((p) => p.port === port && p.protocol === 'TCP')) {
      this.podStep(
        server,
        `${B} has nothing listening on port ${port}`,
        `No container in ${server.name} listens on TCP ${port}, so its kernel answers with a TCP reset.`,
        end.packet,
        'refused: TCP RST',
        'refused',
        { [REQUEST_STATUS]: 'Refused' },
      );
      this.refusedStep(`${server.name} does not listen on port ${port}`);
      return refused();
    }
    const answer = httpAnswer(server.spec, server.files, server.name, port, url.path);
    if (!answer) {
      this.podStep(
        server,
        `${B} does not speak HTTP on port ${port}`,
        'The process on that port closes the connection without an HTTP answer.',
        end.packet,
        'refused: connection reset',
        'refused',
        { [REQUEST_STATUS]: 'Reset' },
      );
      return curl
        ? { output: err('curl: (56) Recv failure: Connection reset by peer'), exitCode: 56 }
        : { output: ['wget: error getting response: Connection reset by peer'], exitCode: 1 };
    }
    this.podStep(
      server,
      `${B} receives the request`,
      `${answer.server === 'generic' ? 'The server' : answer.server} in ${server.name} reads GET ${url.path} and prepares ${answer.status} ${answer.reason}.`,
      end.packet,
      `processed: ${answer.status} ${answer.reason}`,
      'processed',
      { [REQUEST_STATUS]: `Received by ${B}`, [RESPONSE_STATUS]: 'Not sent' },
    );
    const bytes = new TextEncoder().encode(answer.body).length;
    const reply: PacketHeaders = {
      protocol: 'TCP',
      src: { ...end.packet.dst },
      dst: { ...end.packet.src },
      ttl: 64,
      payload: `HTTP/1.1 ${answer.status} ${answer.reason} (${bytes} bytes)`,
    };
    const back = this.sendResponse(
      server,
      reply,
      conn,
      `${B} sends HTTP response`,
      `${server.name} writes the HTTP response back to the address the request came from.`,
    );
    if (back.kind !== 'pod') {
      this.timeout('the response was lost', true);
      return timedOut();
    }
    this.b.stage = 'response-receive';
    this.podStep(
      this.client,
      `${this.A} receives response`,
      `${cmd.tool} reads the response from ${back.packet.src.ip}:${back.packet.src.port}, the address it called.`,
      back.packet,
      `received: HTTP ${answer.status} ${answer.reason}`,
      'received',
      {
        [REQUEST_STATUS]: `Response received by ${this.A}`,
      },
    );
    this.b.stage = 'close';
    this.podStep(
      this.client,
      'Connection closed',
      'Client and server exchange FIN/ACK; conntrack keeps the entry in TIME_WAIT for a while, then forgets it.',
      undefined,
      'closed',
      'closed',
      {
        [REQUEST_STATUS]: 'Closed',
        [RESPONSE_STATUS]: 'Received',
        'Conntrack entry': conn.nat.length > 0 ? 'TIME_WAIT (expires)' : 'none',
      },
    );
    const body = answer.body.replace(/\r/g, '').replace(/\n$/, '').split('\n');
    if (curl) return { output: body, exitCode: 0 };
    if (answer.status >= 400)
      return {
        output: [`wget: server returned error: HTTP/1.1 ${answer.status} ${answer.reason}`],
        exitCode: 1,
      };
    if (cmd.quiet) return { output: body, exitCode: 0 };
    return {
      output: [
        `Connecting to ${url.host} (${ip}:${url.port})`,
        'writing to stdout',
        ...body,
        'written to stdout',
      ],
      exitCode: 0,
    };
  }

  private sendResponse(
    server: PodState,
    reply: PacketHeaders,
    conn: Connection,
    action: string,
    role: string,
    component: Component = 'pod',
  ): WalkEnd {
    this.b.stage = 'response-send';
    this.podStep(
      server,
      action,
      role,
      reply,
      'sent',
      'sent',
      { [RESPONSE_STATUS]: `Sent by ${displayName(server)}` },
      component,
    );
    return this.walker.fromPod(server, reply, conn, 'response', {
      send: 'response-send',
      route: 'response-route',
    });
  }

  // ------------------------------------------------------------------ ping

  private ping(host: string, count: number): { output: string[]; exitCode: number } {
    this.setFlow('icmp', host);
    const found = this.lookup(host);
    if (!found.ok) {
      this.lookupFailed(host, found.error);
      return {
        output: [
          `ping: ${host}: ${found.error === 'nxdomain' ? 'Name does not resolve' : 'Try again'}`,
        ],
        exitCode: 2,
      };
    }
    const ip = found.ip;
    const byName = host !== ip;
    const output = [`PING ${host} (${ip}) 56(84) bytes of data.`];
    const rtts: number[] = [];
    for (let seq = 1; seq <= count; seq++) {
      this.b.round = seq;
      const conn = newConnection();
      const packet: PacketHeaders = {
        protocol: 'ICMP',
        src: { ip: this.client.ip },
        dst: { ip },
        ttl: 64,
        payload: `ICMP echo request seq=${seq}`,
      };
      const end = this.sendRequest(
        packet,
        conn,
        `${this.A} sends ICMP echo request (seq ${seq})`,
        `ping sends an ICMP echo request to ${ip}; ICMP has no ports, so only addresses matter.`,
      );
      if (seq === 1) this.setFlow('icmp', this.serverName(end, conn, ip));
      if (end.kind === 'dropped' || end.kind === 'refused') {
        this.timeout(`no echo reply for icmp_seq=${seq}`);
        continue;
      }
      let back: WalkEnd;
      if (end.kind === 'pod') {
        const B = displayName(end.pod);
        this.b.stage = 'request-receive';
        this.podStep(
          end.pod,
          `${B} receives the echo request`,
          `${end.pod.name}'s kernel answers ICMP echo itself; no container process is involved.`,
          end.packet,
          'processed: echo reply prepared',
          'processed',
          {
            [REQUEST_STATUS]: `Received by ${B}`,
            [RESPONSE_STATUS]: 'Not sent',
          },
        );
        const reply: PacketHeaders = {
          protocol: 'ICMP',
          src: { ip: end.packet.dst.ip },
          dst: { ip: end.packet.src.ip },
          ttl: 64,
          payload: `ICMP echo reply seq=${seq}`,
        };
        back = this.sendResponse(
          end.pod,
          reply,
          conn,
          `${B} sends ICMP echo reply`,
          `${end.pod.name} sends the echo reply back to ${reply.dst.ip} with TTL 64.`,
        );
      } else {
        const node = end.node;
        const name = node.spec.name;
        const hostStep = (
          action: string,
          role: string,
          packet: PacketHeaders,
          result: string,
          outcome: TraceStep['outcome'],
          sets: Record<string, string>,
        ): void => {
          this.b.emit(
            {
              action,
              component: 'node routing',
              node: name,
              at: `node/${name}`,
              source: this.walker.end(packet.src),
              destination: this.walker.end(packet.dst),
              packet: structuredClone(packet),
              role,
              result,
              outcome,
            },
            sets,
          );
        };
        this.b.stage = 'request-receive';
        hostStep(
          `${name} receives the echo request`,
          `${end.packet.dst.ip} is ${name}'s own address; its kernel answers ICMP echo.`,
          end.packet,
          'processed: echo reply prepared',
          'processed',
          {
            [REQUEST_STATUS]: `Received by ${name}`,
            [RESPONSE_STATUS]: 'Not sent',
          },
        );
        this.b.stage = 'response-send';
        const reply: PacketHeaders = {
          protocol: 'ICMP',
          src: { ip: end.packet.dst.ip },
          dst: { ip: end.packet.src.ip },
          ttl: 64,
          payload: `ICMP echo reply seq=${seq}`,
        };
        hostStep(
          `${name} sends ICMP echo reply`,
          `${name} sends the echo reply back to ${reply.dst.ip} with TTL 64.`,
          reply,
          'sent',
          'sent',
          { [RESPONSE_STATUS]: `Sent by ${name}` },
        );
        back = this.walker.fromHost(node, reply, conn, {
          send: 'response-send',
          route: 'response-route',
        });
      }
      if (back.kind !== 'pod') {
        this.timeout(`echo reply for icmp_seq=${seq} lost`, true);
        continue;
      }
      const ttl = back.packet.ttl;
      const rtt = this.rtt(back);
      rtts.push(rtt);
      this.b.stage = 'response-receive';
      this.podStep(
        this.client,
        `${this.A} receives echo reply (ttl=${ttl})`,
        `The reply arrives with TTL ${ttl}: 64 minus one for every router (node) on the way back.`,
        back.packet,
        `received: icmp_seq=${seq} ttl=${ttl}`,
        'received',
        {
          [REQUEST_STATUS]: `Response received by ${this.A}`,
        },
      );
      output.push(
        `64 bytes from ${byName ? `${back.packet.src.ip} (${back.packet.src.ip})` : back.packet.src.ip}: icmp_seq=${seq} ttl=${ttl} time=${rtt.toFixed(3)} ms`,
      );
    }
    this.b.stage = 'close';
    this.podStep(
      this.client,
      'Ping finishes',
      'ping stops after -c packets and prints its statistics.',
      undefined,
      'closed',
      'closed',
      {
        [REQUEST_STATUS]: 'Closed',
        [RESPONSE_STATUS]: rtts.length > 0 ? 'Received' : 'Not received',
      },
    );
    const loss = Math.round(((count - rtts.length) / count) * 100);
    output.push(
      '',
      `--- ${host} ping statistics ---`,
      `${count} packets transmitted, ${rtts.length} received, ${loss}% packet loss, time ${(count - 1) * 1000 + (count > 1 ? count - 1 : 0)}ms`,
    );
    if (rtts.length > 0) {
      const min = Math.min(...rtts);
      const max = Math.max(...rtts);
      const avg = rtts.reduce((a, b) => a + b, 0) / rtts.length;
      const mdev = Math.sqrt(rtts.reduce((a, b) => a + b * b, 0) / rtts.length - avg * avg) || 0;
      output.push(
        `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms`,
      );
    }
    return { output, exitCode: rtts.length > 0 ? 0 : 1 };
  }

  /** A round-trip time that grows with the hops travelled, with seeded jitter. */
  private rtt(back: Extract<WalkEnd, { kind: 'pod' }>): number {
    const crossNode = back.packet.ttl < 64 ? 64 - back.packet.ttl : 0;
    const base = 0.06 + crossNode * 0.25;
    return Math.round((base + this.cluster.random() * 0.5) * 1000) / 1000;
  }

  // ------------------------------------------------------------------ nslookup

  private nslookup(name: string): { output: string[]; exitCode: number } {
    const dnsIP = this.cluster.spec.dnsIP;
    const header = [`Server:\t\t${dnsIP}`, `Address:\t${dnsIP}#53`, ''];
    this.setFlow('dns', 'kube-dns');
    if (isIPLiteral(name)) {
      return {
        output: [
          ...header,
          `** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN`,
          '',
        ],
        exitCode: 1,
      };
    }
    const candidates = queryCandidates(name, this.client.namespace, this.cluster.spec.domain);
    for (let k = 0; k < candidates.length; k++) {
      const q = candidates[k]!;
      this.b.round = k + 1;
      // nslookup sends each query from a fresh source port, so each is a new conntrack flow.
      const conn = newConnection();
      const packet: PacketHeaders = {
        protocol: 'UDP',
        src: { ip: this.client.ip, port: this.ephemeralPort() },
        dst: { ip: dnsIP, port: 53 },
        ttl: 64,
        payload: `DNS A? ${q}`,
      };
      const end = this.sendRequest(
        packet,
        conn,
        `${this.A} sends DNS query A? ${q}`,
        k === 0
          ? `nslookup asks the nameserver from /etc/resolv.conf (${dnsIP}, the kube-dns Service); with fewer than 5 dots the search list is tried first.`
          : 'The previous name did not exist, so nslookup tries the next name of the search list.',
      );
      if (end.kind !== 'pod') {
        if (end.kind === 'host') this.timeout('no DNS server answered');
        else this.timeout(end.step.result.replace(/^(dropped|refused): /, ''));
        return {
          output: [';; connection timed out; no servers could be reached', ''],
          exitCode: 1,
        };
      }
      const server = end.pod;
      if (k === 0) this.setFlow('dns', server);
      this.b.stage = 'request-receive';
      if (!this.cluster.dnsUp) {
        this.podStep(
          server,
          'CoreDNS does not answer',
          'CoreDNS is down (fault dns-down).',
          end.packet,
          'dropped: CoreDNS is not answering',
          'dropped',
          undefined,
          'CoreDNS',
        );
        this.timeout('CoreDNS did not answer');
        return {
          output: [';; connection timed out; no servers could be reached', ''],
          exitCode: 1,
        };
      }
      const answer = answerQuery(this.cluster, q);
      const found = answer.rcode === 'NOERROR';
      this.podStep(
        server,
        found ? `CoreDNS answers ${q}` : `CoreDNS: ${q} does not exist`,
        `CoreDNS's kubernetes plugin: ${answer.why}.`,
        end.packet,
        found ? `answered: A ${answer.addresses.join(', ')}` : 'NXDOMAIN',
        found ? 'answered' : 'nxdomain',
        {
          [REQUEST_STATUS]: `Received by ${displayName(server)}`,
          [RESPONSE_STATUS]: 'Not sent',
        },
        'CoreDNS',
      );
      const reply: PacketHeaders = {
        protocol: 'UDP',
        src: { ...end.packet.dst },
        dst: { ...end.packet.src },
        ttl: 64,
        payload: found ? `DNS ${q} A ${answer.addresses.join(', ')}` : `DNS ${q} NXDOMAIN`,
      };
      const back = this.sendResponse(
        server,
        reply,
        conn,
        found ? 'CoreDNS sends the answer' : 'CoreDNS sends NXDOMAIN',
        'CoreDNS replies to the address and port the query came from.',
        'CoreDNS',
      );
      if (back.kind !== 'pod') {
        this.timeout('the DNS answer was lost', true);
        return {
          output: [';; connection timed out; no servers could be reached', ''],
          exitCode: 1,
        };
      }
      this.b.stage = 'response-receive';
      this.podStep(
        this.client,
        `${this.A} receives the DNS answer`,
        `The answer comes from ${back.packet.src.ip}:53, the address nslookup asked.`,
        back.packet,
        found ? `received: ${answer.addresses.join(', ')}` : 'received: NXDOMAIN',
        'received',
        {
          [REQUEST_STATUS]: `Response received by ${this.A}`,
          ...(found ? { 'Resolved address': answer.addresses[0]! } : {}),
        },
      );
      if (found) {
        this.b.stage = 'close';
        this.podStep(
          this.client,
          'Lookup complete',
          'nslookup prints the answer and exits.',
          undefined,
          'closed',
          'closed',
          { [REQUEST_STATUS]: 'Closed', [RESPONSE_STATUS]: 'Received' },
        );
        const fq = q.slice(0, -1);
        return {
          output: [
            ...header,
            ...answer.addresses.flatMap((a) => [`Name:\t${fq}`, `Address: ${a}`]),
            '',
          ],
          exitCode: 0,
        };
      }
    }
    this.b.stage = 'close';
    this.podStep(
      this.client,
      'Lookup complete',
      'Every name of the search list was NXDOMAIN.',
      undefined,
      'closed',
      'closed',
      { [REQUEST_STATUS]: 'Closed', [RESPONSE_STATUS]: 'Received' },
    );
    return { output: [...header, `** server can't find ${name}: NXDOMAIN`, ''], exitCode: 1 };
  }
}
