import { Injectable, type NestMiddleware } from '@nestjs/common';
import { CLASS_LIMITS } from '@podroom/contracts';
import { textBody } from '../http/text-body.middleware.js';

/** The media types a roster file may be sent as (spreadsheets export `text/csv`). */
export const ROSTER_MEDIA_TYPES = ['text/csv', 'application/csv', 'text/plain'];

/** Reads a CSV roster body (`PUT /classes/:id/roster`) as text, up to {@link CLASS_LIMITS.rosterBytes}. */
@Injectable()
export class RosterBodyMiddleware implements NestMiddleware {
  readonly use = textBody({
    mediaTypes: ROSTER_MEDIA_TYPES,
    limitBytes: CLASS_LIMITS.rosterBytes,
    what: 'A roster file',
  });
}
