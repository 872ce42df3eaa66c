-- Idempotent payment requests: the first answer per key, replayed
CREATE TABLE "PaymentRequest" (
    "scope" TEXT NOT NULL,
    "paymentId" UUID NOT NULL,
    "requestSha256" CHAR(64) NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PaymentRequest_pkey" PRIMARY KEY ("scope")
);
CREATE INDEX "PaymentRequest_createdAt_idx" ON "PaymentRequest"("createdAt");
ALTER TABLE "PaymentRequest" ADD CONSTRAINT "PaymentRequest_paymentId_fkey" FOREIGN KEY ("paymentId") REFERENCES "Payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
