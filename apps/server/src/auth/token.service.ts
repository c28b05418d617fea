import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode } from '@podroom/contracts';
import { AppConfig } from '../config/app-config.service.js';
import { DomainError } from '../errors/domain.errors.js';

/** Who an instructor token speaks for. */
export interface InstructorClaims {
  typ: 'instructor';
  sub: string;
}

/** Who a participant token speaks for: one participant of one room. */
export interface ParticipantClaims {
  typ: 'participant';
  sub: string;
  room: string;
}

const PARTICIPANT_TTL = '2d';

/** Signs and checks podroom's tokens (HS256 with AppConfig.signingSecret, via JwtModule). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  /** Seconds an instructor (access) token lives: ACCESS_TOKEN_TTL_SEC. */
  get instructorTtlSec(): number {
    return this.config.get('ACCESS_TOKEN_TTL_SEC');
  }

  /** A short-lived access token; refresh tokens (auth.service.ts) renew it. */
  signInstructor(instructorId: string): string {
    const claims: InstructorClaims = { typ: 'instructor', sub: instructorId };
    return this.jwt.sign(claims, { expiresIn: this.instructorTtlSec });
  }

  signParticipant(participantId: string, roomId: string): string {
    const claims: ParticipantClaims = { typ: 'participant', sub: participantId, room: roomId };
    return this.jwt.sign(claims, { expiresIn: PARTICIPANT_TTL });
  }

  /** The instructor's id, or INVALID_TOKEN. */
  verifyInstructor(token: string): InstructorClaims {
    const claims = this.verify(token);
    if (claims?.typ !== 'instructor' || typeof claims.sub !== 'string') throw invalidToken();
    return { typ: 'instructor', sub: claims.sub };
  }

  /** The participant and room, or INVALID_TOKEN. */
  verifyParticipant(token: string): ParticipantClaims {
    const claims = this.verify(token);
    if (
      claims?.typ !== 'participant' ||
      typeof claims.sub !== 'string' ||
      typeof claims.room !== 'string'
    ) {
      throw invalidToken();
    }
    return { typ: 'participant', sub: claims.sub, room: claims.room };
  }

  private verify(token: string): Record<string, unknown> | undefined {
    try {
      return this.jwt.verify<Record<string, unknown>>(token, { algorithms: ['HS256'] });
    } catch {
      throw invalidToken();
    }
  }
}

const invalidToken = () => new DomainError(ErrorCode.INVALID_TOKEN, 'Invalid or expired token');
