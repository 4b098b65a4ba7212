import { type ProfileValidation, profileValidationSchema } from '@console/contracts'
import { useState } from 'react'
import { useNavigate } from 'react-router'
import { isApiRequestError } from '../../../api/api-error.ts'
import { useErrorToast } from '../../../forms/use-server-errors.ts'
import { useToast } from '../../../ui/toasts.tsx'
import { type ProfileDraft, toProfileBody } from '../profile-draft.ts'
import { useCreateProfile, useSaveProfile } from './use-profiles.ts'

/** The server's refusal of a save: its message and, for a 422, the per-pack answer shown in the editor. */
export interface ServerRefusal {
  message: string
  result: ProfileValidation
}

/**
 * Save and Publish of the editor: POST for a new profile, PUT (+ PATCH publish) for a stored one.
 * A 422 keeps its per-pack answer for the editor; other failures become a toast.
 */
export function useSaveProfileDraft(uid: string | undefined) {
  const createProfile = useCreateProfile()
  const saveProfile = useSaveProfile()
  const navigate = useNavigate()
  const toast = useToast()
  const showError = useErrorToast()
  const [refusal, setRefusal] = useState<ServerRefusal | null>(null)

  async function save(draft: ProfileDraft, publish: boolean): Promise<void> {
    const body = toProfileBody(draft)
    setRefusal(null)
    try {
      const saved = uid
        ? await saveProfile.mutateAsync({ uid, body, publish })
        : await createProfile.mutateAsync({ body, publish })
      toast.success(`Profile ${body.metadata.name} ${body.spec.version} ${publish ? 'published' : 'saved as a draft'}`)
      if (saved.uid !== uid) navigate(`/profiles/${encodeURIComponent(saved.uid)}`, { replace: uid === undefined })
    } catch (error) {
      const answer =
        isApiRequestError(error) && error.status === 422
          ? profileValidationSchema.safeParse(error.body.details)
          : undefined
      if (answer?.success) setRefusal({ message: (error as Error).message, result: answer.data })
      else showError(error)
    }
  }

  return {
    save,
    refusal,
    clearRefusal: () => setRefusal(null),
    isSaving: createProfile.isPending || saveProfile.isPending,
  }
}
