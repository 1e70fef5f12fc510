using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;
using ApiDraft = ItsmChatOps.Api.Client.Incidents.IncidentDraft;
using FormDraft = ItsmChatOps.Bot.Cards.ViewModels.IncidentDraft;

namespace ItsmChatOps.Bot.Flows;

/// <summary>What the person filled in on the form (INC-01); blank inputs are null.</summary>
public sealed record IncidentSubmission(
    string? Summary,
    string? Description,
    string? ServiceId,
    string? Category,
    string? Impact,
    string? Urgency,
    string? ConfigurationItemId,
    bool PossibleSecurityIssue,
    string IdempotencyKey,
    string? SourceMessageUrl,
    string? ViewedItemIds = null);

/// <summary>Where a conversation happens: shared (a channel or group chat) or the person's 1:1 chat with the bot.</summary>
public sealed record ConversationPlace(bool IsShared, string ConversationId, string? MessageId);

/// <summary>
/// Raise an incident (INC-01): free text becomes a form prefilled by the API's intake (service, category,
/// impact, urgency, the security question), so the person only answers what could not be inferred; the
/// submit creates the incident once per form (idempotency key), and a refusal shows the form again with
/// the API's field errors. In a shared conversation everyone sees the channel card (SEC-03: a security
/// incident shows only its number there). Self-help comes first (KB-08): when the person's words match
/// known errors or articles they may read, those are offered before the form, and the ones they viewed
/// are attached to the incident if they still raise it.
/// </summary>
public sealed class RaiseIncidentFlow(ItsmApiClient api, Catalog catalog, IncidentViews views, KnowledgeFlow knowledge, ILogger<RaiseIncidentFlow> logger)
{
    public const string Verb = "incident.create";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["summary"] = "What's the problem?",
        ["description"] = "Details",
        ["serviceId"] = "Which service is it about?",
        ["category"] = "What kind of problem is it?",
        ["impact"] = "Who is affected?",
        ["urgency"] = "How soon does it need fixing?",
        ["ciIds"] = "Which device or system?",
        ["security"] = "Could this be a security issue?",
    };

    /// <summary>Self-help first when the person said what's wrong and something matches; the form otherwise.</summary>
    public async Task<Reply> StartAsync(ChatUser user, string? text, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(text) && await knowledge.OffersAsync(user, text, cancellationToken) is { } offers)
        {
            return Reply.Show(offers);
        }

        return await FormAsync(user, text, null, cancellationToken);
    }

    /// <summary>The form, prefilled from <paramref name="text"/> by the API's intake; <paramref name="viewedItemIds"/> are what self-help showed.</summary>
    public async Task<Reply> FormAsync(ChatUser user, string? text, string? viewedItemIds, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        var draft = string.IsNullOrWhiteSpace(text)
            ? new FormDraft(null, null, null, null, null, null, null, false)
            : FromIntake(await session.DraftIncidentAsync(text.Trim(), cancellationToken));
        return Reply.Show(await FormAsync(session, draft, [], NewKey(), null, viewedItemIds, cancellationToken));
    }

    public async Task<CardReply> CreateAsync(ChatUser user, IncidentSubmission submission, ConversationPlace place, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            var incident = await session.CreateIncidentAsync(ToRequest(submission, place), $"{Verb}:{submission.IdempotencyKey}", cancellationToken);
            await AttachViewedAsync(session, incident, submission.ViewedItemIds, cancellationToken);
            var view = await views.OfAsync(session, incident, cancellationToken);
            var created = Reply.Show(new IncidentCreatedCard(view, NewKey(), IncidentViews.Related(incident)));
            return place.IsShared ? new CardReply(created, Reply.Show(new IncidentChannelCard(view, incident.AffectedCount + 1))) : created;
        }
        catch (ItsmApiException refused) when (refused.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Forbidden)
        {
            var draft = new FormDraft(submission.Summary, submission.Description, submission.ServiceId, submission.Category, submission.Impact,
                submission.Urgency, submission.ConfigurationItemId, submission.PossibleSecurityIssue);
            return Reply.Show(await FormAsync(session, draft, Errors(refused), submission.IdempotencyKey, submission.SourceMessageUrl, submission.ViewedItemIds,
                cancellationToken));
        }
        catch (ItsmApiException busy) when (busy.Status == HttpStatusCode.Conflict)
        {
            return Reply.Say("I'm already raising this one; it will show up here in a moment.");
        }
    }

    public static Reply Discard() => Reply.Show(new MessageCard(MessageKind.Info, "Cancelled",
        "Nothing was reported. Tell me whenever something isn't working.", null, null));

    /// <summary>KB-08: what self-help showed goes with the incident; the incident stands even when that fails.</summary>
    private async Task AttachViewedAsync(ItsmApiSession session, IncidentResponse incident, string? viewedItemIds, CancellationToken cancellationToken)
    {
        if (KnowledgeFlow.ItemIds(viewedItemIds) is not { Count: > 0 } itemIds)
        {
            return;
        }

        try
        {
            await knowledge.AttachViewedAsync(session, incident.Id, incident.Summary, itemIds, cancellationToken);
        }
        catch (ItsmApiException refused)
        {
            logger.LogWarning(refused, "The knowledge items viewed before raising {IncidentId} could not be attached to it", incident.Id);
        }
    }

    private async Task<IncidentFormCard> FormAsync(ItsmApiSession session, FormDraft draft, IReadOnlyList<CardFieldError> errors, string key,
        string? sourceMessageUrl, string? viewedItemIds, CancellationToken cancellationToken) => new(
        draft,
        await Catalog.ServiceChoicesAsync(session, cancellationToken),
        await catalog.CategoryChoicesAsync(session, cancellationToken),
        IncidentScales.Impact,
        IncidentScales.Urgency,
        [],
        errors,
        sourceMessageUrl,
        key,
        string.IsNullOrWhiteSpace(viewedItemIds) ? null : viewedItemIds);

    private static FormDraft FromIntake(ApiDraft draft) => new(
        draft.Summary,
        draft.Description,
        draft.StillNeeded.Contains("serviceId") ? null : draft.ServiceId,
        draft.Category,
        draft.Impact?.ToString(),
        draft.Urgency?.ToString(),
        null,
        draft.LooksLikeSecurityIssue);

    private static CreateIncidentRequest ToRequest(IncidentSubmission submission, ConversationPlace place) => new()
    {
        Summary = submission.Summary,
        Description = submission.Description,
        ServiceId = submission.ServiceId,
        Category = submission.Category,
        Impact = ByName<Impact>(submission.Impact),
        Urgency = ByName<Urgency>(submission.Urgency),
        CiIds = submission.ConfigurationItemId is { } ci ? [ci] : null,
        Security = submission.PossibleSecurityIssue,
        Source = IncidentSource.Chat,
        ChatMessage = new ChatMessageReference(place.ConversationId, place.MessageId, submission.SourceMessageUrl),
    };

    // Names only ("High"), never numbers: anything else is left empty for the API to ask again.
    private static T? ByName<T>(string? value) where T : struct, Enum =>
        value is not null && Enum.GetNames<T>().Contains(value, StringComparer.Ordinal) ? Enum.Parse<T>(value) : null;

    private static List<CardFieldError> Errors(ItsmApiException refused) =>
        refused.Errors.Count == 0
            ? [new CardFieldError("Your report", ApiProblems.PlainWords(refused))]
            : [.. refused.Errors.SelectMany(e => e.Value.Select(message => new CardFieldError(Labels.GetValueOrDefault(e.Key, "Your report"), message)))];

    private static string NewKey() => Guid.NewGuid().ToString("N");
}
