import { Inject, Injectable } from '@nestjs/common';
import type { DatabaseClient } from '../database/database.client.js';
import { DATABASE } from '../database/database.module.js';
import type { Instructor } from './instructors.repository.js';

const INSTRUCTOR_FIELDS = { id: true, email: true, displayName: true } as const;

/** What a refresh attempt found. */
export type RotationOutcome =
  /** The token was valid: it is used now, and `next` (same family) replaces it. */
  | { kind: 'rotated'; instructor: Instructor; familyId: string }
  /** The token had been used already: its whole family is revoked now. */
  | { kind: 'reused'; instructorId: string; familyId: string }
  /** Unknown, expired or revoked. */
  | { kind: 'invalid' };

/** Refresh tokens, by the SHA-256 of the token (refresh-token.codec.ts). */
@Injectable()
export class RefreshTokensRepository {
  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}

  /** Stores a new token of `familyId`, and drops the instructor's expired ones. */
  async create(data: {
    instructorId: string;
    familyId: string;
    tokenHash: string;
    expiresAt: Date;
  }): Promise<void> {
    await this.db.prisma.$transaction([
      this.db.prisma.refreshToken.deleteMany({
        where: { instructorId: data.instructorId, expiresAt: { lt: new Date() } },
      }),
      this.db.prisma.refreshToken.create({ data, select: { id: true } }),
    ]);
  }

  /**
   * Uses the token once: marks it used and stores `next` in its family, in one transaction, so
   * a concurrent reuse that revokes the family also revokes `next`. A token used before revokes
   * its family (someone else holds a copy).
   */
  async rotate(
    tokenHash: string,
    next: { tokenHash: string; expiresAt: Date },
    now = new Date(),
  ): Promise<RotationOutcome> {
    return this.db.prisma.$transaction(async (tx) => {
      const { count } = await tx.refreshToken.updateMany({
        where: { tokenHash, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      const found = await tx.refreshToken.findUnique({
        where: { tokenHash },
        select: {
          familyId: true,
          instructorId: true,
          usedAt: true,
          revokedAt: true,
          instructor: { select: INSTRUCTOR_FIELDS },
        },
      });
      if (!found) return { kind: 'invalid' };
      if (count === 1) {
        await tx.refreshToken.create({
          data: { ...next, familyId: found.familyId, instructorId: found.instructorId },
          select: { id: true },
        });
        return { kind: 'rotated', instructor: found.instructor, familyId: found.familyId };
      }
      if (found.usedAt && !found.revokedAt) {
        await tx.refreshToken.updateMany({
          where: { familyId: found.familyId, revokedAt: null },
          data: { revokedAt: now },
        });
        return { kind: 'reused', instructorId: found.instructorId, familyId: found.familyId };
      }
      return { kind: 'invalid' };
    });
  }

  /** Revokes the family of the token (sign-out); nothing when the token is unknown. */
  async revokeFamilyOf(tokenHash: string, now = new Date()): Promise<void> {
    const found = await this.db.prisma.refreshToken.findUnique({
      where: { tokenHash },
      select: { familyId: true },
    });
    if (!found) return;
    await this.db.prisma.refreshToken.updateMany({
      where: { familyId: found.familyId, revokedAt: null },
      data: { revokedAt: now },
    });
  }
}
