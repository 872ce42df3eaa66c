"use client";

import { createNavigation } from "next-intl/navigation";
import { useState, type ComponentProps } from "react";
import { routing } from "./routing";

const { Link: LocaleLink } = createNavigation(routing);

/**
 * Moa's link: next-intl's, prefetched once the reader shows intent (pointer over it, focus, a
 * touch), not as soon as it is on screen, as Next's guide on prefetching shows. Every Moa page is
 * dynamic, and a prefetch of one costs the web process ≈ 17–20 ms of CPU for 0.3 KB; on screen,
 * the header's and footer's links made ≈ 17 of them per page view, about eight times the page itself.
 * `prefetch={false}` still means never.
 */
export function Link({ prefetch, onPointerEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof LocaleLink>) {
  const [intent, setIntent] = useState(false);
  return (
    <LocaleLink
      {...props}
      prefetch={prefetch === false || !intent ? false : (prefetch ?? null)}
      onPointerEnter={(event) => {
        setIntent(true);
        onPointerEnter?.(event);
      }}
      onFocus={(event) => {
        setIntent(true);
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        setIntent(true);
        onTouchStart?.(event);
      }}
    />
  );
}
