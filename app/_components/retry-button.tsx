"use client";

export function RetryButton({ label }: { label: string }) {
  return (
    <button type="button" className="button" onClick={() => window.location.reload()}>
      {label}
    </button>
  );
}
