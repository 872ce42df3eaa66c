"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

/** After a client-side navigation, moves focus to the new page's h1 so screen readers announce it. */
export function RouteFocus() {
  const pathname = usePathname();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const h1 = document.querySelector<HTMLElement>("main h1");
    if (!h1) return;
    h1.tabIndex = -1;
    h1.focus();
  }, [pathname]);
  return null;
}
