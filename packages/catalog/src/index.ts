export * from './load-catalog.ts'
export * from './seed-profiles.ts'
