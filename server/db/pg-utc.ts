import pg from "pg";

// Prisma keeps DateTime as TIMESTAMP(3) WITHOUT TIME ZONE holding UTC. node-postgres would read and
// write those in the process's local zone; make it UTC both ways, whatever TZ the host has.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, parseUtcTimestamp);
pg.defaults.parseInputDatesAsUTC = true;

const PLAIN = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/;

/**
 * "2026-11-23 09:41:07.123" as UTC. Read for every row of every page: fields by hand rather than
 * Date's string parser, which costs several times more; anything else (infinity, BC, years past
 * 9999 or before 100) is left to Date.
 */
export function parseUtcTimestamp(text: string): Date {
  const m = PLAIN.exec(text);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (!m || Number(m[1]) < 100) return new Date(`${text.replace(" ", "T")}Z`);
  const ms = m[7] ? Math.floor(Number(m[7].padEnd(6, "0")) / 1000) : 0;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), ms));
}
