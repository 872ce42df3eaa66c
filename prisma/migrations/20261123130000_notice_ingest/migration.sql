-- AlterTable: no notices exist before this migration, so new required columns need no default.
ALTER TABLE "Notice" ADD COLUMN     "requestHash" CHAR(64) NOT NULL,
ADD COLUMN     "batchId" UUID,
ADD COLUMN     "testMode" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "recipientName" TEXT NOT NULL,
ADD COLUMN     "recipientPhone" TEXT,
ADD COLUMN     "postalAddress" TEXT,
ADD COLUMN     "route" TEXT NOT NULL,
ADD COLUMN     "nextStepAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "NoticeBatch" (
    "id" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "testMode" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "encoding" TEXT,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "failure" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "NoticeBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeBatchError" (
    "batchId" UUID NOT NULL,
    "row" INTEGER NOT NULL,
    "column" TEXT NOT NULL,
    "reason" TEXT NOT NULL,

    CONSTRAINT "NoticeBatchError_pkey" PRIMARY KEY ("batchId","row","column")
);

-- Replace the inbox index with a descending one
DROP INDEX "Notice_personId_acceptedAt_idx";
CREATE INDEX "Notice_personId_acceptedAt_idx" ON "Notice"("personId", "acceptedAt" DESC);

-- CreateIndex
CREATE INDEX "Notice_agencyId_acceptedAt_idx" ON "Notice"("agencyId", "acceptedAt");

-- CreateIndex
CREATE INDEX "Notice_nextStepAt_idx" ON "Notice"("nextStepAt");

-- CreateIndex
CREATE INDEX "NoticeBatch_agencyId_createdAt_idx" ON "NoticeBatch"("agencyId", "createdAt");

-- AddForeignKey
ALTER TABLE "Notice" ADD CONSTRAINT "Notice_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "NoticeBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeBatch" ADD CONSTRAINT "NoticeBatch_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeBatchError" ADD CONSTRAINT "NoticeBatchError_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "NoticeBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "AgencyDailyCount" (
    "agencyId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "AgencyDailyCount_pkey" PRIMARY KEY ("agencyId","day")
);
