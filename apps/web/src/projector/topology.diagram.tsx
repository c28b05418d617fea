import type { PacketHeaders } from '@podroom/simulation';
import { useMemo } from 'preact/hooks';
import type { PacketState } from './projector.frames.js';
import { PacketMarker } from './packet.marker.js';
import { layoutTopology, packetRoute, SIZES, type Box } from './topology.layout.js';
import type { Topology } from '@podroom/simulation';

interface Props {
  topology: Topology;
  /** Element the current step ends on. */
  at?: string;
  packetPath: string[];
  packet?: PacketHeaders;
  packetState: PacketState;
  /** Changes whenever the frame changes, so the packet replays its hop. */
  frameKey: string;
}

/** A label that is squeezed to fit its box rather than overflowing it. */
function Label(props: {
  x: number;
  y: number;
  text: string;
  size: number;
  max: number;
  class?: string;
  anchor?: 'start' | 'middle';
}) {
  const estimate = props.text.length * props.size * 0.62; // bold sans, generous
  return (
    <text
      x={props.x}
      y={props.y}
      class={props.class}
      font-size={props.size}
      text-anchor={props.anchor ?? 'middle'}
      {...(estimate > props.max ? { textLength: props.max, lengthAdjust: 'spacingAndGlyphs' } : {})}
    >
      {props.text}
    </text>
  );
}

function Rect({ box, class: cls, rx = 10 }: { box: Box; class: string; rx?: number }) {
  return <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={rx} class={cls} />;
}

function servicePorts(ports: { port: number }[]): string {
  return [...new Set(ports.map((p) => p.port))].join(', ');
}

