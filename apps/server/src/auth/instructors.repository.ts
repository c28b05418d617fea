import { Inject, Injectable } from '@nestjs/common';
import { Prisma } from '../generated/prisma/client.js';
import type { DatabaseClient } from '../database/database.client.js';
import { DATABASE } from '../database/database.module.js';

/** An instructor account as the app uses it. */
export interface Instructor {
  id: string;
  email: string;
  displayName: string;
}

export interface InstructorWithHash extends Instructor {
  passwordHash: string;
}

const PUBLIC_FIELDS = { id: true, email: true, displayName: true } as const;

@Injectable()
export class InstructorsRepository {
  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}

  /** Creates an account; null when the email is taken. */
  async create(data: {
    email: string;
    passwordHash: string;
    displayName: string;
  }): Promise<Instructor | null> {
    try {
      return await this.db.prisma.instructor.create({ data, select: PUBLIC_FIELDS });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
        return null;
      throw error;
    }
  }

  findByEmail(email: string): Promise<InstructorWithHash | null> {
    return this.db.prisma.instructor.findUnique({
      where: { email },
      select: { ...PUBLIC_FIELDS, passwordHash: true },
    });
  }

  findById(id: string): Promise<Instructor | null> {
    return this.db.prisma.instructor.findUnique({ where: { id }, select: PUBLIC_FIELDS });
  }
}
