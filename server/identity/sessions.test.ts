import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/db";
import { createSession, destroyAllSessions, extendSession, hashToken, purgeExpiredSessions, resolveSession } from "./sessions";

describe("sessions", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  const at = (iso: string) => new Date(iso);

  it("stores only the hash of a 256-bit token", async () => {
    const { token } = await createSession(t.db, { type: "citizen", id: randomUUID(), now: at("2026-11-22T10:00:00Z") });
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(await t.db.session.findUnique({ where: { id: token } })).toBeNull();
    expect(await t.db.session.findUnique({ where: { id: hashToken(token) } })).not.toBeNull();
  });

  it("ends after the idle timeout, longer in screen-reader mode, and activity extends it", async () => {
    const id = randomUUID();
    const start = at("2026-11-22T10:00:00Z");
    const plain = await createSession(t.db, { type: "citizen", id, now: start });
    const sr = await createSession(t.db, { type: "citizen", id, now: start, screenReader: true });
    const later = at("2026-11-22T10:30:00Z");
    expect(await resolveSession(t.db, plain.token, later)).toBeNull();
    expect(await resolveSession(t.db, sr.token, later)).not.toBeNull();

    const busy = await createSession(t.db, { type: "citizen", id, now: start });
    const s = await resolveSession(t.db, busy.token, at("2026-11-22T10:15:00Z"));
    await extendSession(t.db, s!.sessionId, at("2026-11-22T10:15:00Z"));
    expect(await resolveSession(t.db, busy.token, at("2026-11-22T10:30:00Z"))).not.toBeNull();
  });

  it("ends at its absolute lifetime however active", async () => {
    const start = at("2026-11-22T00:00:00Z");
    const { token } = await createSession(t.db, { type: "staff", id: randomUUID(), now: start });
    let now = start;
    for (let i = 0; i < 9 * 4 - 1; i++) {
      now = new Date(now.getTime() + 15 * 60_000);
      expect(await resolveSession(t.db, token, now), now.toISOString()).not.toBeNull();
    }
    expect(await resolveSession(t.db, token, new Date(start.getTime() + 9 * 3_600_000))).toBeNull();
  });

  it("signs out everywhere, and purges only the expired", async () => {
    const id = randomUUID();
    const now = at("2026-11-22T10:00:00Z");
    const a = await createSession(t.db, { type: "citizen", id, now });
    const b = await createSession(t.db, { type: "citizen", id, now });
    const other = await createSession(t.db, { type: "citizen", id: randomUUID(), now });
    expect(await destroyAllSessions(t.db, "citizen", id)).toBe(2);
    expect(await resolveSession(t.db, a.token, now)).toBeNull();
    expect(await resolveSession(t.db, b.token, now)).toBeNull();
    expect(await resolveSession(t.db, other.token, now)).not.toBeNull();
    expect(await purgeExpiredSessions(t.db, new Date(now.getTime() + 13 * 3_600_000))).toBeGreaterThanOrEqual(1);
    expect(await resolveSession(t.db, "not a token", now)).toBeNull();
  });
});
