import { readdirSync } from "node:fs";
import path from "node:path";

/** A route.ts under app/, as its URL segments: "api/v1/notices/[id]" → ["api", "v1", "notices", "[id]"]. */
export interface RouteFile {
  segments: string[];
  file: string;
}

const DYNAMIC = /^\[([A-Za-z0-9_]+)\]$/;

/** Every route.ts under `dir` (app/api), with its URL segments from `root` (app/). */
export function findRouteFiles(root: string, dir: string): RouteFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(root, full);
    if (!/^route\.tsx?$/.test(entry.name)) return [];
    return [{ segments: path.relative(root, dir).split(path.sep), file: full }];
  });
}

/**
 * Matches a pathname to the route Next would pick: segment by segment, a fixed segment before a
 * [param]. Catch-alls, route groups and anything else unusual are left out (`supported`), so that
 * Next still answers them.
 */
export function createRouteTable<R>(routes: { segments: string[]; route: R }[]) {
  // A folder named _x is private to Next: never part of a URL.
  const supported = routes.filter((r) => r.segments.every((s) => DYNAMIC.test(s) || /^[A-Za-z0-9.-][A-Za-z0-9._-]*$/.test(s)));
  const specificity = (segments: string[]) => segments.map((s) => (DYNAMIC.test(s) ? "1" : "0")).join("");
  supported.sort((a, b) => specificity(a.segments).localeCompare(specificity(b.segments)));
  return {
    size: supported.length,
    /** The route and its decoded params, or null (also for a malformed escape: Next answers those). */
    match(pathname: string): { route: R; params: Record<string, string> } | null {
      const parts = pathname.split("/").slice(1);
      for (const { segments, route } of supported) {
        if (segments.length !== parts.length) continue;
        const params: Record<string, string> = {};
        let ok = true;
        for (let i = 0; ok && i < segments.length; i++) {
          const name = DYNAMIC.exec(segments[i])?.[1];
          if (!name) ok = segments[i] === parts[i];
          else if (parts[i] === "") ok = false;
          else {
            try {
              params[name] = decodeURIComponent(parts[i]);
            } catch {
              return null;
            }
          }
        }
        if (ok) return { route, params };
      }
      return null;
    },
  };
}
