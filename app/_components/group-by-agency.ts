/** Items grouped by agency, agencies in order of first appearance. */
export function groupByAgency<T extends { agencyName: string }>(items: T[]): [agency: string, items: T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.agencyName, [...(groups.get(item.agencyName) ?? []), item]);
  return [...groups];
}
