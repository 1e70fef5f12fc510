// Line-delimited JSON service for the C# tests: one request per line on stdin, one answer per line on
// stdout. Requests: {"op":"expand","template":{},"data":{}} and {"op":"validate","card":{}}.
import { createInterface } from 'node:readline';
import { expand, validate } from './adaptive-cards.mjs';

const handlers = {
  expand: (r) => ({ result: expand(r.template, r.data) ?? null }),
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
