import '../cloud-accounts.css'
import { type ReactNode, useId } from 'react'
import { describeError } from '../../../api/api-error.ts'
import { ErrorPanel } from '../../../ui/error-panel.tsx'
import { ListFooter } from '../../../ui/list-footer.tsx'
import type { PermissionsPolicy } from '../permission-policies.ts'
import { PermissionsPolicyPanel } from './permissions-policy-panel.tsx'

interface AccountList {
  items: unknown[] | undefined
  total: number | undefined
  isError: boolean
  error: unknown
  refetch: () => unknown
  hasMore: boolean
  isLoadingMore: boolean
  loadMore: () => void
}

/** One cloud on the Cloud Accounts page: its heading and add button, its accounts, its policy. */
export function CloudAccountSection({
  title,
  description,
  addButton,
  list,
  policy,
  children,
}: {
  title: string
  description: string
  addButton: ReactNode
  list: AccountList
  policy: PermissionsPolicy
  children: ReactNode
}) {
  const headingId = useId()
  return (
    <section className="cloud-section" aria-labelledby={headingId}>
      <div className="cloud-section__header">
        <div>
          <h2 id={headingId} className="cloud-section__title">
            {title}
          </h2>
          <p className="page-header__description">{description}</p>
        </div>
        {addButton}
      </div>
      {list.isError ? (
        <ErrorPanel {...describeError(list.error)} onRetry={() => void list.refetch()} />
      ) : (
        <div className="panel">
          {children}
          <ListFooter
            shown={list.items?.length ?? 0}
            total={list.total}
            hasMore={list.hasMore}
            isLoadingMore={list.isLoadingMore}
            onLoadMore={list.loadMore}
            noun="accounts"
          />
        </div>
      )}
      <PermissionsPolicyPanel policy={policy} />
    </section>
  )
}
