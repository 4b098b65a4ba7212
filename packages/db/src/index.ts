export { Prisma, PrismaClient } from '../generated/prisma/client.ts'
export type * from '../generated/prisma/models.ts'
export { createPrismaClient, type Database, defaultDataDir, openDatabase } from './open-database.ts'
