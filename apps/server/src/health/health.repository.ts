import { Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../database/database.module.js';
import type { DatabaseClient } from '../database/database.client.js';

@Injectable()
export class HealthRepository {
  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}

  /** Round-trips a trivial query; throws when the database does not answer. */
  async ping(): Promise<void> {
    await this.db.prisma.$queryRaw`SELECT 1`;
  }
}
