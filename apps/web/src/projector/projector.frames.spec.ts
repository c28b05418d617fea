import { builtInScenario, run, summarize } from '@podroom/simulation';
import {
  buildFrame,
  clampPosition,
  firstPacketPosition,
  framePositions,
  stepPosition,
} from './projector.frames.js';

const trace = run(builtInScenario('pod-to-pod')!);
const summary = summarize(trace);
const CURL = 2; // the third script line: kubectl exec pod-a -- curl http://pod-b:80
const DROPPED = 4; // the same request with `fault drop-at 2`

describe('projector frames (pod-to-pod)', () => {
  it('visits every action, then each of its rows', () => {
    const positions = framePositions(trace, summary, 'summary');
    expect(positions.filter((p) => p.action === CURL)).toHaveLength(8); // 7 rows + "ready"
    expect(positions[0]).toEqual({ action: 0, step: 0 });
    expect(firstPacketPosition(trace)).toEqual({ action: CURL, step: 0 });
  });

  it('starts an action with an empty table, the tracker at its start and no packet', () => {
    const frame = buildFrame(trace, summary, 'summary', { action: CURL, step: 0 });
    expect(frame.command).toBe('kubectl exec pod-a -- curl http://pod-b:80');
    expect(frame.rows).toHaveLength(7);
    expect(frame.current).toBeUndefined();
    expect(frame.packetState).toBe('none');
    expect(frame.output).toBeUndefined();
    expect(frame.tracker).toEqual([
      { name: 'Request Status', value: 'Not sent', changed: false },
      { name: 'Response Status', value: 'Not sent', changed: false },
    ]);
  });

  it('moves the packet through every hop a summary row folds together', () => {
    const frame = buildFrame(trace, summary, 'summary', { action: CURL, step: 2 });
    expect(frame.current?.action).toBe('Network plugin routes packet');
    expect(frame.packetPath).toEqual([
      'node/node-1', // where row 1 left it (kube-proxy DNAT)
      'vxlan/node-1',
      'vxlan/node-2',
      'node/node-2',
      'bridge/node-2',
      'veth/default/pod-b',
    ]);
    expect(frame.at).toBe('veth/default/pod-b');
    expect(frame.packet?.dst).toEqual({ ip: '10.244.1.2', port: 80 });
    expect(frame.packetState).toBe('moving');
  });

  it('marks the tracker values a row changes', () => {
    const frame = buildFrame(trace, summary, 'summary', { action: CURL, step: 3 });
    expect(frame.tracker).toEqual([
      { name: 'Request Status', value: 'Received by Pod B', changed: true },
      { name: 'Response Status', value: 'Not sent', changed: true },
    ]);
  });

  it('shows the terminal output once the action is complete', () => {
    const frame = buildFrame(trace, summary, 'summary', { action: CURL, step: 7 });
    expect(frame.output?.join('\n')).toContain('Welcome to nginx!');
    expect(frame.packetState).toBe('none'); // the connection is closed
  });

  it('steps one hop at a time at the hops level, with the outer header while encapsulated', () => {
    const frame = buildFrame(trace, summary, 'hops', { action: CURL, step: 9 });
    expect(frame.rows).toHaveLength(25);
    expect(frame.packetPath).toEqual(['node/node-1', 'vxlan/node-1']);
    expect(frame.packet?.outer?.dst.ip).toBe('192.168.49.3');
    expect(frame.tracker.map((t) => t.name)).toContain('Conntrack entry');
  });

  it('leaves the packet where it was dropped', () => {
    const rows = buildFrame(trace, summary, 'hops', { action: DROPPED, step: 0 }).rows;
    const drop = rows.findIndex((r) => r.failed) + 1;
    for (const step of [drop, rows.length]) {
      const frame = buildFrame(trace, summary, 'hops', { action: DROPPED, step });
      expect(frame.packetState).toBe('dropped');
      expect(frame.packetPath).toEqual(['node/node-1']);
    }
  });

  it('keeps positions inside the trace', () => {
    expect(clampPosition(trace, summary, 'summary', { action: CURL, step: 25 })).toEqual({
      action: CURL,
      step: 7,
    });
    expect(stepPosition(trace, summary, 'summary', { action: 0, step: 0 }, -1)).toEqual({
      action: 0,
      step: 0,
    });
    expect(stepPosition(trace, summary, 'summary', { action: CURL, step: 7 }, 1)).toEqual({
      action: CURL + 1,
      step: 0,
    });
    const last = framePositions(trace, summary, 'hops').at(-1);
    expect(stepPosition(trace, summary, 'hops', { action: 0, step: 0 }, 1e6)).toEqual(last);
    expect(buildFrame(trace, summary, 'hops', last!).isLast).toBe(true);
  });
});
