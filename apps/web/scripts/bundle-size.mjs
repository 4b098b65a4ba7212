#!/usr/bin/env node
// Measures the JavaScript the login and home pages load before anything lazy: the entry chunk and
// every chunk it imports statically, gzipped. Fails the build above the budget.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const budgetBytes = 200 * 1024
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry)
if (entries.length === 0) {
  console.error('bundle-size: no entry chunk in dist/.vite/manifest.json')
  process.exit(1)
}

/** Every chunk reachable through static imports, each counted once. */
function staticClosure(keys) {
  const seen = new Set()
  const stack = [...keys]
  while (stack.length > 0) {
    const key = stack.pop()
    if (seen.has(key)) continue
    seen.add(key)
    for (const imported of manifest[key]?.imports ?? []) stack.push(imported)
  }
  return [...seen]
}

const rows = staticClosure(entries.map(([key]) => key))
  .map((key) => manifest[key].file)
  .filter((file) => file.endsWith('.js'))
  .map((file) => {
    const bytes = readFileSync(join(dist, file))
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
  })
  .sort((a, b) => b.gzip - a.gzip)

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const total = rows.reduce((sum, r) => sum + r.gzip, 0)
console.log('\nJavaScript loaded by the login and home pages (entry + static imports):')
for (const r of rows)
  console.log(`  ${r.file.padEnd(48)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`)
console.log(`  ${'total'.padEnd(48)} ${''.padStart(14)} ${kb(total).padStart(10)} gzip (budget ${kb(budgetBytes)})`)

const lazy = Object.values(manifest).filter((c) => c.isDynamicEntry && c.file.endsWith('.js'))
console.log(`  ${lazy.length} lazy chunk(s) not counted: ${lazy.map((c) => c.file).join(', ') || 'none'}`)

if (total > budgetBytes) {
  console.error(`\nbundle-size: ${kb(total)} gzip exceeds the ${kb(budgetBytes)} budget`)
  process.exit(1)
}
