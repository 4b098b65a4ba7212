import type { List } from '@console/contracts'
import { useInfiniteQuery } from '@tanstack/react-query'
import { useMemo } from 'react'

export interface CursorListOptions<T> {
  queryKey: readonly unknown[]
  /** Fetches one page; `cursor` is the previous page's `listmeta.continue`. */
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<List<T>>
  enabled?: boolean
}

/** A list read page by page with the API's opaque `continue` cursor. */
export function useCursorList<T>({ queryKey, fetchPage, enabled = true }: CursorListOptions<T>) {
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.listmeta.continue || undefined,
    enabled,
  })
  const items = useMemo(() => query.data?.pages.flatMap((p) => p.items), [query.data])
  const total = query.data?.pages[0]?.listmeta.count
  return {
    items,
    total,
    isLoading: query.isLoading,
    isError: query.isError,
    error: query.error,
    refetch: query.refetch,
    hasMore: query.hasNextPage,
    isLoadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  }
}
