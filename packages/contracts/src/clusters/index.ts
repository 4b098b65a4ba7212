export * from './common.ts'
export * from './tke.ts'
