-- Web processes keep the sessions they have read for a few seconds (server/identity/session-cache.ts)
-- and drop one the moment it changes: every write to what a request reads of it (its end, its last
-- activity, step-up, the grant it acts under) names it on the `moa_session` channel as it commits;
-- '*' stands for "any" (a truncation, a purge of more than a thousand). A passkey challenge or the
-- user agent changes nothing a request reads.
CREATE FUNCTION moa_session_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('moa_session', OLD.id);
  RETURN NULL;
END $$;

CREATE FUNCTION moa_sessions_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (SELECT count(*) FROM gone) > 1000 THEN
    PERFORM pg_notify('moa_session', '*');
  ELSE
    PERFORM pg_notify('moa_session', id) FROM gone;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION moa_sessions_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('moa_session', '*');
  RETURN NULL;
END $$;

CREATE TRIGGER "Session_updated"
  AFTER UPDATE OF id, "principalType", "principalId", "lastSeenAt", "expiresAt", "idleMinutes", "steppedUpAt", "actingGrantId" ON "Session"
  FOR EACH ROW EXECUTE FUNCTION moa_session_updated();
CREATE TRIGGER "Session_deleted" AFTER DELETE ON "Session"
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION moa_sessions_deleted();
CREATE TRIGGER "Session_truncated" AFTER TRUNCATE ON "Session"
  FOR EACH STATEMENT EXECUTE FUNCTION moa_sessions_truncated();
