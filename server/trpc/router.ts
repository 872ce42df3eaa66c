import { router } from "./init";
import { accountRouter } from "./routers/account";
import { apiKeysRouter } from "./routers/api-keys";
import { assistRouter } from "./routers/assist";
import { consoleRouter } from "./routers/console";
import { grantsRouter } from "./routers/grants";
import { credentialsRouter } from "./routers/credentials";
import { noticesRouter } from "./routers/notices";
import { notificationsRouter } from "./routers/notifications";
import { passkeysRouter } from "./routers/passkeys";
import { paymentsRouter } from "./routers/payments";
import { preferencesRouter } from "./routers/preferences";
import { sessionRouter } from "./routers/session";
import { verifyRouter } from "./routers/verify";
import { webhooksRouter } from "./routers/webhooks";

export const appRouter = router({
  account: accountRouter,
  apiKeys: apiKeysRouter,
  assist: assistRouter,
  console: consoleRouter,
  grants: grantsRouter,
  credentials: credentialsRouter,
  notices: noticesRouter,
  notifications: notificationsRouter,
  passkeys: passkeysRouter,
  payments: paymentsRouter,
  preferences: preferencesRouter,
  session: sessionRouter,
  verify: verifyRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
