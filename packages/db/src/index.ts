export { Prisma, PrismaClient } from '../generated/prisma/client.ts'
export type * from '../generated/prisma/models.ts'
export {
  createDatabaseClients,
  createPrismaClient,
  type Database,
  type DatabaseClients,
  DEFAULT_POOL_SIZE,
  defaultDataDir,
  openDatabase,
} from './open-database.ts'
