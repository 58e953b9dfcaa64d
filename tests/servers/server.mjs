// The TypeScript server of the matrix (tests/matrix.rs): an Express app on
// 127.0.0.1. `POST /<set>` throws the error of the case in the body with the
// set's generated module, and the module's `node` adapter (`errorHandler()`)
// sends it. ERRSPEC_MATRIX_SETS maps each set to its generated `typescript`
// folder; ERRSPEC_EXPRESS is Express's entry module. Prints the base URL once
// it listens.

import { join } from "node:path";
import { pathToFileURL } from "node:url";

const express = (await import(pathToFileURL(process.env.ERRSPEC_EXPRESS).href)).default;
const sets = JSON.parse(process.env.ERRSPEC_MATRIX_SETS);
const load = (set, file) => import(pathToFileURL(join(sets[set].typescript, file)).href);

const app = express();
app.use(express.raw({ type: "application/json" }));
const modules = {};
for (const set of Object.keys(sets)) {
  modules[set] = await load(set, "errors.js");
}
app.post("/:set", (req, res) => {
  const errors = modules[req.params.set];
  const c = JSON.parse(req.body.toString("utf8"));
  throw new errors.ApiError(c.code, c.message ?? undefined, { members: c.members, retryAfter: c.retry_after ?? undefined });
});
for (const set of Object.keys(sets)) {
  // Each set's handler sends its own ApiErrors and passes the others on.
  app.use((await load(set, "node.js")).errorHandler());
}
const server = app.listen(0, "127.0.0.1", () => console.log(`http://127.0.0.1:${server.address().port}`));
