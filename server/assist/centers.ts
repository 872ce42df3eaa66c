import type { Localized } from "../../locales/config";
import type { Db } from "../db";

export interface CenterSummary {
  code: string;
  name: Localized;
  address: string;
  phone: string;
}

export async function listCommunityCenters(db: Db): Promise<CenterSummary[]> {
  const rows = await db.communityCenter.findMany({ orderBy: { code: "asc" }, select: { code: true, name: true, address: true, phone: true } });
  return rows.map((r) => ({ ...r, name: r.name as Localized }));
}
