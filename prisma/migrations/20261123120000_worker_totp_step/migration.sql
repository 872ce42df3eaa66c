-- AlterTable
ALTER TABLE "AgencyOperator" ADD COLUMN     "lastTotpStep" INTEGER;

-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "lastTotpStep" INTEGER;
