import { defineConfig } from "prisma/config";

// Used by the Prisma CLI where it can run (generate here; migrate deploy where its engine downloads).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/moa" },
});
