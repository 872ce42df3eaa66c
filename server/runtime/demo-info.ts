import { DEMO_AGENCIES, DEMO_CENTER, DEMO_CITIZENS, DEMO_OPERATOR_PASSWORD, DEMO_OPERATOR_TOTP_SECRET, DEMO_STAFF } from "../../prisma/seed/data";
import { demoApiKey } from "../../prisma/seed/seed";
import { DEMO_TEMPLATES } from "../../prisma/seed/templates";

/** What `npm start` prints and writes to DATA_DIR/demo.json for scripts. */
export function demoInfo(webUrl: string, databaseUrl: string, sandboxes: { smsCentre: string | null; printDir: string } = { smsCentre: null, printDir: "" }) {
  return {
    webUrl,
    databaseUrl,
    sandboxes,
    agencies: DEMO_AGENCIES.map((a) => ({
      code: a.code,
      name: a.name,
      keys: { test: demoApiKey("test", a.code), live: demoApiKey("live", a.code) },
      operator: { email: a.operator.email, password: DEMO_OPERATOR_PASSWORD, totpSecret: DEMO_OPERATOR_TOTP_SECRET },
      templates: DEMO_TEMPLATES.filter((t) => t.agency === a.code).map((t) => ({
        kind: t.kind,
        version: t.version,
        name: t.name,
        example: t.example,
      })),
    })),
    citizens: DEMO_CITIZENS.map((c) => ({ key: c.key, name: c.name, locale: c.locale, rrn: c.rrn, about: c.about })),
    staff: DEMO_STAFF.map((s) => ({ username: s.username, password: s.password, totpSecret: s.totpSecret, name: s.name, center: DEMO_CENTER.code })),
  };
}

export type DemoInfo = ReturnType<typeof demoInfo>;

export function demoBanner(info: DemoInfo): string {
  const lines = [
    "",
    `  Moa is running at ${info.webUrl}`,
    "",
    "  Demo citizens (sign in through the demo identity provider):",
    ...info.citizens.map((c) => `    ${c.name.padEnd(20)} ${c.locale}  RRN ${c.rrn}  (${c.about})`),
    "",
    ...(info.sandboxes.smsCentre ? [`  Sandbox SMS centre (what Moa texted): ${info.sandboxes.smsCentre}`] : []),
    ...(info.sandboxes.printDir ? [`  Sandbox print house: letters in ${info.sandboxes.printDir}`, ""] : []),
    "  Community-center staff (password, then a code from an authenticator app with this TOTP secret):",
    ...info.staff.map((s) => `    ${s.username} / ${s.password}  TOTP ${s.totpSecret}`),
    "",
    "  Agency operators and API keys:",
    ...info.agencies.flatMap((a) => [
      `    ${a.code.padEnd(15)} ${a.operator.email} / ${a.operator.password}  TOTP ${a.operator.totpSecret}`,
      `    ${"".padEnd(15)} test ${a.keys.test}`,
      `    ${"".padEnd(15)} live ${a.keys.live}`,
    ]),
    "",
  ];
  return lines.join("\n");
}
