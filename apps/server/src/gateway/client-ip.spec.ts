import { clientIp } from './client-ip.js';

const none = () => false;
const oneHop = (_: string, hop: number) => hop < 1;
const loopback = (address: string) => address === '127.0.0.1';

describe('clientIp', () => {
  it('is the connection address when no proxy is trusted, whatever the header says', () => {
    expect(clientIp('10.0.0.7', '1.2.3.4', none)).toBe('10.0.0.7');
    expect(clientIp('10.0.0.7', undefined, none)).toBe('10.0.0.7');
  });

  it('takes the address the trusted proxies forwarded, not one the client made up', () => {
    expect(clientIp('172.18.0.2', '203.0.113.9', oneHop)).toBe('203.0.113.9');
    // The client sent its own X-Forwarded-For; nginx appended the real address after it.
    expect(clientIp('172.18.0.2', '6.6.6.6, 203.0.113.9', oneHop)).toBe('203.0.113.9');
    expect(clientIp('127.0.0.1', ['6.6.6.6', '198.51.100.4'], loopback)).toBe('198.51.100.4');
    expect(clientIp('127.0.0.1', undefined, loopback)).toBe('127.0.0.1');
  });
});