/** The cluster as SVG: nodes, pods with their IPs, veths, cni0, VXLAN, underlay and Services. */
export function TopologyDiagram(props: Props) {
  const layout = useMemo(() => layoutTopology(props.topology), [props.topology]);
  const route = useMemo(() => packetRoute(layout, props.packetPath), [layout, props.packetPath]);
  const current = (id: string) => (props.at === id ? ' is-current' : '');
  const podCount = props.topology.pods.length;
  const summary = `${props.topology.nodes.length} nodes, ${podCount} pods, ${props.topology.services.length} services`;

  return (
    <svg
      class="topology"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby="topology-title"
      preserveAspectRatio="xMidYMid meet"
    >
      <title id="topology-title">Cluster: {summary}</title>
      <defs>
        <pattern id="cni-down" width="12" height="12" patternUnits="userSpaceOnUse">
          <path d="M0 12L12 0" class="topology__hatch" />
        </pattern>
      </defs>

      {/* underlay */}
      <g class={`topology__underlay${current(layout.underlay.id)}`} data-id={layout.underlay.id}>
        <line
          x1={layout.underlay.x1}
          x2={layout.underlay.x2}
          y1={layout.underlay.y}
          y2={layout.underlay.y}
        />
        <text
          x={layout.underlay.x1}
          y={layout.underlay.y + 24}
          font-size={15}
          class="topology__muted"
        >
          node network (underlay)
        </text>
      </g>

      {/* Service → endpoint lines go behind the nodes: they show in the gap above them only. */}
      <g class="topology__endpoints" aria-hidden="true">
        {layout.services.flatMap((s) =>
          s.endpoints.map((e, i) => (
            <line
              key={`${s.id}#${i}`}
              class="topology__endpoint"
              x1={e.from.x}
              y1={e.from.y}
              x2={e.to.x}
              y2={e.to.y}
            />
          )),
        )}
      </g>

      {layout.nodes.map((n) => (
        <g key={n.id} class={`topology__node${n.node.cniUp ? '' : ' is-cni-down'}`} data-id={n.id}>
          <line
            class="topology__uplink"
            x1={n.uplink.x}
            x2={n.uplink.x}
            y1={n.uplink.top}
            y2={n.uplink.bottom}
          />
          <text
            x={n.uplink.x - 8}
            y={n.uplink.bottom - 8}
            font-size={14}
            text-anchor="end"
            class="topology__muted"
          >
            eth0 {n.node.ip}
          </text>
          <Rect box={n.box} class="topology__node-box" rx={16} />
          <text
            x={n.box.x + SIZES.nodePad}
            y={n.box.y + 34}
            font-size={24}
            class="topology__node-name"
          >
            {n.node.name}
          </text>
          {n.node.podCIDR && (
            <Label
              x={n.box.x + n.box.w - SIZES.nodePad}
              y={n.box.y + 33}
              size={16}
              max={n.box.w - 170}
              anchor="start"
              class="topology__muted topology__end"
              text={`pods ${n.node.podCIDR}`}
            />
          )}

          {n.pods.map((p) => (
            <g
              key={p.id}
              data-id={p.id}
              class={`topology__pod${p.system ? ' is-system' : ''}${current(p.id)}`}
            >
              <line
                class={`topology__veth${current(p.veth.id)}`}
                data-id={p.veth.id}
                x1={p.veth.x}
                x2={p.veth.x}
                y1={p.veth.top}
                y2={p.veth.bottom}
              />
              <text
                x={p.veth.x + 8}
                y={(p.veth.top + p.veth.bottom) / 2 + 5}
                font-size={13}
                class="topology__muted"
                text-anchor="start"
              >
                veth
              </text>
              <Rect box={p.box} class="topology__pod-box" />
              {p.pod.namespace !== 'default' && (
                <text
                  x={p.box.x + p.box.w / 2}
                  y={p.box.y + 18}
                  font-size={13}
                  text-anchor="middle"
                  class="topology__muted"
                >
                  {p.pod.namespace}
                </text>
              )}
              <Label
                x={p.box.x + p.box.w / 2}
                y={p.box.y + (p.pod.namespace === 'default' ? 34 : 40)}
                size={p.pod.displayName.length > 16 ? 16 : 22}
                max={p.box.w - 16}
                class="topology__pod-name"
                text={p.pod.displayName}
              />
              <text
                x={p.box.x + p.box.w / 2}
                y={p.box.y + 66}
                font-size={20}
                text-anchor="middle"
                class="topology__ip"
              >
                {p.pod.ip}
              </text>
            </g>
          ))}

          <g class={`topology__bridge${current(n.bridge.id)}`} data-id={n.bridge.id}>
            <Rect box={n.bridge.box} class="topology__bridge-box" rx={8} />
            {!n.node.cniUp && <Rect box={n.bridge.box} class="topology__down" rx={8} />}
            <text
              x={n.bridge.box.x + 12}
              y={n.bridge.box.y + 23}
              font-size={17}
              class="topology__bridge-label"
            >
              bridge cni0{n.node.bridge.ip && ` · ${n.node.bridge.ip}`}
              {n.node.cniUp ? '' : ' · CNI DOWN'}
            </text>
          </g>

          <g class={`topology__host${current(n.host.id)}`} data-id={n.host.id}>
            <Rect box={n.host.box} class="topology__host-box" rx={8} />
            <text
              x={n.host.box.x + 12}
              y={n.host.box.y + 25}
              font-size={17}
              class="topology__host-title"
            >
              host network
            </text>
            <Label
              x={n.host.box.x + 12}
              y={n.host.box.y + 47}
              size={14}
              max={n.host.box.w - 24}
              anchor="start"
              class="topology__muted"
              text="routing · kube-proxy · conntrack"
            />
          </g>

          {n.overlay && n.node.overlay && (
            <g class={`topology__overlay${current(n.overlay.id)}`} data-id={n.overlay.id}>
              <Rect box={n.overlay.box} class="topology__overlay-box" rx={8} />
              {!n.node.cniUp && <Rect box={n.overlay.box} class="topology__down" rx={8} />}
              <text
                x={n.overlay.box.x + 12}
                y={n.overlay.box.y + 25}
                font-size={17}
                class="topology__host-title"
              >
                {n.node.overlay.name}
              </text>
              <text
                x={n.overlay.box.x + 12}
                y={n.overlay.box.y + 47}
                font-size={14}
                class="topology__muted"
              >
                VXLAN{n.node.overlay.vni > 0 && ` · VNI ${n.node.overlay.vni}`}
              </text>
            </g>
          )}
        </g>
      ))}

      {layout.services.map((s) => (
        <g key={s.id} class={`topology__service${current(s.id)}`} data-id={s.id}>
          <Rect box={s.box} class="topology__service-box" />
          <Label
            x={s.box.x + s.box.w / 2}
            y={s.box.y + 27}
            size={19}
            max={s.box.w - 16}
            class="topology__service-name"
            text={`svc ${s.service.name}`}
          />
          <Label
            x={s.box.x + s.box.w / 2}
            y={s.box.y + 51}
            size={17}
            max={s.box.w - 16}
            class="topology__ip"
            text={
              s.service.clusterIP === 'None'
                ? 'headless'
                : s.service.ports.length === 0
                  ? s.service.clusterIP
                  : `${s.service.clusterIP}:${servicePorts(s.service.ports)}`
            }
          />
          <text
            x={s.box.x + s.box.w / 2}
            y={s.box.y + 69}
            font-size={13}
            text-anchor="middle"
            class="topology__muted"
          >
            {s.service.type}
            {s.service.namespace !== 'default' ? ` · ${s.service.namespace}` : ''}
          </text>
        </g>
      ))}

      <PacketMarker
        route={route}
        state={props.packetState}
        encapsulated={props.packet?.outer !== undefined}
        protocol={props.packet?.protocol}
        at={props.packetPath.at(-1)}
        frameKey={props.frameKey}
      />
    </svg>
  );
}
