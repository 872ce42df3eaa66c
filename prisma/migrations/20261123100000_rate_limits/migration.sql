-- Counters for rate-limiter-flexible's RateLimiterPostgres (server/security/rate-limit.ts), kept in
-- their own schema so that `public` stays exactly what schema.prisma describes. The library inserts
-- positionally (VALUES ($1, $2, $3)), so the columns and their order are its own CREATE TABLE's.
-- UNLOGGED: every checked request writes a row; losing the counters in a crash is acceptable.
CREATE SCHEMA IF NOT EXISTS "ratelimit";

-- CreateTable
CREATE UNLOGGED TABLE "ratelimit"."counters" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "counters_pkey" PRIMARY KEY ("key")
);

-- CreateIndex: the library's periodic DELETE ... WHERE expire < $1
CREATE INDEX "counters_expire_idx" ON "ratelimit"."counters"("expire");
