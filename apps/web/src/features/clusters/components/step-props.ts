import type { TkeDraft } from '../utils/tke-draft.ts'

/** What every wizard step gets: the draft, a way to change it, and the errors to show by body path. */
export interface StepProps {
  draft: TkeDraft
  /** Changes the draft; `path` marks that field as touched, so its errors show as the user types. */
  update: (change: Partial<TkeDraft>, path?: string) => void
  /** The error to show at a body path (`nested`: the first one under it too). */
  errorOf: (path: string, nested?: boolean) => string | undefined
}
