-- Notices are looked up by CI only to link those nobody has claimed yet to a resident who signs up
-- (personId IS NULL); a partial index spares a million-row batch of matched notices a random
-- insert into an index of 88-character keys per row.
DROP INDEX "Notice_recipientCi_idx";
CREATE INDEX "Notice_recipientCi_idx" ON "Notice"("recipientCi") WHERE "personId" IS NULL;
