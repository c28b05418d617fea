import type { TopologyView } from '@podroom/contracts';
import { hotspotGroups } from './hotspot.groups.js';

const topology: TopologyView = {
  nodes: [
    { id: 'node/node-1', name: 'node-1', ip: '192.168.49.2' },
    { id: 'node/node-2', name: 'node-2', ip: '192.168.49.3' },
  ],
  pods: [
    {
      id: 'pod/default/pod-a',
      name: 'Pod A',
      namespace: 'default',
      node: 'node-1',
      ip: '10.244.0.2',
    },
  ],
  services: [{ id: 'svc/default/web', name: 'web', namespace: 'default', clusterIP: '10.96.0.10' }],
  components: [
    { id: 'underlay', name: 'node network (underlay)' },
    { id: 'bridge/node-1', name: 'bridge cni0', node: 'node-1' },
    { id: 'vxlan/node-2', name: 'VXLAN flannel.1', node: 'node-2' },
  ],
};

describe('hotspotGroups', () => {
  it('puts each option on its node, the node itself as the group head, the rest apart', () => {
    const options = [
      { id: 'node/node-1', text: 'node node-1' },
      { id: 'bridge/node-1', text: 'bridge on node-1' },
      { id: 'vxlan/node-2', text: 'VXLAN on node-2' },
      { id: 'pod/default/pod-a', text: 'pod Pod A' },
      { id: 'svc/default/web', text: 'Service web' },
      { id: 'mystery', text: 'something else' },
    ];
    const groups = hotspotGroups(options, topology);
    expect(groups.map((g) => [g.node, g.self?.id ?? null, g.parts.map((p) => p.id)])).toEqual([
      ['node-1', 'node/node-1', ['bridge/node-1', 'pod/default/pod-a']],
      ['node-2', null, ['vxlan/node-2']],
      [null, null, ['svc/default/web', 'mystery']],
    ]);
    // Every option is offered exactly once.
    const offered = groups.flatMap((g) => [...(g.self ? [g.self] : []), ...g.parts]);
    expect(offered.map((o) => o.id).sort()).toEqual(options.map((o) => o.id).sort());
  });
});
