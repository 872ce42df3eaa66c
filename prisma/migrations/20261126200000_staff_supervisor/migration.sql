-- A supervisor may also end a citizen's standing proxy grants at the counter
ALTER TABLE "Staff" ADD COLUMN "supervisor" BOOLEAN NOT NULL DEFAULT false;
