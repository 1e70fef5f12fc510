// The official Adaptive Cards engines, loaded for Node: the templating engine as the oracle for the
// C# expander, and the JS renderer's parser (which needs a DOM, hence jsdom) as the card validator.
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';

const require = createRequire(import.meta.url);
const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;

// The package's ES module build uses extensionless imports Node cannot resolve; the UMD bundle works.
export const AC = require('adaptivecards/dist/adaptivecards.js');
const Templating = require('adaptivecards-templating');

export function expand(template, data) {
  return new Templating.Template(template).expand({ $root: data });
}

const describe = (phase) => (e) => ({ phase, event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message });

function parse(card, withoutExecute) {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  if (withoutExecute) {
    // A client that does not know Action.Execute (Web Chat) falls back to each action's fallback.
    const actions = new AC.CardObjectRegistry();
    AC.GlobalRegistry.populateWithDefaultActions(actions);
    actions.unregister('Action.Execute');
    context.setActionRegistry(actions);
  }
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    events.push(describe('parse')(context.getEventAt(i)));
  }
  events.push(...parsed.validateProperties().validationEvents.map(describe('validate')));
  return { parsed, events };
}

// Parse and validate as a card of version 1.5, as a client with Action.Execute and as one without.
export function validate(card) {
  const full = parse(card, false);
  // Such a client has no Universal Actions, so it also ignores refresh (which only takes Action.Execute).
  const { refresh, ...withoutRefresh } = card;
  const fallback = parse(withoutRefresh, true);
  const unknownExecute = (e) => e.event === 'UnknownActionType' && e.message.includes('Action.Execute');
  return {
    events: full.events,
    fallbackEvents: fallback.events.filter((e) => !unknownExecute(e)),
    fallbackCard: fallback.parsed.toJSON(),
  };
}
