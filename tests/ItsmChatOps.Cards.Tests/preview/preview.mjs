// Renders every card template in cards/teams with its sample data, the way a Teams-like client would:
// expanded by Microsoft's templating engine, rendered by Microsoft's Adaptive Cards renderer in headless
// Chromium, saved as cards/preview/<name>.png. Run: node tests/ItsmChatOps.Cards.Tests/preview/preview.mjs
import { mkdtemp, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { expand } from '../oracle/adaptive-cards.mjs';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, '../../..');
const templates = path.join(repository, 'cards', 'teams');
const output = path.join(repository, 'cards', 'preview');
const browser = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));
const names = (await readdir(templates))
  .filter((f) => f.endsWith('.json') && !f.endsWith('.data.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();
const hostConfig = await readJson(path.join(here, 'teams-host-config.json'));

// Teams draws buttons and inputs with its own styles; these approximate them around the renderer's output.
const styles = `
  body { margin: 0; padding: 16px; background: #EBEBEB; }
  #card { width: 460px; background: #FFFFFF; border-radius: 8px; box-shadow: 0 1px 2px rgba(0,0,0,.14); overflow: hidden; }
  .ac-pushButton { font: 600 14px ${hostConfig.fontFamily}; padding: 5px 12px; border: 1px solid #D1D1D1; border-radius: 4px;
    background: #FFFFFF; color: #242424; min-height: 32px; }
  .ac-pushButton.style-positive { background: #5B5FC7; border-color: #5B5FC7; color: #FFFFFF; }
  .ac-pushButton.expanded { background: #E8EBFA; border-color: #5B5FC7; }
  .ac-input { font: 14px ${hostConfig.fontFamily}; }
  .ac-textInput, .ac-choiceSetInput-compact, .ac-choiceSetInput-filtered-textbox { border: 1px solid #D1D1D1; border-radius: 4px; padding: 6px 8px; background: #FFFFFF; }
  .ac-textInput.ac-multiline { height: 64px; }
  .ac-textBlock ul, .ac-textBlock ol { margin: 0; padding-inline-start: 20px; box-sizing: border-box; }
`;

async function render(page, name) {
  const card = expand(await readJson(path.join(templates, `${name}.json`)), await readJson(path.join(templates, `${name}.data.json`)));
  const problems = await page.evaluate(([json, config]) => {
    const adaptiveCard = new AdaptiveCards.AdaptiveCard();
    adaptiveCard.hostConfig = new AdaptiveCards.HostConfig(config);
    const context = new AdaptiveCards.SerializationContext(AdaptiveCards.Versions.v1_5);
    adaptiveCard.parse(json, context);
    const events = [];
    for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
    const target = document.getElementById('card');
    target.replaceChildren(adaptiveCard.render());
    return events;
  }, [card, hostConfig]);
  await page.locator('#card').screenshot({ path: path.join(output, `${name}.png`) });
  return problems;
}

await mkdir(output, { recursive: true });
const profile = await mkdtemp(path.join(tmpdir(), 'card-preview-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: browser,
  headless: true,
  locale: 'en-GB',
  timezoneId: 'Europe/London',
  viewport: { width: 520, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  // The page needs nothing from the network; refuse any request so a card cannot fetch anything.
  await context.route('**/*', (route) => route.abort());
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setContent(`<!DOCTYPE html><html><head><style>${styles}</style></head><body><div id="card"></div></body></html>`);
  await page.addScriptTag({ path: require.resolve('markdown-it/dist/markdown-it.min.js') });
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.min.js') });
  for (const name of names) {
    const problems = await render(page, name);
    failed ||= problems.length > 0;
    console.log(`${problems.length ? 'PROBLEMS' : 'ok'} ${path.relative(repository, path.join(output, `${name}.png`))}${problems.map((p) => `\n  ${p}`).join('')}`);
  }
} finally {
  await context.close();
  await rm(profile, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
