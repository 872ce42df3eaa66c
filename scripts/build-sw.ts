import { readFileSync } from "node:fs";
import { build as esbuild } from "esbuild";
import { injectManifest } from "workbox-build";
import { LOCALES } from "../locales/config";

/**
 * Bundles sw/sw.ts with esbuild, then lets Workbox inject the precache manifest: the build's
 * scripts and styles, the icons, and the offline page of every locale (revisioned by build id).
 */
export async function buildServiceWorker(): Promise<void> {
  const buildId = readFileSync(".next/BUILD_ID", "utf8").trim();
  await esbuild({
    entryPoints: ["sw/sw.ts"],
    bundle: true,
    format: "iife",
    minify: true,
    target: "es2022",
    outfile: ".next/sw-src.js",
    define: { "process.env.NODE_ENV": '"production"', __BUILD_ID__: JSON.stringify(buildId) },
  });
  const { count, size, warnings } = await injectManifest({
    swSrc: ".next/sw-src.js",
    swDest: "public/sw.js",
    globDirectory: ".next",
    globPatterns: ["static/**/*.{js,css}"],
    modifyURLPrefix: { "static/": "/_next/static/" },
    additionalManifestEntries: [
      ...LOCALES.map((l) => ({ url: `/${l}/offline`, revision: buildId })),
      ...["/icons/icon-192.png", "/icons/icon-512.png"].map((url) => ({ url, revision: buildId })),
    ],
    maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  });
  for (const w of warnings) console.warn(`service worker: ${w}`);
  console.log(`service worker: ${count} files precached (${Math.round(size / 1024)} KiB)`);
}
