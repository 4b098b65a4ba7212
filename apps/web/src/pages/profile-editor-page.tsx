import { useParams } from 'react-router'
import { describeError } from '../api/api-error.ts'
import { ProfileEditor } from '../features/profiles/components/profile-editor.tsx'
import { useProfile } from '../features/profiles/hooks/use-profiles.ts'
import { ErrorPanel } from '../ui/error-panel.tsx'
import { LoadingBlock } from '../ui/spinner.tsx'

/** `/profiles/new` creates a profile; `/profiles/:uid` shows one version (editable while a draft). */
export function ProfileEditorPage() {
  const { uid } = useParams()
  const profile = useProfile(uid)
  if (!uid) return <ProfileEditor />
  if (profile.isError) return <ErrorPanel {...describeError(profile.error)} onRetry={() => void profile.refetch()} />
  if (!profile.data) return <LoadingBlock label="Loading profile" />
  return <ProfileEditor key={uid} profile={profile.data} />
}
