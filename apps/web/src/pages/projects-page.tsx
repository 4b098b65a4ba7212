import type { Project } from '@console/contracts'
import { useState } from 'react'
import { describeError } from '../api/api-error.ts'
import { DeleteProjectDialog } from '../features/projects/components/delete-project-dialog.tsx'
import { NewProjectDialog } from '../features/projects/components/new-project-dialog.tsx'
import { ProjectsTable } from '../features/projects/components/projects-table.tsx'
import { useProjects } from '../features/projects/hooks/use-projects.ts'
import { Button } from '../ui/button.tsx'
import { ErrorPanel } from '../ui/error-panel.tsx'
import { ListFooter } from '../ui/list-footer.tsx'
import { PageHeader } from '../ui/page-header.tsx'

export function ProjectsPage() {
  const projects = useProjects()
  const [isCreating, setIsCreating] = useState(false)
  const [deleting, setDeleting] = useState<Project | null>(null)
  const newButton = (
    <Button variant="primary" onClick={() => setIsCreating(true)}>
      + New Project
    </Button>
  )
  return (
    <>
      <PageHeader
        title="Projects"
        description="Projects group clusters, cloud accounts and the people who work on them."
        actions={newButton}
      />
      {projects.isError ? (
        <ErrorPanel {...describeError(projects.error)} onRetry={() => void projects.refetch()} />
      ) : (
        <section className="panel" aria-label="Project list">
          <ProjectsTable projects={projects.items} isLoading={projects.isLoading} onDelete={setDeleting} />
          <ListFooter
            shown={projects.items?.length ?? 0}
            total={projects.total}
            hasMore={projects.hasMore}
            isLoadingMore={projects.isLoadingMore}
            onLoadMore={projects.loadMore}
            noun="projects"
          />
        </section>
      )}
      <NewProjectDialog open={isCreating} onClose={() => setIsCreating(false)} />
      <DeleteProjectDialog project={deleting} onClose={() => setDeleting(null)} />
    </>
  )
}
