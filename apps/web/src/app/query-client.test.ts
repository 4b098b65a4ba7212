import { describe, expect, it } from 'vitest'
import { ApiRequestError } from '../api/api-error.ts'
import { userMe } from '../test/fixtures.ts'
import { createAppQueryClient } from './query-client.ts'

const expired = new ApiRequestError(401, { code: 'Unauthorized', message: 'Session expired', ref: 'r' })

describe('createAppQueryClient', () => {
  it('re-asks who is logged in when any request of a signed-in user answers 401', async () => {
    const queryClient = createAppQueryClient()
    queryClient.setQueryData(['me'], userMe([{ role: 'Tenant Admin' }]))

    await queryClient
      .fetchQuery({ queryKey: ['projects', 'tenant'], queryFn: () => Promise.reject(expired) })
      .catch(() => {})

    expect(queryClient.getQueryState(['me'])?.isInvalidated).toBe(true)
  })

  it('leaves the login page alone when a wrong password answers 401', async () => {
    const queryClient = createAppQueryClient()
    const mutation = queryClient.getMutationCache().build(queryClient, { mutationFn: () => Promise.reject(expired) })

    await mutation.execute(undefined).catch(() => {})

    expect(queryClient.getQueryState(['me'])).toBeUndefined()
  })
})
