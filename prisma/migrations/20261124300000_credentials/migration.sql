-- Certificates: SD-JWT VCs, their status lists, and share links
CREATE TABLE "StatusList" (
    "id" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "uri" TEXT NOT NULL,
    "bits" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "allocated" INTEGER NOT NULL DEFAULT 0,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusList_pkey" PRIMARY KEY ("id"),
    -- Not in schema.prisma (Prisma has no CHECK): the byte array holds exactly `size` entries.
    CONSTRAINT "StatusList_shape_check" CHECK ("bits" IN (1, 2, 4, 8) AND "allocated" BETWEEN 0 AND "size" AND length("bytes") * 8 = "size" * "bits")
);
CREATE UNIQUE INDEX "StatusList_uri_key" ON "StatusList"("uri");
CREATE INDEX "StatusList_issuer_idx" ON "StatusList"("issuer");

CREATE TABLE "Credential" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "authenticityNumber" CHAR(16) NOT NULL,
    "sdJwt" TEXT NOT NULL,
    "jwtDigest" BYTEA NOT NULL,
    "holderJwk" JSONB NOT NULL,
    "statusListId" TEXT NOT NULL,
    "statusIdx" INTEGER NOT NULL,
    "logIndex" BIGINT NOT NULL,
    "sourceVersion" INTEGER NOT NULL,
    "issuedAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revocationReason" TEXT,
    "suspendedAt" TIMESTAMP(3),

    CONSTRAINT "Credential_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "Credential_authenticityNumber_key" ON "Credential"("authenticityNumber");
CREATE UNIQUE INDEX "Credential_jwtDigest_key" ON "Credential"("jwtDigest");
CREATE UNIQUE INDEX "Credential_logIndex_key" ON "Credential"("logIndex");
CREATE UNIQUE INDEX "Credential_statusListId_statusIdx_key" ON "Credential"("statusListId", "statusIdx");
CREATE INDEX "Credential_personId_type_idx" ON "Credential"("personId", "type");
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "Credential" ADD CONSTRAINT "Credential_statusListId_fkey" FOREIGN KEY ("statusListId") REFERENCES "StatusList"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "CredentialShare" (
    "id" UUID NOT NULL,
    "credentialId" UUID NOT NULL,
    "tokenHash" CHAR(64) NOT NULL,
    "disclosed" TEXT[],
    "recipient" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "maxViews" INTEGER,
    "views" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "CredentialShare_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CredentialShare_tokenHash_key" ON "CredentialShare"("tokenHash");
CREATE INDEX "CredentialShare_credentialId_idx" ON "CredentialShare"("credentialId");
ALTER TABLE "CredentialShare" ADD CONSTRAINT "CredentialShare_credentialId_fkey" FOREIGN KEY ("credentialId") REFERENCES "Credential"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "CredentialShareView" (
    "id" UUID NOT NULL,
    "shareId" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ipHash" CHAR(64),

    CONSTRAINT "CredentialShareView_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "CredentialShareView_shareId_at_idx" ON "CredentialShareView"("shareId", "at");
ALTER TABLE "CredentialShareView" ADD CONSTRAINT "CredentialShareView_shareId_fkey" FOREIGN KEY ("shareId") REFERENCES "CredentialShare"("id") ON DELETE CASCADE ON UPDATE CASCADE;
