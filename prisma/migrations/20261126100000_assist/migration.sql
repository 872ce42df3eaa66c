-- Assisted service: grants to community-center staff and standing proxies; sessions acting under one
CREATE TABLE "Grant" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "staffId" UUID,
    "centerId" UUID,
    "helperId" UUID,
    "scopes" TEXT[],
    "consentMethod" TEXT NOT NULL,
    "consentEvidence" JSONB,
    "idCheck" JSONB,
    "status" TEXT NOT NULL,
    "challengeHash" CHAR(64),
    "challengeTries" INTEGER NOT NULL DEFAULT 0,
    "challengeUntil" TIMESTAMP(3),
    "minutes" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "revokedBy" TEXT,
    "consentScan" BYTEA,
    "consentScanType" TEXT,

    CONSTRAINT "Grant_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Grant_personId_status_idx" ON "Grant"("personId", "status");
CREATE INDEX "Grant_helperId_status_idx" ON "Grant"("helperId", "status");
CREATE INDEX "Grant_staffId_status_idx" ON "Grant"("staffId", "status");
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_helperId_fkey" FOREIGN KEY ("helperId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Grant" ADD CONSTRAINT "Grant_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

ALTER TABLE "Session" ADD COLUMN "actingGrantId" UUID;
