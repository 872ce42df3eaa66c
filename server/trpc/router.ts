import { router } from "./init";
import { preferencesRouter } from "./routers/preferences";

export const appRouter = router({
  preferences: preferencesRouter,
});

export type AppRouter = typeof appRouter;
