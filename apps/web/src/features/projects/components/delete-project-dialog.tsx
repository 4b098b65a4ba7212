import type { Project } from '@console/contracts'
import { useErrorToast } from '../../../forms/use-server-errors.ts'
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx'
import { useToast } from '../../../ui/toasts.tsx'
import { useDeleteProject } from '../hooks/use-projects.ts'

export function DeleteProjectDialog({ project, onClose }: { project: Project | null; onClose: () => void }) {
  const deleteProject = useDeleteProject()
  const toast = useToast()
  const showError = useErrorToast()
  return (
    <ConfirmDialog
      open={project !== null}
      title="Delete project"
      message={
        <p>
          Delete project <strong>{project?.metadata.name}</strong>? Its members lose their roles in it. This cannot be
          undone.
        </p>
      }
      confirmLabel="Delete"
      isPending={deleteProject.isPending}
      onCancel={onClose}
      onConfirm={() => {
        if (!project) return
        deleteProject.mutate(project.metadata.uid, {
          onSuccess: () => {
            toast.success(`Project ${project.metadata.name} deleted`)
            onClose()
          },
          onError: (error) => {
            showError(error)
            onClose()
          },
        })
      }}
    />
  )
}
