import { problemSchema } from "../notices/api-schema";
import { leafQuerySchema, leafSchema, verificationSchema, verifyRequestSchema } from "./verify-schema";

/** The public verification endpoints in the OpenAPI document: no API key. */
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: problemSchema } } });
const verified = { description: "The checks, each ok, failed or unknown (could not check)", content: { "application/json": { schema: verificationSchema } } };
const verifyProblems = {
  "400": problem("Neither or both of presentation and number, or a malformed request"),
  "404": problem("No certificate has this authenticity number"),
  "429": problem("More than 60 checks a minute from one address; see Retry-After"),
};

export const credentialVerifyPaths = {
  "/api/v1/credentials/verify": {
    get: {
      operationId: "verifyCredential",
      summary: "Verify a certificate: issuer recognised, unaltered and logged, not revoked (public)",
      security: [],
      requestParams: { query: verifyRequestSchema },
      responses: { "200": verified, ...verifyProblems },
    },
    post: {
      operationId: "verifyCredentialPost",
      summary: "The same, with the presentation in a JSON body (for long presentations)",
      security: [],
      requestBody: { content: { "application/json": { schema: verifyRequestSchema } } },
      responses: { "200": verified, ...verifyProblems, "415": problem("Send application/json") },
    },
  },
  "/api/v1/log/leaf": {
    get: {
      operationId: "findLogLeaf",
      summary: "A certificate's index in the transparency log, by the SHA-256 of its issuer-signed JWT (public)",
      security: [],
      requestParams: { query: leafQuerySchema },
      responses: {
        "200": { description: "The entry; ask /api/v1/log/proof/inclusion for its proof", content: { "application/json": { schema: leafSchema } } },
        "400": problem("hash is not base64 of 32 bytes"),
        "404": problem("No entry has this hash"),
      },
    },
  },
} satisfies Record<string, unknown>;



/** Their operation ids: server/credentials/verify-http.test.ts tests each. */
export const credentialOperationIds = Object.values(credentialVerifyPaths).flatMap((item) => Object.values(item).map((op) => op.operationId));
