using System.Text.Json;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Protocol.Connector;

namespace ItsmChatOps.Bot.Application;

/// <summary>The flows the bot's routes call, registered together.</summary>
public sealed record BotFlows(RaiseIncidentFlow Raise, IncidentFlows Incidents, ConfirmClosureFlow Closure, SurveyFlow Surveys, ServiceLevelFlows ServiceLevels,
    ChangeFlows Changes, ChangeFormFlow ChangeForm, ScheduleFlows Schedule, KnowledgeFlow Knowledge, ProblemCandidateFlow Candidates, MajorIncidentFlows Major,
    WarRoomFlow Rooms, MajorReviewFlow Reviews);

/// <summary>
/// The ItsmChatOps chat bot. Each feature registers its routes in its own partial file (ItsmBot.Help.cs,
/// ItsmBot.Incidents.cs, ItsmBot.Closure.cs, ItsmBot.Surveys.cs, ItsmBot.ServiceLevels.cs, ItsmBot.Changes.cs, ItsmBot.Knowledge.cs,
/// ItsmBot.MajorIncidents.cs). Routes find the person behind the turn,
/// call a flow, and render what it answers with the card renderer.
/// </summary>
public sealed partial class ItsmBot : BotApplication
{
    private readonly BotFlows flows;
    private readonly ChatUsers users;
    private readonly ReplyRenderer replies;
    private readonly ILogger<ItsmBot> logger;

    public ItsmBot(BotFlows flows, ChatUsers users, ReplyRenderer replies, ILogger<ItsmBot> logger)
    {
        this.flows = flows;
        this.users = users;
        this.replies = replies;
        this.logger = logger;
        MapHelp();
        MapIncidents();
        MapClosure();
        MapSurveys();
        MapServiceLevels();
        MapChanges();
        MapKnowledge();
        MapMajorIncidents();
        OnUnhandledMessage(FreeTextAsync);
    }

    protected internal override Task OnConversationBlockedAsync(ConversationBlockedException blocked, CancellationToken cancellationToken)
    {
        // Notifications to this conversation will fail until the user adds the bot again.
        logger.LogWarning("User blocked or removed the bot in conversation {ConversationId} ({ChannelId}); nothing more is sent there",
            blocked.Conversation.Conversation.Id, blocked.Conversation.ChannelId);
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="handler"/> for the person behind the turn; an unmapped identity is told why nothing happens (SEC-02).</summary>
    private TurnHandler AsPerson(Func<TurnContext, ChatUser, CancellationToken, Task> handler) => async (turn, cancellationToken) =>
    {
        var lookup = await users.FindAsync(turn, cancellationToken);
        if (lookup.User is { } user)
        {
            await handler(turn, user, cancellationToken);
            return;
        }

        await turn.SendAsync(lookup.Refusal!, cancellationToken);
    };

    private CardActionHandler AsPerson(Func<TurnContext, CardAction, ChatUser, CancellationToken, Task<CardActionResult>> handler) =>
        async (turn, action, cancellationToken) =>
        {
            var lookup = await users.FindAsync(turn, cancellationToken);
            return lookup.User is { } user ? await handler(turn, action, user, cancellationToken) : CardActionResult.Say(lookup.Refusal!);
        };

    private Task<ResourceResponse> SendAsync(TurnContext turn, Reply reply, CancellationToken cancellationToken) =>
        turn.SendAsync(ToActivity(reply), cancellationToken);

    private Activity ToActivity(Reply reply) => replies.ToActivity(reply);

    /// <summary>Replaces the clicked card (and, when given, what everyone else sees); text is said instead.</summary>
    private CardActionResult Replace(CardReply reply) => reply.Viewer switch
    {
        Reply.Card card => new CardActionResult.ReplaceCard(Render(card.Model))
        {
            ForEveryone = reply.Everyone is Reply.Card everyone ? Render(everyone.Model) : null,
            Model = card.Model,
            EveryoneModel = (reply.Everyone as Reply.Card)?.Model,
        },
        Reply.Text text => CardActionResult.Say(text.Value),
        _ => throw new InvalidOperationException($"Unknown reply {reply.Viewer.GetType().Name}."),
    };

    /// <summary>Posts a card as a new message and keeps the clicked one (a list, a form from the help card).</summary>
    private CardActionResult Post(Reply reply, string acknowledgement) => reply switch
    {
        Reply.Card card => new CardActionResult.PostCard(Render(card.Model), acknowledgement) { Model = card.Model },
        Reply.Text text => CardActionResult.Say(text.Value),
        _ => throw new InvalidOperationException($"Unknown reply {reply.GetType().Name}."),
    };

    private JsonElement Render(ICardModel model) => replies.Card(model);

    /// <summary>Where the turn happens: a shared conversation (channel, group chat) or the person's 1:1 chat.</summary>
    private static ConversationPlace Place(TurnContext turn) => new(
        turn.Activity.Conversation is { } c && (c.IsGroup == true || c.ConversationType is "channel" or "groupChat"),
        turn.Activity.Conversation?.Id ?? string.Empty,
        turn.CardAction?.CardActivityId ?? turn.Activity.Id);
}
