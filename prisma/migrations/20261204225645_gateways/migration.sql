-- AlterTable
ALTER TABLE "CloudAccount" ADD COLUMN     "gatewayId" UUID;

-- CreateTable
CREATE TABLE "Gateway" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "ipAddress" TEXT,
    "agentVersion" TEXT,
    "lastHeartbeatAt" TIMESTAMP(3),
    "size" INTEGER NOT NULL DEFAULT 1,
    "spec" JSONB NOT NULL DEFAULT '{}',
    "secretCiphertext" TEXT NOT NULL DEFAULT '',
    "credentialHash" TEXT NOT NULL,
    "credentialRevokedAt" TIMESTAMP(3),
    "conditions" JSONB NOT NULL DEFAULT '[]',
    "cloudAccountId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Gateway_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GatewayPairingCode" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "codeHash" TEXT NOT NULL,
    "issuedBy" UUID,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "gatewayId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GatewayPairingCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GatewayTask" (
    "id" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "clusterId" UUID,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'queued',
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GatewayTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GatewayEvent" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "gatewayId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "state" TEXT,

    CONSTRAINT "GatewayEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpPool" (
    "id" UUID NOT NULL,
    "gatewayId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "restrictToSingleCluster" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IpPool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IpAllocation" (
    "id" UUID NOT NULL,
    "poolId" UUID NOT NULL,
    "address" TEXT NOT NULL,
    "clusterId" UUID,
    "holder" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IpAllocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Gateway_credentialHash_key" ON "Gateway"("credentialHash");

-- CreateIndex
CREATE INDEX "Gateway_tenantId_state_idx" ON "Gateway"("tenantId", "state");

-- CreateIndex
CREATE UNIQUE INDEX "GatewayPairingCode_codeHash_key" ON "GatewayPairingCode"("codeHash");

-- CreateIndex
CREATE INDEX "GatewayPairingCode_tenantId_createdAt_idx" ON "GatewayPairingCode"("tenantId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "GatewayTask_gatewayId_state_createdAt_idx" ON "GatewayTask"("gatewayId", "state", "createdAt");

-- CreateIndex
CREATE INDEX "GatewayTask_clusterId_idx" ON "GatewayTask"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "GatewayEvent_seq_key" ON "GatewayEvent"("seq");

-- CreateIndex
CREATE INDEX "GatewayEvent_gatewayId_seq_idx" ON "GatewayEvent"("gatewayId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "IpPool_gatewayId_name_key" ON "IpPool"("gatewayId", "name");

-- CreateIndex
CREATE INDEX "IpAllocation_clusterId_idx" ON "IpAllocation"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "IpAllocation_poolId_address_key" ON "IpAllocation"("poolId", "address");

-- AddForeignKey
ALTER TABLE "CloudAccount" ADD CONSTRAINT "CloudAccount_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "Gateway"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Gateway" ADD CONSTRAINT "Gateway_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatewayPairingCode" ADD CONSTRAINT "GatewayPairingCode_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatewayTask" ADD CONSTRAINT "GatewayTask_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "Gateway"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatewayTask" ADD CONSTRAINT "GatewayTask_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GatewayEvent" ADD CONSTRAINT "GatewayEvent_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "Gateway"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpPool" ADD CONSTRAINT "IpPool_gatewayId_fkey" FOREIGN KEY ("gatewayId") REFERENCES "Gateway"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAllocation" ADD CONSTRAINT "IpAllocation_poolId_fkey" FOREIGN KEY ("poolId") REFERENCES "IpPool"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IpAllocation" ADD CONSTRAINT "IpAllocation_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;
