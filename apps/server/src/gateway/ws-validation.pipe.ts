import { ValidationPipe } from '@nestjs/common';
import { InvalidPayloadError } from '../errors/domain.errors.js';

/** Validates socket payloads like HTTP bodies, failing with INVALID_PAYLOAD. */
export const wsValidationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  transform: true,
  exceptionFactory: (errors) => {
    const details = errors.flatMap((error) =>
      Object.values(error.constraints ?? { [error.property]: `${error.property} is invalid` }),
    );
    return new InvalidPayloadError(details[0] ?? 'Invalid payload', details);
  },
});
