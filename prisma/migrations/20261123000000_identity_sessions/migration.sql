-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "onboardedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "idleMinutes" INTEGER NOT NULL DEFAULT 20;
