import type { PacketHeaders } from '@podroom/simulation';
import type { PacketState } from './projector.frames.js';

function address(a: { ip: string; port?: number }): string {
  return a.port === undefined ? a.ip : `${a.ip}:${a.port}`;
}

/** The packet's headers at the current step (and the outer header while encapsulated). */
export function PacketCard(props: { packet?: PacketHeaders; state: PacketState }) {
  const { packet } = props;
  if (!packet) return null;
  return (
    <section
      class={`packet-card${props.state === 'dropped' ? ' is-dropped' : ''}`}
      aria-label="Packet"
    >
      <h2 class="panel-title">Packet{props.state === 'dropped' ? ' — dropped' : ''}</h2>
      <p class="packet-card__headers">
        <span class="packet-card__proto">{packet.protocol}</span> {address(packet.src)} →{' '}
        {address(packet.dst)} <span class="packet-card__ttl">TTL {packet.ttl}</span>
      </p>
      {packet.outer && (
        <p class="packet-card__outer">
          VXLAN outer {address(packet.outer.src)} → {address(packet.outer.dst)} · VNI{' '}
          {packet.outer.vni}
        </p>
      )}
      <p class="packet-card__payload">{packet.payload}</p>
    </section>
  );
}
