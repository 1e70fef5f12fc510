// Validates channel tokens with Microsoft's botframework-connector, the reference implementation of the
// Bot Framework's inbound authentication, so the C# validator can be compared with it case by case.
// stdin:  {"metadataUrl": "...", "appId": "...", "cases": [{"name", "authorization", "activity": {"channelId", "serviceUrl"}}]}
// stdout: [{"name", "status", "message"}]  (status 200 = accepted, else the library's status code)
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ChannelValidation, JwtTokenValidation, SimpleCredentialProvider } = require('botframework-connector');

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
ChannelValidation.OpenIdMetadataEndpoint = input.metadataUrl;
const credentials = new SimpleCredentialProvider(input.appId, '');

// The library logs refusals with console.error; keep stdout for the verdicts only.
console.error = () => {};

const results = [];
for (const testCase of input.cases) {
  try {
    await JwtTokenValidation.authenticateRequest(testCase.activity, testCase.authorization ?? '', credentials, '');
    results.push({ name: testCase.name, status: 200, message: '' });
  } catch (error) {
    results.push({ name: testCase.name, status: error.statusCode ?? 500, message: String(error.message) });
  }
}

process.stdout.write(JSON.stringify(results));
