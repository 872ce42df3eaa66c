import { getPgPool } from "../../db/pool";
import { problem } from "../../http/problem";
import { currentCheckpoint } from "./publish";
import { logSigner } from "./signing-key";
import { consistencyProofAt, inclusionProofAt, treeSize } from "./store";

/** The log's public, read-only HTTP API; app/api/v1/log/* wraps these in publicRoute. */
const IMMUTABLE = { "Cache-Control": "public, max-age=31536000, immutable" };
const b64 = (hash: Buffer) => hash.toString("base64");

/** A decimal query parameter: the number, or null when missing or malformed. */
function count(url: URL, name: string): number | null {
  const text = url.searchParams.get(name) ?? "";
  return /^(0|[1-9][0-9]{0,15})$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : null;
}

const badParameters = (detail: string) => problem(400, "invalid-log-parameters", "Invalid log parameters", { detail });
const beyondTree = (size: number) => problem(404, "log-size-not-reached", "The log is not this large yet", { treeSize: size });

export async function checkpointResponse(): Promise<Response> {
  const note = await currentCheckpoint(getPgPool(), await logSigner());
  return new Response(note, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-cache" } });
}

export async function keyResponse(): Promise<Response> {
  const { verifierKey } = await logSigner();
  return new Response(verifierKey, { headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" } });
}

export async function inclusionResponse(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const index = count(url, "index");
  const size = count(url, "size");
  if (index === null || size === null) return badParameters("index and size must be non-negative integers");
  const pool = getPgPool();
  const current = await treeSize(pool);
  if (size > current) return beyondTree(current);
  if (index >= size) return problem(404, "log-entry-not-found", "No entry has this index in a tree of this size");
  const { leafHash, proof } = await inclusionProofAt(pool, index, size);
  return Response.json({ index, size, leafHash: b64(leafHash), proof: proof.map(b64) }, { headers: IMMUTABLE });
}

export async function consistencyResponse(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const from = count(url, "from");
  const to = count(url, "to");
  if (from === null || to === null || from < 1 || from > to) return badParameters("from and to must be integers with 1 ≤ from ≤ to");
  const pool = getPgPool();
  const current = await treeSize(pool);
  if (to > current) return beyondTree(current);
  const { proof, fromRoot, toRoot } = await consistencyProofAt(pool, from, to);
  return Response.json({ from, to, fromRoot: b64(fromRoot), toRoot: b64(toRoot), proof: proof.map(b64) }, { headers: IMMUTABLE });
}
