/** The client's screens. Routes live in the URL's hash (`/#/join/123456`), so any static server works. */
export type Route =
  | { name: 'home' }
  | { name: 'join'; code: string }
  /** A student in a room (after joining, or resuming with the token kept in the tab). */
  | { name: 'play' }
  /** The instructor: sign in, pick a lesson, start a session. */
  | { name: 'teach' }
  /** The host console of a room. */
  | { name: 'console'; roomId: string }
  /** The report of a room. */
  | { name: 'report'; roomId: string }
  /** One of the instructor's classes: its roster and sessions. */
  | { name: 'class'; classId: string }
  /** The report of a class across its sessions. */
  | { name: 'class-report'; classId: string }
  /** The projector following a room's steps. */
  | { name: 'screen'; roomId: string }
  | { name: 'demo-list' }
  | { name: 'demo'; scenario: string; detail: 'hops' | 'summary' }
  | { name: 'not-found'; path: string };

/**
 * Reads the route from the hash, or from the path when the hash is empty (the server answers
 * client paths such as `/join/123456` with the app, so a join link may use either form).
 */
export function parseRoute(location: { hash: string; pathname: string }): Route {
  const raw = location.hash.replace(/^#/, '') || location.pathname;
  const [pathPart = '', query = ''] = raw.split('?', 2);
  const parts = pathPart
    .split('/')
    .filter((p) => p !== '')
    .map(safeDecode);
  const params = new URLSearchParams(query);
  const [first, second, ...rest] = parts;
  if (first === undefined) return { name: 'home' };
  if (first === 'join' && rest.length === 0) return { name: 'join', code: second ?? '' };
  if (first === 'play' && second === undefined) return { name: 'play' };
  if (first === 'teach' && second === undefined) return { name: 'teach' };
  if (first === 'teach' && second === 'classes' && rest.length >= 1 && rest.length <= 2) {
    const [classId = '', view] = rest;
    if (view === undefined) return { name: 'class', classId };
    if (view === 'report') return { name: 'class-report', classId };
  }
  if (first === 'teach' && second !== undefined && rest.length === 1) {
    const [view] = rest;
    if (view === 'console' || view === 'report' || view === 'screen') {
      return { name: view, roomId: second };
    }
  }
  if (first === 'demo' && second === undefined) return { name: 'demo-list' };
  if (first === 'demo' && second !== undefined && rest.length === 0) {
    return {
      name: 'demo',
      scenario: second,
      detail: params.get('detail') === 'hops' ? 'hops' : 'summary',
    };
  }
  return { name: 'not-found', path: pathPart };
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** The hash link to a route. */
export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'join':
      return route.code ? `#/join/${encodeURIComponent(route.code)}` : '#/join';
    case 'play':
      return '#/play';
    case 'teach':
      return '#/teach';
    case 'console':
    case 'report':
    case 'screen':
      return `#/teach/${encodeURIComponent(route.roomId)}/${route.name}`;
    case 'class':
      return `#/teach/classes/${encodeURIComponent(route.classId)}`;
    case 'class-report':
      return `#/teach/classes/${encodeURIComponent(route.classId)}/report`;
    case 'demo-list':
      return '#/demo';
    case 'demo':
      return `#/demo/${encodeURIComponent(route.scenario)}${route.detail === 'hops' ? '?detail=hops' : ''}`;
    case 'not-found':
      return `#${route.path}`;
  }
}
