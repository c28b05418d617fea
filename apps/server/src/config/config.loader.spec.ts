import { ConfigError, loadEnv } from './config.loader.js';

describe('loadEnv', () => {
  it('applies defaults when nothing is set', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      HOST: '0.0.0.0',
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      MIGRATE_ON_BOOT: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numbers and booleans from strings', () => {
    const env = loadEnv({
      PORT: '8080',
      MIGRATE_ON_BOOT: 'false',
      DATABASE_URL: 'postgresql://u@db:5432/podroom',
    });
    expect(env.PORT).toBe(8080);
    expect(env.MIGRATE_ON_BOOT).toBe(false);
    expect(env.DATABASE_URL).toBe('postgresql://u@db:5432/podroom');
  });

  it('reads the token lifetimes and sign-in limits', () => {
    expect(loadEnv({})).toMatchObject({
      ACCESS_TOKEN_TTL_SEC: 900,
      REFRESH_TOKEN_TTL_DAYS: 30,
      SIGN_IN_MAX_FAILURES: 5,
      SIGN_IN_WINDOW_SEC: 900,
      SIGN_IN_MAX_FAILURES_PER_IP: 100,
      SIGN_IN_IP_WINDOW_SEC: 3600,
    });
    const env = loadEnv({
      ACCESS_TOKEN_TTL_SEC: '300',
      SIGN_IN_MAX_FAILURES: '10',
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
    });
    expect(env.ACCESS_TOKEN_TTL_SEC).toBe(300);
    expect(env.SIGN_IN_MAX_FAILURES).toBe(10);
    expect(env.TRUST_PROXY).toBe('loopback, 10.0.0.0/8');
    expect(loadEnv({}).TRUST_PROXY).toBeUndefined();
  });

  it('treats empty strings as unset', () => {
    expect(loadEnv({ DATABASE_URL: '', PORT: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: 'abc' }, /^Invalid configuration: PORT: .*integer.*\(got "abc"\)$/],
    [{ PORT: '70000' }, /^Invalid configuration: PORT: /],
    [{ DATABASE_URL: 'not a url' }, /^Invalid configuration: DATABASE_URL: /],
    [{ DATABASE_URL: 'mysql://localhost/x' }, /^Invalid configuration: DATABASE_URL: /],
    [{ REDIS_URL: 'http://localhost' }, /^Invalid configuration: REDIS_URL: /],
    [{ JWT_SECRET: 'short' }, /^Invalid configuration: JWT_SECRET: /],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL: /],
    [{ REDIS_KEY_PREFIX: 'has spaces' }, /^Invalid configuration: REDIS_KEY_PREFIX: /],
    [{ MIGRATE_ON_BOOT: 'maybe' }, /^Invalid configuration: MIGRATE_ON_BOOT: /],
    [{ ACCESS_TOKEN_TTL_SEC: '2' }, /^Invalid configuration: ACCESS_TOKEN_TTL_SEC: .*\(got "2"\)$/],
    [{ SIGN_IN_MAX_FAILURES: '0' }, /^Invalid configuration: SIGN_IN_MAX_FAILURES: /],
    [{ SIGN_IN_WINDOW_SEC: '15m' }, /^Invalid configuration: SIGN_IN_WINDOW_SEC: /],
    [{ TRUST_PROXY: 'a;b' }, /^Invalid configuration: TRUST_PROXY: /],
  ])('rejects %j with a one-line message naming the variable', (source, message) => {
    expect(() => loadEnv(source)).toThrow(ConfigError);
    expect(() => loadEnv(source)).toThrow(message);
  });

  it('never echoes secrets or connection strings back', () => {
    expect(() => loadEnv({ JWT_SECRET: 'hunter2' })).not.toThrow(/hunter2/);
  });
});
