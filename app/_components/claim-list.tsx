import type { ClaimRow } from "@/server/credentials/claim-rows";

// Names and addresses stay in Korean whatever the page's language: marked so that screen readers say them as Korean.
const lang = (text: string) => (/[\uac00-\ud7a3]/.test(text) ? "ko" : undefined);

/** A certificate's claims as a description list; list claims (members, addresses) as a numbered list. */
export function ClaimList({ rows }: { rows: ClaimRow[] }) {
  return (
    <dl className="notice-fields">
      {rows.map((row) => (
        <div key={row.path}>
          <dt>{row.label}</dt>
          <dd>
            {row.items ? (
              row.items.length > 0 ? (
                <ol>
                  {row.items.map((item) => (
                    <li key={item.path} lang={lang(item.value)}>
                      {item.value}
                    </li>
                  ))}
                </ol>
              ) : (
                "—"
              )
            ) : (
              <span lang={lang(row.value)}>{row.value}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
