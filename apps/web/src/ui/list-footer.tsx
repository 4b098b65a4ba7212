import { Button } from './button.tsx'

/** Below a cursor-paginated table: how many are shown and a **Load more** button while there are more. */
export function ListFooter({
  shown,
  total,
  hasMore,
  isLoadingMore,
  onLoadMore,
  noun,
}: {
  shown: number
  total: number | undefined
  hasMore: boolean
  isLoadingMore: boolean
  onLoadMore: () => void
  noun: string
}) {
  if (shown === 0) return null
  return (
    <div className="list-footer">
      <p className="list-footer__count">
        Showing {shown}
        {total !== undefined && total >= shown ? ` of ${total}` : ''} {noun}
      </p>
      {hasMore ? (
        <Button onClick={onLoadMore} isLoading={isLoadingMore}>
          Load more
        </Button>
      ) : null}
    </div>
  )
}
