-- CreateTable
CREATE TABLE "Cluster" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "projectId" UUID,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "cloudType" TEXT NOT NULL,
    "cloudAccountId" UUID NOT NULL,
    "profileId" UUID NOT NULL,
    "labels" JSONB NOT NULL,
    "spec" JSONB NOT NULL,
    "state" TEXT NOT NULL,
    "conditions" JSONB NOT NULL DEFAULT '[]',
    "deletionRequestedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "createdBy" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cluster_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterEvent" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "clusterId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "component" TEXT NOT NULL,
    "state" TEXT,

    CONSTRAINT "ClusterEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CloudResource" (
    "id" UUID NOT NULL,
    "clusterId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "cloud" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "cloudId" TEXT,
    "name" TEXT,
    "state" TEXT NOT NULL,
    "clientToken" TEXT NOT NULL,
    "attrs" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CloudResource_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Cluster_tenantId_projectId_state_createdAt_id_idx" ON "Cluster"("tenantId", "projectId", "state", "createdAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Cluster_tenantId_name_idx" ON "Cluster"("tenantId", "name");

-- CreateIndex
CREATE INDEX "Cluster_cloudAccountId_idx" ON "Cluster"("cloudAccountId");

-- CreateIndex
CREATE INDEX "Cluster_profileId_idx" ON "Cluster"("profileId");

-- CreateIndex
CREATE UNIQUE INDEX "ClusterEvent_seq_key" ON "ClusterEvent"("seq");

-- CreateIndex
CREATE INDEX "ClusterEvent_clusterId_seq_idx" ON "ClusterEvent"("clusterId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "CloudResource_clusterId_key_key" ON "CloudResource"("clusterId", "key");

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_cloudAccountId_fkey" FOREIGN KEY ("cloudAccountId") REFERENCES "CloudAccount"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "ClusterProfile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterEvent" ADD CONSTRAINT "ClusterEvent_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CloudResource" ADD CONSTRAINT "CloudResource_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
