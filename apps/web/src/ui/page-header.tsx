import { type ReactNode, useEffect } from 'react'

/** Names the browser tab after the page, so history and assistive technology tell pages apart. */
export function useDocumentTitle(title: string) {
  useEffect(() => {
    document.title = `${title} · Cluster Console`
  }, [title])
}

export function PageHeader({
  title,
  description,
  actions,
}: {
  title: string
  description?: ReactNode
  actions?: ReactNode
}) {
  useDocumentTitle(title)
  return (
    <div className="page-header">
      <div>
        <h1 className="page-header__title">{title}</h1>
        {description ? <p className="page-header__description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  )
}
