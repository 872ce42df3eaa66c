/**
 * Text PostgreSQL can store: no NUL (text cannot hold it) and no lone surrogate (jsonb refuses its
 * escape, and UTF-8 has no form for it). Either would fail the statement, or a whole batch chunk's
 * COPY, rather than be refused as input.
 */
export function storableText(s: string): boolean {
  return !s.includes("\0") && s.isWellFormed();
}

/** Every string and key in a parsed JSON value is storable text. */
export function storableValue(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (typeof v === "string") {
      if (!storableText(v)) return false;
    } else if (Array.isArray(v)) {
      pending.push(...v);
    } else if (typeof v === "object" && v !== null) {
      for (const [key, inner] of Object.entries(v)) {
        if (!storableText(key)) return false;
        pending.push(inner);
      }
    }
  }
  return true;
}
