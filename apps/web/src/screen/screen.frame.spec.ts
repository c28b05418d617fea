import type { StepView, TopologyView } from '@podroom/contracts';
import { layoutTopology } from '../projector/topology.layout.js';
import { packetOf, packetPathOf, packetStateOf, topologyOf, trackerOf } from './screen.frame.js';

const view: TopologyView = {
  nodes: [
    { id: 'node/node-1', name: 'node-1', ip: '192.168.1.10' },
    { id: 'node/node-2', name: 'node-2', ip: '192.168.1.11' },
  ],
  pods: [
    {
      id: 'pod/default/pod-a',
      name: 'Pod A',
      namespace: 'default',
      node: 'node-1',
      ip: '10.244.1.2',
    },
    {
      id: 'pod/default/pod-b',
      name: 'Pod B',
      namespace: 'default',
      node: 'node-2',
      ip: '10.244.2.2',
    },
  ],
  services: [
    { id: 'service/default/web', name: 'web', namespace: 'default', clusterIP: '10.96.0.20' },
  ],
  components: [
    { id: 'underlay', name: 'node network (underlay)' },
    { id: 'bridge/node-1', name: 'bridge cni0', node: 'node-1' },
    { id: 'bridge/node-2', name: 'bridge cni0', node: 'node-2' },
    { id: 'vxlan/node-1', name: 'VXLAN flannel.1', node: 'node-1' },
    { id: 'vxlan/node-2', name: 'VXLAN flannel.1', node: 'node-2' },
    { id: 'veth/default/pod-a', name: 'veth of Pod A', node: 'node-1' },
    { id: 'veth/default/pod-b', name: 'veth of Pod B', node: 'node-2' },
  ],
};

const step = (index: number, over: Partial<StepView> = {}): StepView => ({
  index,
  total: 8,
  detail: 'summary',
  action: { index: 2, command: 'kubectl exec pod-a -- curl pod-b' },
  row: {
    step: index + 1,
    action: 'send',
    source: 'Pod A',
    destination: 'Pod B',
    role: 'r',
    result: 'forwarded',
  },
  tracker: [
    { name: 'Request Status', value: index === 0 ? 'sent' : 'in flight' },
    { name: 'Hops', value: String(index) },
  ],
  topology: view,
  packetAt: index === 0 ? 'pod/default/pod-a' : 'bridge/node-1',
  output: [],
  ...over,
});

describe("the room's step on the projector", () => {
  it("rebuilds a drawable topology from the room's thin one: every element id gets an anchor", () => {
    const topology = topologyOf(view);
    expect(topology.cni).toBe('bridge+vxlan');
    expect(topology.pods.map((p) => [p.displayName, p.veth, p.name])).toEqual([
      ['Pod A', 'veth/default/pod-a', 'pod-a'],
      ['Pod B', 'veth/default/pod-b', 'pod-b'],
    ]);
    const layout = layoutTopology(topology);
    for (const id of [
      ...view.components.map((c) => c.id),
      ...view.pods.map((p) => p.id),
      ...view.nodes.map((n) => n.id),
      ...view.services.map((s) => s.id),
    ]) {
      expect(layout.anchors[id]).toBeDefined();
    }
  });

  it('draws no overlay without VXLAN devices', () => {
    const routed = topologyOf({
      ...view,
      components: view.components.filter((c) => !c.id.startsWith('vxlan/')),
    });
    expect(routed.cni).toBe('routed');
    expect(routed.nodes.every((n) => n.overlay === undefined)).toBe(true);
  });

  it('marks what the step changed, only against the step just before in the same command', () => {
    expect(trackerOf(step(1), step(0)).map((t) => t.changed)).toEqual([true, true]);
    expect(trackerOf(step(1), undefined).map((t) => t.changed)).toEqual([false, false]);
    expect(trackerOf(step(3), step(1)).map((t) => t.changed)).toEqual([false, false]);
    const otherCommand = step(0, { action: { index: 1, command: 'x' } });
    expect(trackerOf(step(1), otherCommand).some((t) => t.changed)).toBe(false);
  });

  it('moves the packet from where it was a step ago', () => {
    expect(packetPathOf(step(1), step(0))).toEqual(['pod/default/pod-a', 'bridge/node-1']);
    expect(packetPathOf(step(1), undefined)).toEqual(['bridge/node-1']);
    expect(packetPathOf(step(1, { packetAt: null }), step(0))).toEqual([]);
  });

  it('shows a dropped packet when the row says so', () => {
    expect(packetStateOf(step(1))).toBe('moving');
    expect(packetStateOf(step(1, { packetAt: null }))).toBe('none');
    const dropped = step(1, { row: { ...step(1).row, result: 'Packet dropped by NetworkPolicy' } });
    expect(packetStateOf(dropped)).toBe('dropped');
  });

  it("takes the server's drop flag over the row's words, and gives the packet card its headers", () => {
    const said = step(1, { row: { ...step(1).row, result: 'Packet dropped by NetworkPolicy' } });
    expect(packetStateOf({ ...said, dropped: false })).toBe('moving');
    expect(packetStateOf({ ...step(1), dropped: true })).toBe('dropped');
    expect(packetOf(step(1))).toBeUndefined();
    const outer = {
      protocol: 'UDP',
      src: { ip: '192.168.1.10' },
      dst: { ip: '192.168.1.11' },
      vni: 1,
    };
    const packet = {
      protocol: 'TCP',
      src: { ip: '10.244.0.4', port: 44166 },
      dst: { ip: '10.244.1.2', port: 80 },
      ttl: 63,
      payload: 'HTTP GET /',
      outer,
    };
    expect(packetOf({ ...step(1), packet })).toEqual({
      ...packet,
      outer: { ...outer, protocol: 'UDP' },
    });
  });

  it("fills the diagram's labels from the room's topology when the server sends them", () => {
    const rich = topologyOf({
      ...view,
      nodes: view.nodes.map((n, i) => ({
        ...n,
        podCIDR: `10.244.${i}.0/24`,
        bridgeIp: `10.244.${i}.1`,
        vni: 1,
        cniUp: i === 0,
      })),
      services: view.services.map((s) => ({
        ...s,
        type: 'NodePort' as const,
        ports: [{ port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 }],
        endpoints: [{ pod: 'pod/default/pod-b', ip: '10.244.1.2' }],
      })),
    });
    expect(rich.nodes.map((n) => [n.podCIDR, n.bridge.ip, n.overlay?.vni, n.cniUp])).toEqual([
      ['10.244.0.0/24', '10.244.0.1', 1, true],
      ['10.244.1.0/24', '10.244.1.1', 1, false],
    ]);
    expect(rich.services[0]).toMatchObject({
      type: 'NodePort',
      ports: [{ port: 80, targetPort: 'http', protocol: 'TCP', nodePort: 30080 }],
      endpoints: [{ pod: 'pod/default/pod-b', ip: '10.244.1.2' }],
    });
  });
});
