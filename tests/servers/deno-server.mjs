// The fetch-style server of the matrix (tests/matrix.rs): `Deno.serve` on
// 127.0.0.1, whose handler returns `error.toResponse()`, the standard fetch
// `Response` that Deno, Bun, Hono, Workers and Next.js route handlers return
// as it is. `POST /<set>` answers with the error of the case in the body,
// built with the set's generated module. ERRSPEC_MATRIX_SETS maps each set to
// its generated `typescript` folder. Prints the base URL once it listens.

import { join } from "node:path";
import { pathToFileURL } from "node:url";

const sets = JSON.parse(Deno.env.get("ERRSPEC_MATRIX_SETS"));
const modules = {};
for (const [set, generated] of Object.entries(sets)) {
  modules[set] = await import(pathToFileURL(join(generated.typescript, "errors.js")).href);
}

Deno.serve(
  { hostname: "127.0.0.1", port: 0, onListen: ({ port }) => console.log(`http://127.0.0.1:${port}`) },
  async (request) => {
    const errors = modules[decodeURIComponent(new URL(request.url).pathname.slice(1))];
    const c = JSON.parse(await request.text());
    const error = new errors.ApiError(c.code, c.message ?? undefined, { members: c.members, retryAfter: c.retry_after ?? undefined });
    return error.toResponse();
  },
);
