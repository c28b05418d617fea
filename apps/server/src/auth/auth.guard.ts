import {
  createParamDecorator,
  Injectable,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { AuthService } from './auth.service.js';
import type { Instructor } from './instructors.repository.js';

type AuthenticatedRequest = Request & { instructor?: Instructor };

/** HTTP: requires `Authorization: Bearer <instructor token>`; sets the request's instructor. */
@Injectable()
export class InstructorGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    request.instructor = await this.auth.authenticate(
      scheme?.toLowerCase() === 'bearer' ? token : undefined,
    );
    return true;
  }
}

/** The instructor authenticated by {@link InstructorGuard}. */
export const CurrentInstructor = createParamDecorator(
  (_: unknown, context: ExecutionContext): Instructor =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().instructor!,
);
