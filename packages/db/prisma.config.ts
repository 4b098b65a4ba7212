import { defineConfig } from 'prisma/config'

// Prisma 7 reads no .env on its own; the console passes DATABASE_URL explicitly where it needs one.
export default defineConfig({
  schema: '../../prisma/schema.prisma',
  migrations: { path: '../../prisma/migrations' },
})
