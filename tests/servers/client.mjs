// The TypeScript client of the matrix (tests/matrix.rs): POSTs each case to
// each server with fetch and reads the response with the set's generated
// module. Prints the answers as JSON: `[server, set, case, answer]` each.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const matrix = JSON.parse(readFileSync(process.argv[2], "utf8"));
const modules = {};
for (const [set, generated] of Object.entries(matrix.generated)) {
  modules[set] = await import(pathToFileURL(join(generated.typescript, "errors.js")).href);
}

/** What the client reads: the keys of `answer` in src/lib.rs. */
async function answer(errors, response, fields) {
  const error = errors.parseError(await response.text(), response.status, response.headers.get("Retry-After"));
  if (error === null) {
    return null;
  }
  return {
    code: error.code,
    known: errors.isErrorCode(error.code),
    status: error.status ?? null,
    retryable: error.retryable,
    message: error.message,
    fields: Object.fromEntries(fields.map((name) => [name, error[name] ?? null])),
    extra: { ...error.extra },
    members: { ...error.members },
    object: error.toJSON(),
    wait: error.retryAfter ?? null,
    media_type: response.headers.get("Content-Type"),
  };
}

const answers = [];
for (const [server, url] of matrix.servers) {
  for (const c of matrix.cases) {
    const response = await fetch(`${url}/${c.set}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: c.request,
    });
    answers.push([server, c.set, c.id, await answer(modules[c.set], response, c.fields)]);
  }
}
process.stdout.write(JSON.stringify(answers));
