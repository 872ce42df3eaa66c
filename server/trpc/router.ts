import { router } from "./init";
import { accountRouter } from "./routers/account";
import { preferencesRouter } from "./routers/preferences";

export const appRouter = router({
  account: accountRouter,
  preferences: preferencesRouter,
});

export type AppRouter = typeof appRouter;
