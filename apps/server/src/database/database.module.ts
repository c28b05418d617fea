import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '../config/app-config.service.js';
import { openDatabase, type DatabaseClient } from './database.client.js';

export const DATABASE = Symbol('DATABASE');

/** Closes the database (pool or embedded instance) when the app shuts down. */
@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: DatabaseClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DATABASE,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<DatabaseClient> => {
        const logger = new Logger('Database');
        const url = config.get('DATABASE_URL');
        const db = await openDatabase(
          url ? { kind: 'postgres', url } : { kind: 'embedded', dataDir: config.get('DATA_DIR') },
          {
            onConnectionError: (error) => logger.warn(`Database connection lost: ${error.message}`),
          },
        );
        logger.log(
          url
            ? 'Using PostgreSQL from DATABASE_URL'
            : `Using the embedded database in ${config.get('DATA_DIR')}`,
        );
        if (config.get('MIGRATE_ON_BOOT')) {
          const applied = await db.migrate();
          if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
        }
        return db;
      },
    },
    DatabaseLifecycle,
  ],
  exports: [DATABASE],
})
export class DatabaseModule {}
