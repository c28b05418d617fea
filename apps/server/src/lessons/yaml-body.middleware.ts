import { Injectable, type NestMiddleware } from '@nestjs/common';
import { LESSON_LIMITS } from '@podroom/contracts';
import { textBody } from '../http/text-body.middleware.js';

/** The media types a lesson file may be sent as. */
export const YAML_MEDIA_TYPES = [
  'text/yaml',
  'application/yaml',
  'application/x-yaml',
  'text/x-yaml',
];

/** Reads a YAML request body (`POST /lessons/import`) as text, up to {@link LESSON_LIMITS.fileBytes}. */
@Injectable()
export class YamlBodyMiddleware implements NestMiddleware {
  readonly use = textBody({
    mediaTypes: YAML_MEDIA_TYPES,
    limitBytes: LESSON_LIMITS.fileBytes,
    what: 'A lesson file',
  });
}
