import { builtInScenario, builtInScenarios, run } from '@podroom/simulation';
import { layoutTopology, packetRoute, type Box } from './topology.layout.js';

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('topology layout', () => {
  it.each(builtInScenarios().map((s) => s.name))(
    '%s: every element a step can be at has a place on the drawing',
    (name) => {
      const trace = run(builtInScenario(name)!);
      for (const action of trace.actions) {
        const layout = layoutTopology(action.topology);
        for (const step of action.steps) {
          expect({ step: step.index, at: step.at, anchor: layout.anchors[step.at] }).toEqual({
            step: step.index,
            at: step.at,
            anchor: expect.objectContaining({ x: expect.any(Number), y: expect.any(Number) }),
          });
        }
      }
    },
  );

  it.each(builtInScenarios().map((s) => s.name))(
    '%s: nothing overlaps and everything fits the drawing',
    (name) => {
      const trace = run(builtInScenario(name)!);
      const layout = layoutTopology(trace.actions.at(-1)!.topology);
      const boxes = [...layout.nodes.map((n) => n.box), ...layout.services.map((s) => s.box)];
      for (const [i, a] of boxes.entries()) {
        expect(a.x).toBeGreaterThanOrEqual(0);
        expect(a.x + a.w).toBeLessThanOrEqual(layout.width);
        expect(a.y + a.h).toBeLessThanOrEqual(layout.height);
        for (const b of boxes.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
      }
      for (const node of layout.nodes) {
        const inner = [
          ...node.pods.map((p) => p.box),
          node.bridge.box,
          node.host.box,
          ...(node.overlay ? [node.overlay.box] : []),
        ];
        for (const [i, a] of inner.entries()) {
          expect(overlaps(a, node.box)).toBe(true);
          for (const b of inner.slice(i + 1)) expect(overlaps(a, b)).toBe(false);
        }
      }
    },
  );

  it('routes the packet between nodes down to the underlay and back up', () => {
    const trace = run(builtInScenario('pod-to-pod')!);
    const layout = layoutTopology(trace.actions[2]!.topology);
    const route = packetRoute(layout, ['vxlan/node-1', 'vxlan/node-2']);
    expect(route).toHaveLength(4);
    expect(route[1]!.y).toBe(layout.underlay.y);
    expect(route[2]!.y).toBe(layout.underlay.y);
    expect(route[3]).toEqual(layout.anchors['vxlan/node-2']);
    // Within a node it goes straight.
    expect(packetRoute(layout, ['pod/default/pod-a', 'veth/default/pod-a'])).toHaveLength(2);
  });
});
