-- Wallet and shares: a certificate removed from the wallet, and the presentation each share shows
ALTER TABLE "Credential" ADD COLUMN "forgottenAt" TIMESTAMP(3);

-- No share was stored before this migration, so the new column needs no default.
ALTER TABLE "CredentialShare" ADD COLUMN "presentation" TEXT NOT NULL,
ADD COLUMN "purpose" TEXT NOT NULL DEFAULT 'link';
