import type { ReactNode } from 'react'
import { LoadingBlock } from './spinner.tsx'

export interface Column<T> {
  key: string
  header: ReactNode
  cell: (row: T) => ReactNode
  /** Right-align numbers, shrink action columns. */
  align?: 'start' | 'end'
  width?: string
}

export interface TableProps<T> {
  /** Names the table for assistive technology (rendered as a visually hidden caption). */
  caption: string
  columns: readonly Column<T>[]
  rows: readonly T[] | undefined
  rowKey: (row: T) => string
  isLoading?: boolean
  emptyTitle: string
  emptyDescription?: ReactNode
  emptyAction?: ReactNode
}

export function Table<T>({
  caption,
  columns,
  rows,
  rowKey,
  isLoading,
  emptyTitle,
  emptyDescription,
  emptyAction,
}: TableProps<T>) {
  if (isLoading && !rows) return <LoadingBlock label={`Loading ${caption.toLowerCase()}`} />
  if (!rows || rows.length === 0) {
    return (
      <div className="empty-state">
        <p className="empty-state__title">{emptyTitle}</p>
        {emptyDescription ? <p className="empty-state__text">{emptyDescription}</p> : null}
        {emptyAction}
      </div>
    )
  }
  return (
    // A wide table scrolls sideways; the region takes keyboard focus so arrow keys can scroll it.
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable (WCAG 2.1.1)
    <section className="table-wrap" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                style={c.width ? { width: c.width } : undefined}
                className={c.align === 'end' ? 'align-end' : undefined}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.align === 'end' ? 'align-end' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
