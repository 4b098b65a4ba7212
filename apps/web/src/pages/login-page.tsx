import { Navigate, useNavigate, useSearchParams } from 'react-router'
import { LoginForm } from '../features/auth/components/login-form.tsx'
import { useCurrentUser } from '../features/auth/hooks/use-current-user.ts'
import { useDocumentTitle } from '../ui/page-header.tsx'

export function LoginPage() {
  const [params] = useSearchParams()
  const navigate = useNavigate()
  const me = useCurrentUser()
  const next = safeNext(params.get('next'))
  useDocumentTitle('Log in')

  if (me.data) return <Navigate to={next} replace />
  return (
    <main className="login-page">
      <div className="login-card">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">Cluster Console</span>
        </div>
        <h1 className="login-card__title">Log in to your account</h1>
        <p className="login-card__subtitle">Manage Kubernetes clusters on Tencent Cloud, AWS and VMware vSphere.</p>
        <LoginForm onLoggedIn={() => navigate(next, { replace: true })} />
      </div>
    </main>
  )
}

/** Only same-app paths: `next` comes from the URL, so never follow it off-site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/'
}
