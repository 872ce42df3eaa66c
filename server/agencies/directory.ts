import type { Db } from "../db";

export function countAgencies(db: Db): Promise<number> {
  return db.agency.count();
}
