import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      // Icons are tiny local SVGs; next/image adds nothing there.
      "@next/next/no-img-element": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  globalIgnores([".next/**", "server/generated/**", "public/sw.js", "public/workbox-*.js", ".data/**", ".data-*/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
