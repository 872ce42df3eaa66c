-- Payments: a quote becomes a payment of one or more notices through the gateway
ALTER TABLE "Notice" ADD COLUMN "paidAt" TIMESTAMP(3);

CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "orderId" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'created',
    "amount" BIGINT NOT NULL,
    "quoteExpiresAt" TIMESTAMP(3) NOT NULL,
    "gatewayPaymentKey" TEXT,
    "method" TEXT,
    "idempotencyKey" TEXT,
    "failureCode" TEXT,
    "failureMessage" TEXT,
    "approvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id"),
    -- Not in schema.prisma (Prisma has no CHECK); the money and the gateway's id rules hold in the database too.
    CONSTRAINT "Payment_orderId_check" CHECK ("orderId" ~ '^[A-Za-z0-9_-]{6,64}$'),
    CONSTRAINT "Payment_state_check" CHECK ("state" IN ('created', 'started', 'submitted', 'success', 'failed', 'cancelled', 'expired')),
    CONSTRAINT "Payment_amount_check" CHECK ("amount" > 0)
);
CREATE UNIQUE INDEX "Payment_orderId_key" ON "Payment"("orderId");
CREATE UNIQUE INDEX "Payment_gatewayPaymentKey_key" ON "Payment"("gatewayPaymentKey");
CREATE UNIQUE INDEX "Payment_personId_idempotencyKey_key" ON "Payment"("personId", "idempotencyKey");
CREATE INDEX "Payment_personId_createdAt_idx" ON "Payment"("personId", "createdAt" DESC);
CREATE INDEX "Payment_state_quoteExpiresAt_idx" ON "Payment"("state", "quoteExpiresAt");
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "PaymentItem" (
    "id" UUID NOT NULL,
    "paymentId" UUID NOT NULL,
    "noticeId" UUID NOT NULL,
    "agencyId" UUID NOT NULL,
    "principal" BIGINT NOT NULL,
    "lateCharge" BIGINT NOT NULL,
    "amount" BIGINT NOT NULL,
    "cancelledAmount" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "PaymentItem_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "PaymentItem_amount_check" CHECK ("principal" >= 0 AND "lateCharge" >= 0 AND "amount" = "principal" + "lateCharge"),
    CONSTRAINT "PaymentItem_cancelledAmount_check" CHECK ("cancelledAmount" BETWEEN 0 AND "amount")
);
CREATE UNIQUE INDEX "PaymentItem_paymentId_noticeId_key" ON "PaymentItem"("paymentId", "noticeId");
CREATE INDEX "PaymentItem_noticeId_idx" ON "PaymentItem"("noticeId");
CREATE INDEX "PaymentItem_agencyId_idx" ON "PaymentItem"("agencyId");
ALTER TABLE "PaymentItem" ADD CONSTRAINT "PaymentItem_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaymentItem" ADD CONSTRAINT "PaymentItem_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "Notice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "PaymentItem" ADD CONSTRAINT "PaymentItem_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Gateway webhooks, once per event
CREATE TABLE "PaymentEvent" (
    "eventId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentEvent_pkey" PRIMARY KEY ("eventId")
);

-- One name for the one-time percentage rule (the demo seed called it "percent-once")
UPDATE "Template" SET "lateChargeRule" = jsonb_set("lateChargeRule", '{kind}', '"percent"')
WHERE "lateChargeRule" ->> 'kind' = 'percent-once';
