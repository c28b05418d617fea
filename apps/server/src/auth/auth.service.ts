import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  type AuthResult,
  type RefreshTokenDto,
  type SignInDto,
  type SignUpDto,
} from '@podroom/contracts';
import argon2 from 'argon2';
import { AppConfig } from '../config/app-config.service.js';
import { DomainError, UnauthorizedError } from '../errors/domain.errors.js';
import { InstructorsRepository, type Instructor } from './instructors.repository.js';
import { hashRefreshToken, newRefreshToken } from './refresh-token.codec.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { SignInLimiter } from './sign-in.limiter.js';
import { TokenService } from './token.service.js';

const DAY_MS = 86_400_000;

/**
 * Instructor accounts: argon2id password hashes; a short-lived signed access token plus an
 * opaque, single-use refresh token per sign-in (rotated on every refresh, the whole family
 * revoked when a used one comes back); failed sign-ins limited per email+IP and per IP.
 * docs/decisions/0051-instructor-tokens-and-sign-in-limits.md.
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly instructors: InstructorsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly tokens: TokenService,
    private readonly config: AppConfig,
    @Inject(SignInLimiter) private readonly limiter: SignInLimiter,
  ) {}

  async signUp(dto: SignUpDto): Promise<AuthResult> {
    const passwordHash = await argon2.hash(dto.password, { type: argon2.argon2id });
    const instructor = await this.instructors.create({
      email: normalizeEmail(dto.email),
      passwordHash,
      displayName: dto.displayName.trim(),
    });
    if (!instructor)
      throw new DomainError(ErrorCode.EMAIL_TAKEN, 'An account with this email exists');
    return this.signedIn(instructor);
  }

  async signIn(dto: SignInDto, ip: string): Promise<AuthResult> {
    const email = normalizeEmail(dto.email);
    await this.limiter.check(email, ip);
    const found = await this.instructors.findByEmail(email);
    // An unknown email costs the same argon2 work, so timing does not tell which emails exist.
    const ok = await argon2.verify(found?.passwordHash ?? (await unknownEmailHash()), dto.password);
    if (!found || !ok) {
      await this.limiter.failed(email, ip);
      throw new DomainError(ErrorCode.BAD_CREDENTIALS, 'Wrong email or password');
    }
    await this.limiter.succeeded(email, ip);
    const { passwordHash: _, ...instructor } = found;
    return this.signedIn(instructor);
  }

  /** Trades a refresh token for a new pair; a used one revokes its family (401 either way). */
  async refresh(dto: RefreshTokenDto): Promise<AuthResult> {
    const refreshToken = newRefreshToken();
    const outcome = await this.refreshTokens.rotate(hashRefreshToken(dto.refreshToken), {
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: this.refreshExpiry(),
    });
    if (outcome.kind === 'rotated') return this.result(outcome.instructor, refreshToken);
    if (outcome.kind === 'reused') {
      this.logger.warn(
        `A used refresh token came back: sign-in ${outcome.familyId} of instructor ${outcome.instructorId} revoked`,
      );
    }
    throw new DomainError(ErrorCode.INVALID_TOKEN, 'Invalid or expired refresh token');
  }

  /** Ends the sign-in the refresh token belongs to (idempotent; unknown tokens are ignored). */
  signOut(dto: RefreshTokenDto): Promise<void> {
    return this.refreshTokens.revokeFamilyOf(hashRefreshToken(dto.refreshToken));
  }

  /** The instructor a bearer token speaks for, or UNAUTHORIZED / INVALID_TOKEN. */
  async authenticate(token: string | undefined): Promise<Instructor> {
    if (!token) throw new UnauthorizedError();
    const claims = this.tokens.verifyInstructor(token);
    const instructor = await this.instructors.findById(claims.sub);
    if (!instructor) throw new UnauthorizedError('This account no longer exists');
    return instructor;
  }

  /** A new sign-in: a new refresh-token family. */
  private async signedIn(instructor: Instructor): Promise<AuthResult> {
    const refreshToken = newRefreshToken();
    await this.refreshTokens.create({
      instructorId: instructor.id,
      familyId: randomUUID(),
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: this.refreshExpiry(),
    });
    return this.result(instructor, refreshToken);
  }

  private result(instructor: Instructor, refreshToken: string): AuthResult {
    return {
      token: this.tokens.signInstructor(instructor.id),
      expiresIn: this.tokens.instructorTtlSec,
      refreshToken,
      instructor,
    };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.get('REFRESH_TOKEN_TTL_DAYS') * DAY_MS);
  }
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

let dummyHash: Promise<string> | undefined;
/** A hash no password matches (random), made once, to verify against for unknown emails. */
const unknownEmailHash = () => (dummyHash ??= argon2.hash(randomUUID(), { type: argon2.argon2id }));
