// Talks to the bot's local Direct Line endpoint with Microsoft's botframework-directlinejs (the client
// inside Web Chat), polling as Web Chat does: posts "help" and waits for the bot's answer.
// usage: node directline-client.mjs <baseUrl> <userId>   stdout: {"posted", "activities": [{id, from, text, replyToId}]}
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
globalThis.XMLHttpRequest = require('xhr2');
// The client needs a WebSocket class even when it polls.
globalThis.WebSocket = require('ws');
const { DirectLine } = require('botframework-directlinejs');

const [baseUrl, user] = process.argv.slice(2);
const generated = await fetch(`${baseUrl}/v3/directline/tokens/generate`, {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ user: { id: user, name: user } })
});
if (!generated.ok) {
  throw new Error(`tokens/generate answered ${generated.status}`);
}

const { token } = await generated.json();
const directLine = new DirectLine({ token, domain: `${baseUrl}/v3/directline`, webSocket: false, pollingInterval: 200 });
const activities = [];
let posted;

await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no answer within 30 s: ${JSON.stringify(activities)}`)), 30000);
  directLine.activity$.subscribe(
    activity => {
      activities.push({ id: activity.id, from: activity.from.id, text: activity.text ?? null, replyToId: activity.replyToId ?? null });
      if (activity.from.id !== user && (activity.text ?? '').startsWith('Here is what I can do')) {
        clearTimeout(timer);
        resolve();
      }
    },
    error => reject(error)
  );
  directLine.postActivity({ type: 'message', from: { id: user, name: user }, text: 'help' }).subscribe(
    id => { posted = id; },
    error => reject(error)
  );
});

directLine.end();
process.stdout.write(JSON.stringify({ posted, activities }));
process.exit(0);
