import pg from "pg";

// Prisma keeps DateTime as TIMESTAMP(3) WITHOUT TIME ZONE holding UTC. node-postgres would read and
// write those in the process's local zone; make it UTC both ways, whatever TZ the host has.
pg.types.setTypeParser(pg.types.builtins.TIMESTAMP, (text) => new Date(`${text.replace(" ", "T")}Z`));
pg.defaults.parseInputDatesAsUTC = true;
