// Line-delimited JSON service for the C# tests: one request per line on stdin, one answer per line on
// stdout. Requests: {"op":"expand","template":{},"data":{}} and {"op":"validate","card":{}}.
import { createInterface } from 'node:readline';
import { expand, validate } from './adaptive-cards.mjs';

function tryExpand(r) {
  try {
    return { result: expand(r.template, r.data) ?? null };
  } catch (e) {
    // The engine itself refused (a parse error, or null where text was needed): report it, not as a protocol error.
    return { thrown: String(e?.message ?? e) };
  }
}

const handlers = {
  expand: tryExpand,
  validate: (r) => validate(r.card),
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  let answer;
  try {
    const request = JSON.parse(line);
    const handler = handlers[request.op];
    answer = handler ? handler(request) : { error: `unknown op ${request.op}` };
  } catch (e) {
    answer = { error: String(e?.stack ?? e) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
