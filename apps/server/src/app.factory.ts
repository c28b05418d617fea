import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module.js';
import type { Env } from './config/env.dto.js';
import { HttpExceptionFilter } from './errors/http-exception.filter.js';
import { RedisIoAdapter } from './gateway/redis-io.adapter.js';

/** Builds the podroom app from a validated environment; `main.ts` and the tests both use it. */
export async function createApp(env: Env): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    bufferLogs: true,
    abortOnError: false, // throw start-up errors to the caller instead of exiting the process
  });
  app.useLogger(app.get(Logger));
  // The client IP behind a reverse proxy (sign-in limits are per IP): a hop count, or addresses.
  if (env.TRUST_PROXY)
    app.set(
      'trust proxy',
      /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
    );
  if (env.REDIS_URL) {
    const adapter = new RedisIoAdapter(app, {
      url: env.REDIS_URL,
      keyPrefix: env.REDIS_KEY_PREFIX,
    });
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  }
  app.useBodyParser('json', { limit: '1mb' });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  const openApi = new DocumentBuilder()
    .setTitle('podroom')
    .setDescription('podroom HTTP API')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi));
  serveWebClient(app);
  return app;
}

/** Paths the server answers itself; everything else that a browser navigates to is the client's. */
const SERVER_PATHS = /^\/(health|docs|socket\.io|api)(\/|$)/;

/**
 * Serves the browser client (`npm run build` writes it to dist/web) at `/`: hashed assets cached
 * for a year, index.html never, and client routes (a page request for a path with no file
 * extension, outside the server's own paths) answered with index.html. Without a built client the
 * server runs as before.
 */
function serveWebClient(app: NestExpressApplication): void {
  const dir = findWebClient();
  if (!dir) return;
  const index = path.join(dir, 'index.html');
  app.useStaticAssets(dir, {
    index: 'index.html',
    setHeaders: (res, file) =>
      res.setHeader(
        'Cache-Control',
        file.startsWith(path.join(dir, 'assets') + path.sep)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      ),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    const isPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      (req.headers.accept ?? '').includes('text/html') &&
      !SERVER_PATHS.test(req.path) &&
      !path.extname(req.path);
    if (!isPage) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index, (error) => error && next(error));
  });
}

/** dist/web above this file, whether it runs from source or from dist/. */
function findWebClient(from = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'dist', 'web');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}
