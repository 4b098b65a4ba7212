import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The same validator runs in the browser as the user types: keep it free of Node and DOM imports.
describe('profiles contracts stay browser-safe', () => {
  const directory = new URL('./', import.meta.url)
  const sources = readdirSync(directory).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))

  it.each(sources)('%s imports only zod, yaml and sibling contracts', (name) => {
    const text = readFileSync(new URL(name, directory), 'utf8')
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((match) => match[1])
    for (const specifier of imports) expect(specifier).toMatch(/^(zod|yaml|\.\/[\w-]+\.ts|\.\.\/common\.ts)$/)
  })
})
