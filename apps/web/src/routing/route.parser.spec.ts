import { hrefOf, parseRoute } from './route.parser.js';

const at = (hash: string, pathname = '/') => parseRoute({ hash, pathname });

describe('parseRoute', () => {
  it('reads screens from the hash', () => {
    expect(at('')).toEqual({ name: 'home' });
    expect(at('#/')).toEqual({ name: 'home' });
    expect(at('#/join')).toEqual({ name: 'join', code: '' });
    expect(at('#/join/123456')).toEqual({ name: 'join', code: '123456' });
    expect(at('#/demo')).toEqual({ name: 'demo-list' });
    expect(at('#/demo/pod-to-pod')).toEqual({
      name: 'demo',
      scenario: 'pod-to-pod',
      detail: 'summary',
    });
    expect(at('#/demo/pod-to-pod?detail=hops')).toMatchObject({ detail: 'hops' });
    expect(at('#/play')).toEqual({ name: 'play' });
    expect(at('#/teach')).toEqual({ name: 'teach' });
    expect(at('#/teach/r1/console')).toEqual({ name: 'console', roomId: 'r1' });
    expect(at('#/teach/r1/report')).toEqual({ name: 'report', roomId: 'r1' });
    expect(at('#/teach/r1/screen')).toEqual({ name: 'screen', roomId: 'r1' });
    expect(at('#/teach/r1/nope')).toMatchObject({ name: 'not-found' });
    expect(at('#/teach/classes/c1')).toEqual({ name: 'class', classId: 'c1' });
    expect(at('#/teach/classes/c1/report')).toEqual({ name: 'class-report', classId: 'c1' });
    expect(at('#/teach/classes/c1/console')).toMatchObject({ name: 'not-found' });
    expect(at('#/teach/classes/c1/report/x')).toMatchObject({ name: 'not-found' });
    expect(at('#/nope/x/y')).toEqual({ name: 'not-found', path: '/nope/x/y' });
  });

  it('falls back to the path when there is no hash (join links served by the server)', () => {
    expect(at('', '/join/654321')).toEqual({ name: 'join', code: '654321' });
    expect(at('#/demo', '/join/654321')).toEqual({ name: 'demo-list' });
  });

  it('survives malformed escapes', () => {
    expect(at('#/join/%E0%A4%A')).toEqual({ name: 'join', code: '%E0%A4%A' });
  });

  it('round-trips through hrefOf', () => {
    for (const hash of [
      '#/',
      '#/join',
      '#/join/123456',
      '#/play',
      '#/teach',
      '#/teach/r1/console',
      '#/teach/r1/report',
      '#/teach/r1/screen',
      '#/teach/classes/c1',
      '#/teach/classes/c1/report',
      '#/demo',
      '#/demo/x?detail=hops',
    ]) {
      expect(hrefOf(at(hash))).toBe(hash);
    }
  });
});
