import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { TagsField } from './tags-field.tsx'

function Harness() {
  const [value, setValue] = useState('')
  return <TagsField value={value} onChange={setValue} error={undefined} />
}

describe('TagsField', () => {
  it('shows each key:value line as a chip, parsed by parseTags', async () => {
    render(<Harness />)
    await userEvent.type(screen.getByLabelText('Tags'), 'env:prod{enter}team:platform')
    const chips = screen.getByRole('list', { name: 'Parsed tags' })
    expect([...chips.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['env:prod', 'team:platform'])
    expect(screen.getByLabelText('Tags').getAttribute('aria-invalid')).toBeNull()
  })

  it('names the tag that is not key:value and marks the field invalid', async () => {
    render(<Harness />)
    await userEvent.type(screen.getByLabelText('Tags'), 'env:prod{enter}oops')
    expect(screen.getByText('"oops" is not key:value')).toBeTruthy()
    expect(screen.getByLabelText('Tags').getAttribute('aria-invalid')).toBe('true')
    expect(screen.queryByRole('list', { name: 'Parsed tags' })).toBeNull()
  })

  it('refuses a tag given twice', async () => {
    render(<Harness />)
    await userEvent.type(screen.getByLabelText('Tags'), 'env:a,env:b')
    expect(screen.getByText('Tag env is given twice')).toBeTruthy()
  })
})
