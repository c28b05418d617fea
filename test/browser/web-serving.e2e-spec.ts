import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ensureWebClient } from './support/web-client.js';

// The server serves the built client at `/` next to its own routes.

describe('serving the web client', () => {
  let t: TestApp;
  beforeAll(async () => {
    await ensureWebClient();
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('serves index.html at / (never cached) and its hashed assets (cached for good)', async () => {
    const page = await request(t.url).get('/').expect(200).expect('Content-Type', /html/);
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(page.text);
    expect(script).not.toBeNull();
    const asset = await request(t.url).get(script![1]!).expect(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a page request for a client route (a join link) with the app', async () => {
    const page = await request(t.url)
      .get('/join/123456')
      .set('Accept', 'text/html,application/xhtml+xml')
      .expect(200);
    expect(page.text).toContain('<div id="app">');
  });

  it('keeps the server routes: /health, /docs, /socket.io, and JSON 404s for API clients', async () => {
    await request(t.url)
      .get('/health')
      .set('Accept', 'text/html')
      .expect(200)
      .expect('Content-Type', /json/);
    const docs = await request(t.url).get('/docs').set('Accept', 'text/html').expect(200);
    expect(docs.text).toMatch(/swagger/i);
    await request(t.url).get('/socket.io/?EIO=4&transport=polling').expect(200);
    await request(t.url).get('/no-such-route').expect(404).expect('Content-Type', /json/);
    await request(t.url).get('/assets/missing.js').set('Accept', 'text/html').expect(404);
  });
});
