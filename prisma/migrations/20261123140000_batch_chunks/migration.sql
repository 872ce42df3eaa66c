-- CreateTable
CREATE TABLE "NoticeBatchChunk" (
    "batchId" UUID NOT NULL,
    "firstLine" INTEGER NOT NULL,
    "lastLine" INTEGER NOT NULL,

    CONSTRAINT "NoticeBatchChunk_pkey" PRIMARY KEY ("batchId","firstLine")
);

-- AddForeignKey
ALTER TABLE "NoticeBatchChunk" ADD CONSTRAINT "NoticeBatchChunk_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "NoticeBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;
