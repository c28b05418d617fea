import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PacketState } from './projector.frames.js';
import type { Point } from './topology.layout.js';

interface Props {
  route: Point[];
  state: PacketState;
  encapsulated: boolean;
  protocol?: string;
  /** Element id the packet ends on (exposed as data-at for tests and styling). */
  at?: string;
  frameKey: string;
}

/** Units per millisecond, and bounds on one frame's animation. */
const SPEED = 0.9;
const MIN_MS = 450;
const MAX_MS = 2600;

function translate(p: Point): string {
  return `translate(${p.x}px, ${p.y}px)`;
}

/**
 * The packet: an envelope that travels along the frame's route (Web Animations API), red with a
 * cross where it is dropped, with a second outline while VXLAN-encapsulated. Motion is skipped
 * when the viewer asks for reduced motion.
 */
export function PacketMarker(props: Props) {
  const ref = useRef<SVGGElement>(null);
  const end = props.route.at(-1);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !end) return;
    el.style.transform = translate(end);
    const route = props.route;
    if (route.length < 2 || props.state !== 'moving') return;
    if (window.matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const lengths = route.slice(1).map((p, i) => Math.hypot(p.x - route[i]!.x, p.y - route[i]!.y));
    const total = lengths.reduce((a, b) => a + b, 0);
    if (total === 0) return;
    let run = 0;
    const keyframes = route.map((p, i) => {
      if (i > 0) run += lengths[i - 1]!;
      return { transform: translate(p), offset: run / total };
    });
    const animation = el.animate(keyframes, {
      duration: Math.min(MAX_MS, Math.max(MIN_MS, total / SPEED)),
      easing: 'ease-in-out',
    });
    return () => animation.cancel();
    // frameKey replays the hop when the frame changes even if the route is the same.
  }, [props.frameKey, props.route, props.state]);

  if (!end || props.state === 'none') return null;
  const dropped = props.state === 'dropped';
  return (
    <g
      ref={ref}
      class={`packet${dropped ? ' is-dropped' : ''}`}
      data-at={props.at}
      data-state={props.state}
      aria-hidden="true"
    >
      {props.encapsulated && (
        <rect x={-40} y={-27} width={80} height={54} rx={10} class="packet__outer" />
      )}
      <rect x={-31} y={-18} width={62} height={36} rx={7} class="packet__body" />
      {dropped ? (
        <path d="M-9 -9L9 9M9 -9L-9 9" class="packet__cross" />
      ) : (
        <text y={6} font-size={17} text-anchor="middle" class="packet__protocol">
          {props.protocol ?? ''}
        </text>
      )}
      {(dropped || props.encapsulated) && (
        <text y={dropped ? 40 : 46} font-size={16} text-anchor="middle" class="packet__label">
          {dropped ? 'dropped' : 'VXLAN'}
        </text>
      )}
    </g>
  );
}
