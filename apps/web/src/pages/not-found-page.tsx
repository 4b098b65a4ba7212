import { Link } from 'react-router'
import { useDocumentTitle } from '../ui/page-header.tsx'

export function NotFoundPage() {
  useDocumentTitle('Page not found')
  return (
    <div className="not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1 className="page-header__title">Page not found</h1>
      <p className="page-header__description">The page you asked for does not exist or has moved.</p>
      <Link className="btn btn--primary" to="/">
        Go to the home page
      </Link>
    </div>
  )
}
