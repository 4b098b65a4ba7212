/** Test-only: a fetch that answers from a table of routes and records every request it saw. */
export interface RecordedRequest {
  method: string
  path: string
  query: URLSearchParams
  headers: Headers
  body: unknown
  credentials: RequestCredentials | undefined
}

export type FakeAnswer =
  | { status: number; body?: unknown }
  | ((req: RecordedRequest) => { status: number; body?: unknown })

export function fakeFetch(routes: Record<string, FakeAnswer>) {
  const requests: RecordedRequest[] = []
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://console.test')
    const method = (init.method ?? 'GET').toUpperCase()
    const req: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    }
    requests.push(req)
    const route = routes[`${method} ${url.pathname}`]
    const answer =
      typeof route === 'function' ? route(req) : (route ?? { status: 404, body: notFound(method, url.pathname) })
    const text =
      answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
    return new Response(answer.status === 204 ? null : text, {
      status: answer.status,
      headers: { 'Content-Type': 'application/json' },
    })
  }
  return { fetch: fetch as typeof globalThis.fetch, requests }
}

function notFound(method: string, path: string) {
  return { code: 'NotFound', message: `No fake route for ${method} ${path}`, ref: 'test-ref' }
}
