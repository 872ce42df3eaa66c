import { router } from "./init";
import { accountRouter } from "./routers/account";
import { apiKeysRouter } from "./routers/api-keys";
import { noticesRouter } from "./routers/notices";
import { passkeysRouter } from "./routers/passkeys";
import { preferencesRouter } from "./routers/preferences";
import { sessionRouter } from "./routers/session";

export const appRouter = router({
  account: accountRouter,
  apiKeys: apiKeysRouter,
  notices: noticesRouter,
  passkeys: passkeysRouter,
  preferences: preferencesRouter,
  session: sessionRouter,
});

export type AppRouter = typeof appRouter;
