import { PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { InvalidPayloadError } from '../errors/domain.errors.js';

/** What a text body route accepts: its media types, its size limit, and what to call the body. */
export interface TextBodyOptions {
  mediaTypes: readonly string[];
  limitBytes: number;
  /** For error messages, e.g. "A lesson file". */
  what: string;
}

/**
 * A middleware that reads a request body of one of `mediaTypes` as UTF-8 text into `req.body`,
 * up to `limitBytes`. Other media types pass through untouched (JSON is parsed by the app's JSON
 * parser). Too large → 413, not UTF-8 → 400, both in podroom's error body.
 */
export function textBody({ mediaTypes, limitBytes, what }: TextBodyOptions) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (!req.is([...mediaTypes])) return next();
    const tooLarge = () =>
      new PayloadTooLargeException(`${what} may have at most ${limitBytes / 1024} KiB`);
    if (Number(req.headers['content-length'] ?? 0) > limitBytes) {
      req.resume(); // drain what the client sends; the answer goes out now
      return next(tooLarge());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      next(error);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) finish(tooLarge());
      else if (!done) chunks.push(chunk);
    });
    req.on('error', (error) => finish(error));
    req.on('end', () => {
      if (done) return;
      try {
        req.body = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
      } catch {
        return finish(new InvalidPayloadError(`${what} must be UTF-8 text`));
      }
      finish();
    });
  };
}
