-- CreateTable
CREATE TABLE "LogLeaf" (
    "index" BIGINT NOT NULL,
    "leafHash" BYTEA NOT NULL,
    "data" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogLeaf_pkey" PRIMARY KEY ("index")
);

-- CreateTable
CREATE TABLE "LogNode" (
    "level" INTEGER NOT NULL,
    "index" BIGINT NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "LogNode_pkey" PRIMARY KEY ("level","index")
);

-- CreateTable
CREATE TABLE "LogCheckpoint" (
    "size" BIGINT NOT NULL,
    "rootHash" BYTEA NOT NULL,
    "signedNote" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LogCheckpoint_pkey" PRIMARY KEY ("size")
);
