-- Channel preferences and push subscriptions
ALTER TABLE "Person" ADD COLUMN "pushEnabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "smsEnabled" BOOLEAN NOT NULL DEFAULT true;

CREATE TABLE "PushSubscription" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "endpoint" TEXT NOT NULL,
    "p256dh" TEXT NOT NULL,
    "auth" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "PushSubscription_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PushSubscription_endpoint_key" ON "PushSubscription"("endpoint");
CREATE INDEX "PushSubscription_personId_idx" ON "PushSubscription"("personId");
ALTER TABLE "PushSubscription" ADD CONSTRAINT "PushSubscription_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The next escalation step of each notice
ALTER TABLE "Notice" ADD COLUMN "nextStep" TEXT;
UPDATE "Notice" SET "nextStep" = CASE WHEN route = 'electronic' THEN 'push' ELSE 'letter' END WHERE "nextStepAt" IS NOT NULL;

-- Deliveries: one per notice, channel and target
DELETE FROM "Delivery";
DROP INDEX "Delivery_noticeId_channel_idx";
ALTER TABLE "Delivery" DROP COLUMN "providerRef",
ADD COLUMN "providerRefs" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "letterNumber" TEXT,
ADD COLUMN "printBatchId" UUID,
ADD COLUMN "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN "nextAttemptAt" TIMESTAMP(3),
ALTER COLUMN "target" SET NOT NULL,
ALTER COLUMN "status" SET DEFAULT 'sending';
CREATE UNIQUE INDEX "Delivery_noticeId_channel_target_key" ON "Delivery"("noticeId", "channel", "target");
CREATE UNIQUE INDEX "Delivery_letterNumber_key" ON "Delivery"("letterNumber");
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");
CREATE INDEX "Delivery_providerRefs_idx" ON "Delivery" USING GIN ("providerRefs");

CREATE TABLE "PrintBatch" (
    "id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "letterCount" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'written',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrintBatch_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "PrintBatch_day_key" ON "PrintBatch"("day");
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_printBatchId_fkey" FOREIGN KEY ("printBatchId") REFERENCES "PrintBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Agency webhooks
CREATE TABLE "WebhookEvent" (
    "id" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "noticeId" UUID,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WebhookEvent_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "WebhookEvent_agencyId_type_noticeId_key" ON "WebhookEvent"("agencyId", "type", "noticeId");
CREATE INDEX "WebhookEvent_status_nextAttemptAt_idx" ON "WebhookEvent"("status", "nextAttemptAt");
CREATE INDEX "WebhookEvent_agencyId_createdAt_idx" ON "WebhookEvent"("agencyId", "createdAt" DESC);
ALTER TABLE "WebhookEvent" ADD CONSTRAINT "WebhookEvent_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "WebhookAttempt" (
    "id" UUID NOT NULL,
    "eventId" TEXT NOT NULL,
    "attemptedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    "statusCode" INTEGER,
    "error" TEXT,

    CONSTRAINT "WebhookAttempt_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "WebhookAttempt_eventId_attemptedAt_idx" ON "WebhookAttempt"("eventId", "attemptedAt");
ALTER TABLE "WebhookAttempt" ADD CONSTRAINT "WebhookAttempt_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "WebhookEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
