using System.Globalization;
using System.Text.RegularExpressions;
using Verbs = ItsmChatOps.Bot.Cards.CardVerbs;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.Slack;

namespace ItsmChatOps.Bot.Application;

/// <summary>Raising incidents and following them: report, my incidents, status, comment, withdraw, me too (INC-01, INC-12, SLM-19).</summary>
public sealed partial class ItsmBot
{
    private void MapIncidents()
    {
        OnMessage("report", "Raise an incident: report Outlook keeps asking for my password", AsPerson(RaiseAsync));
        OnMessage("incident", "Raise an incident, as report does", AsPerson(RaiseAsync));
        OnMessage("my incidents", "List your open incidents", AsPerson(MyIncidentsAsync));
        OnMessage("status", "Where an incident stands: status INC-000123", AsPerson(StatusAsync));
        OnCardAction(Verbs.IncidentNew, AsPerson(NewFormAsync));
        OnCardAction(Verbs.IncidentCreate, AsPerson(CreateAsync));
        OnCardAction(Verbs.IncidentDiscard, AsPerson(DiscardAsync));
        OnCardAction(Verbs.IncidentView, AsPerson(ViewAsync));
        OnCardAction(Verbs.IncidentList, AsPerson(ListAsync));
        OnCardAction(Verbs.IncidentComment, AsPerson(CommentAsync));
        OnCardAction(Verbs.IncidentWithdraw, AsPerson(WithdrawAsync));
        OnCardAction(Verbs.IncidentMeToo, AsPerson(MeTooAsync));
    }

    /// <summary>
    /// Any text no command took: a question is answered from the knowledge base, anything else is a problem
    /// described in the person's own words (self-help first, then the form); an empty message gets help.
    /// </summary>
    private Task FreeTextAsync(TurnContext turn, CancellationToken cancellationToken) => turn.Text.Length == 0
        ? turn.SendAsync("Sorry, there was nothing I could act on. " + HelpText(), cancellationToken)
        : AsPerson((t, user, ct) => LooksLikeQuestion(t.Text) ? AnswerAsync(t, user, t.Text, ct) : RaiseFromAsync(t, user, t.Text, ct))(turn, cancellationToken);

    /// <summary>
    /// A problem report is offered self-help first. Slack's <c>/itsm report</c> is the exception: Slack opens a modal
    /// only within seconds of the command, so the form opens at once, prefilled (its trigger is gone after any detour).
    /// </summary>
    private async Task RaiseAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken)
    {
        if (SlackChannel.Get(turn.Activity.Conversation, SlackChannel.TriggerId) is null)
        {
            await RaiseFromAsync(turn, user, ArgumentOf(turn), cancellationToken);
            return;
        }

        await SendAsync(turn, await flows.Raise.FormAsync(user, ArgumentOf(turn), null, cancellationToken), cancellationToken);
    }

    private async Task RaiseFromAsync(TurnContext turn, ChatUser user, string text, CancellationToken cancellationToken) =>
        await SendAsync(turn, await flows.Raise.StartAsync(user, text, cancellationToken), cancellationToken);

    private async Task MyIncidentsAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken) =>
        await SendAsync(turn, await flows.Incidents.MyIncidentsAsync(user, cancellationToken), cancellationToken);

    private async Task StatusAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken)
    {
        var reply = IncidentNumber(ArgumentOf(turn)) is { } id
            ? await flows.Incidents.StatusAsync(user, id, cancellationToken)
            : Reply.Say("Which incident? Type **status** and its number, for example *status INC-000123*.");
        await SendAsync(turn, reply, cancellationToken);
    }

    private async Task<CardActionResult> NewFormAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Post(await flows.Raise.StartAsync(user, Input(action, "text"), cancellationToken), "Here's the form: tell us what's wrong.");

    private async Task<CardActionResult> CreateAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken)
    {
        var submission = new IncidentSubmission(
            Input(action, "summary"),
            Input(action, "description"),
            Input(action, "serviceId"),
            Input(action, "category"),
            Input(action, "impact"),
            Input(action, "urgency"),
            Input(action, "configurationItemId"),
            action.GetString("possibleSecurityIssue") == "true",
            Input(action, "idempotencyKey") ?? $"{turn.Activity.Conversation?.Id}:{action.CardActivityId}",
            Input(action, "sourceMessageUrl"),
            Input(action, "viewedItemIds"));
        return Replace(await flows.Raise.CreateAsync(user, submission, Place(turn), cancellationToken));
    }

    private Task<CardActionResult> DiscardAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken)
    {
        var discarded = RaiseIncidentFlow.Discard();
        return Task.FromResult(Replace(new CardReply(discarded, discarded)));
    }

    /// <summary>"View" posts the status card; Teams refreshing a status card by itself gets it replaced in place.</summary>
    private async Task<CardActionResult> ViewAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken)
    {
        if (IncidentNumber(Input(action, "incidentId") ?? Input(action, "incidentNumber")) is not { } id)
        {
            return CardActionResult.Say("Type the incident number, for example INC-000123.");
        }

        var status = await flows.Incidents.StatusAsync(user, id, cancellationToken);
        return action.IsRefresh ? Replace(status) : Post(status, $"Here's {id}.");
    }

    private async Task<CardActionResult> ListAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Post(await flows.Incidents.MyIncidentsAsync(user, cancellationToken), "Here are your open incidents.");

    private async Task<CardActionResult> CommentAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Incidents.CommentAsync(user, Required(action, "incidentId"), Input(action, "idempotencyKey") ?? string.Empty,
            Input(action, "comment"), cancellationToken));

    private async Task<CardActionResult> WithdrawAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Incidents.WithdrawAsync(user, Required(action, "incidentId"), Input(action, "etag"), cancellationToken));

    private async Task<CardActionResult> MeTooAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Incidents.MeTooAsync(user, Required(action, "incidentId"), cancellationToken));

    /// <summary>The text after the command word ("report printer jammed" → "printer jammed").</summary>
    private static string ArgumentOf(TurnContext turn)
    {
        var space = turn.Text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? string.Empty : turn.Text[(space + 1)..].Trim();
    }

    /// <summary>INC-000123 from "INC-000123", "inc 123" or "123".</summary>
    public static string? IncidentNumber(string? text) =>
        text is not null && IncidentNumberPattern().Match(text) is { Success: true } match
            ? string.Create(CultureInfo.InvariantCulture, $"INC-{long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture):D6}")
            : null;

    private static string? Input(CardAction action, string name) => action.GetString(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string Required(CardAction action, string name) =>
        Input(action, name) ?? throw new InvalidOperationException($"The card action {action.Verb} carries no {name}.");

    [GeneratedRegex(@"^\s*(?:inc(?:ident)?[\s\-#]*)?0*(\d{1,9})\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex IncidentNumberPattern();
}
