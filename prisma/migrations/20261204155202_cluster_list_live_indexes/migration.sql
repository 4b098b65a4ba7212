-- CreateIndex
CREATE INDEX "Cluster_live_project_idx" ON "Cluster"("tenantId", "projectId", "createdAt" DESC, "id") WHERE (state <> 'Deleted');

-- CreateIndex
CREATE INDEX "Cluster_live_tenant_idx" ON "Cluster"("tenantId", "createdAt" DESC, "id") WHERE (state <> 'Deleted');
