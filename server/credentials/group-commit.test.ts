import { describe, expect, it } from "vitest";
import { groupCommit } from "./group-commit";

describe("group commit", () => {
  it("sends what arrives during a batch together in the next, in order", async () => {
    const batches: number[][] = [];
    const push = groupCommit(async (items: number[]) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((i) => i * 10);
    }, 4);
    expect(await Promise.all(Array.from({ length: 10 }, (_, i) => push(i)))).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(batches).toEqual([[0], [1, 2, 3, 4], [5, 6, 7, 8], [9]]);
  });

  it("retries a failed batch item by item: only the bad item fails", async () => {
    const push = groupCommit(async (items: number[]) => {
      await new Promise((r) => setTimeout(r, 1));
      if (items.includes(3)) throw new Error("bad item 3");
      return items;
    });
    const results = await Promise.allSettled([1, 2, 3, 4].map((i) => push(i)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((results[2] as PromiseRejectedResult).reason).toEqual(new Error("bad item 3"));
  });
});
