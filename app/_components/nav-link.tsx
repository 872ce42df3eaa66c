"use client";

import type { ComponentProps } from "react";
import { Link, usePathname } from "@/locales/navigation";

/** A link that marks itself `aria-current="page"` when it points at the current page. */
export function NavLink(props: ComponentProps<typeof Link> & { href: string }) {
  const pathname = usePathname();
  return <Link {...props} aria-current={pathname === props.href ? "page" : undefined} />;
}
