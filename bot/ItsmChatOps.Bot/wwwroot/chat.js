// The local chat: Web Chat talking to the bot's own Direct Line endpoint, as the user named in ?user=.
(async function () {
  'use strict';

  const params = new URLSearchParams(window.location.search);
  // A war-room link carries only the room: the person is who this browser last chatted as.
  const user = (params.get('user') || window.localStorage.getItem('itsm-user') || 'alice@contoso.test').trim();
  window.localStorage.setItem('itsm-user', user);
  const room = (params.get('room') || '').trim();
  document.getElementById('user').value = user;
  document.getElementById('room').value = room;
  if (room) {
    document.title = 'ItsmChatOps — war room ' + room;
  }

  // Web Chat cannot run Action.Execute; without it in the registry, cards fall back to their Action.Submit.
  const cards = window.AdaptiveCards;
  const actions = new cards.CardObjectRegistry();
  cards.GlobalRegistry.populateWithDefaultActions(actions);
  actions.unregister('Action.Execute');

  class SubmitOnlySerializationContext extends cards.SerializationContext {
    constructor(version) {
      super(version);
      this.setActionRegistry(actions);
    }
  }

  const adaptiveCardsPackage = Object.assign({}, cards, { SerializationContext: SubmitOnlySerializationContext });

  const response = await fetch('v3/directline/tokens/generate', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(room ? { user: { id: user, name: user }, room } : { user: { id: user, name: user } })
  });
  if (!response.ok) {
    document.getElementById('webchat').textContent = 'The bot did not hand out a chat token (' + response.status + ').';
    return;
  }

  const { token } = await response.json();
  const directLine = window.WebChat.createDirectLine({
    token,
    domain: new URL('v3/directline', window.location.href).href,
    webSocket: false,
    pollingInterval: 500
  });

  window.WebChat.renderWebChat(
    { directLine, userID: user, username: user, locale: 'en-US', adaptiveCardsPackage },
    document.getElementById('webchat')
  );
  document.querySelector('#webchat input, #webchat textarea')?.focus();
})();
