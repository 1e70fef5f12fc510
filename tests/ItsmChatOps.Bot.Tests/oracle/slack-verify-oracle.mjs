// Verifies Slack request signatures with @slack/bolt's exported verifySlackRequest, so the C# verifier can be
// compared with Slack's own SDK on the same inputs.
// stdin:  {"cases": [{"name", "signingSecret", "timestamp", "signature", "body", "nowMilliseconds"}]}
// stdout: [{"name", "valid", "message"}]
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { verifySlackRequest } = require('@slack/bolt');

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const results = [];
for (const testCase of input.cases) {
  try {
    const headers = {};
    if (testCase.timestamp !== null) headers['x-slack-request-timestamp'] = Number(testCase.timestamp);
    if (testCase.signature !== null) headers['x-slack-signature'] = testCase.signature;
    verifySlackRequest({
      signingSecret: testCase.signingSecret,
      body: testCase.body,
      headers,
      nowMilliseconds: testCase.nowMilliseconds,
    });
    results.push({ name: testCase.name, valid: true, message: '' });
  } catch (error) {
    results.push({ name: testCase.name, valid: false, message: String(error.message) });
  }
}

process.stdout.write(JSON.stringify(results));
