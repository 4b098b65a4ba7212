import { Navigate, useLocation } from 'react-router'
import { isApiRequestError } from '../api/api-error.ts'
import { useCurrentUser } from '../features/auth/hooks/use-current-user.ts'
import { ScopeProvider } from '../features/scope/scope-context.tsx'
import { Button } from '../ui/button.tsx'
import { LoadingBlock } from '../ui/spinner.tsx'
import { AppShell } from './app-shell.tsx'

/** The signed-in part of the console: asks who is logged in, sends strangers to the login page. */
export function RequireAuth() {
  const me = useCurrentUser()
  const location = useLocation()

  if (me.isLoggedOut) {
    const next = location.pathname + location.search
    const search = next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''
    return <Navigate to={`/login${search}`} replace />
  }
  if (me.data) {
    return (
      <ScopeProvider me={me.data} fallback={<FullPageLoading />}>
        <AppShell me={me.data} />
      </ScopeProvider>
    )
  }
  if (me.isError) {
    return (
      <main className="centered-page">
        <div className="card card--narrow stack">
          <h1 className="page-header__title">The console is unreachable</h1>
          <p>{isApiRequestError(me.error) ? me.error.message : 'The API did not answer.'}</p>
          <Button variant="primary" onClick={() => void me.refetch()}>
            Try again
          </Button>
        </div>
      </main>
    )
  }
  return <FullPageLoading />
}

function FullPageLoading() {
  return (
    <main className="centered-page">
      <LoadingBlock label="Loading the console" />
    </main>
  )
}
