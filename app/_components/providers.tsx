"use client";

import { QueryClient, QueryClientProvider, type QueryKey } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useLocale } from "next-intl";
import { useState, type ReactNode } from "react";
import { config as zodConfig } from "zod";
import type { AppRouter } from "@/server/trpc/router";

// zod probes for eval to speed up parsing; the CSP forbids eval, and the probe would be reported.
zodConfig({ jitless: true });

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/**
 * Reads again what a change made stale. invalidateQueries alone hands back a first load still under
 * way, begun before the change (TanStack dedupes a fetch for a query without data), so a passkey
 * added while the page was loading would not show: cancel that load first.
 */
export async function reloadQueries(queryClient: QueryClient, queryKey: QueryKey): Promise<void> {
  await queryClient.cancelQueries({ queryKey });
  await queryClient.invalidateQueries({ queryKey });
}

export function Providers({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 30_000, retry: 1 } } }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // Passive reads (the idle warning's checks) must not count as activity on the session.
        splitLink({
          condition: (op) => op.context.passive === true,
          true: httpLink({ url: "/api/trpc", headers: () => ({ "x-moa-locale": locale, "x-moa-passive": "1" }) }),
          false: httpBatchLink({ url: "/api/trpc", headers: () => ({ "x-moa-locale": locale }) }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
