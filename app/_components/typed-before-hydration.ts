"use client";

import { useEffect, useEffectEvent, useRef } from "react";

/**
 * A form can be filled in before React hydrates it (a slow phone, a large bundle). React keeps
 * what the page holds while it hydrates, but the state behind a controlled field does not know
 * it, and the field's next render (a query answering, a message shown) writes the state back over
 * what was typed. Once hydrated, `adopt` gets the form's values to take into that state. Put the
 * returned ref on the <form>.
 *
 * Submit handlers still read the submitted form: a click before hydration is replayed by React
 * as soon as the form hydrates, before this effect has run.
 */
export function useTypedBeforeHydration(adopt: (form: FormData) => void) {
  const ref = useRef<HTMLFormElement>(null);
  const onHydrated = useEffectEvent(adopt);
  useEffect(() => {
    if (ref.current) onHydrated(new FormData(ref.current));
  }, []);
  return ref;
}

/** A text field's value in submitted form data ("" when absent). */
export const textOf = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
};

/** A choice (radio or select) in submitted form data, if it is one of `options`. */
export function oneOf<T extends string | number>(form: FormData, name: string, options: readonly T[]): T | undefined {
  const value = form.get(name);
  return options.find((o) => String(o) === value);
}

/** The ticked boxes of a group in submitted form data that are among `options`, in the options' order. */
export function allOf<T extends string>(form: FormData, name: string, options: readonly T[]): T[] {
  const ticked = form.getAll(name);
  return options.filter((o) => ticked.includes(o));
}
