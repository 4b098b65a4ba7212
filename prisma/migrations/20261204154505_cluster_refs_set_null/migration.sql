-- DropForeignKey
ALTER TABLE "Cluster" DROP CONSTRAINT "Cluster_cloudAccountId_fkey";

-- DropForeignKey
ALTER TABLE "Cluster" DROP CONSTRAINT "Cluster_profileId_fkey";

-- AlterTable
ALTER TABLE "Cluster" ALTER COLUMN "cloudAccountId" DROP NOT NULL,
ALTER COLUMN "profileId" DROP NOT NULL;

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_cloudAccountId_fkey" FOREIGN KEY ("cloudAccountId") REFERENCES "CloudAccount"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cluster" ADD CONSTRAINT "Cluster_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "ClusterProfile"("id") ON DELETE SET NULL ON UPDATE CASCADE;
