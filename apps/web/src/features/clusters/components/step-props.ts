import type { WizardDraft } from '../utils/wizard-draft.ts'

/**
 * What every wizard step gets: the draft, a way to change it, and the errors to show by body path.
 * The shared steps take the fields every cloud has (`WizardDraft`); a cloud's own steps take its draft.
 */
export interface StepProps<D extends WizardDraft = WizardDraft> {
  draft: D
  /** Changes the draft; `path` marks that field as touched, so its errors show as the user types. */
  update: (change: Partial<D>, path?: string) => void
  /** The error to show at a body path (`nested`: the first one under it too). */
  errorOf: (path: string, nested?: boolean) => string | undefined
}
