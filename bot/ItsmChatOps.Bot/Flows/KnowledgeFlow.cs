using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.State;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// Answers from the knowledge base in chat (KB-01): the API's answer with its sources, "Did this help?"
/// recorded once per card (KB-04), and self-help before the incident form (KB-08): matching known errors,
/// workarounds and articles first, where "This solved it" records a deflection; for people working an incident,
/// "Apply to incident" records the fix on it (INC-09, KB-03). Audience filtering is the
/// API's: the person's own session only ever sees what they may read (KB-07).
/// </summary>
public sealed class KnowledgeFlow(ItsmApiClient api, CardMemory claims, TimeProvider time)
{
    /// <summary>The API's limit on a question's length.</summary>
    public const int MaxQuestionLength = 1000;

    /// <summary>How many items self-help offers before the form.</summary>
    public const int SelfHelpOffers = 3;

    public async Task<Reply> AskAsync(ChatUser user, string question, CancellationToken cancellationToken)
    {
        question = question.Trim();
        if (question.Length < 2)
        {
            return Reply.Say("What would you like to know? Type **ask** and your question, for example *ask how do I connect to the VPN*.");
        }

        if (question.Length > MaxQuestionLength)
        {
            return Reply.Say($"That's a long one: please ask in at most {MaxQuestionLength} characters.");
        }

        try
        {
            var answer = await user.Session(api).AnswerAsync(new AnswerRequest { Question = question }, cancellationToken);
            return Reply.Show(ToCard(answer));
        }
        catch (ItsmApiException refused) when (!ApiProblems.IsTransient(refused))
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    public KnowledgeAnswerCard ToCard(AnswerResponse answer)
    {
        var sources = answer.Sources.Select(s => new KnowledgeSourceView(s.Id, KindName(s.Kind, s.Source), s.Title, s.Snippet, s.Source.ToString())).ToList();
        return new KnowledgeAnswerCard(
            answer.Question,
            answer.Mode != AnswerMode.NoAnswer && sources.Count > 0,
            answer.Mode == AnswerMode.Generated,
            answer.Answer,
            sources,
            answer.Sources.FirstOrDefault(s => s.Source == HitSource.KnowledgeItem)?.Id,
            NewKey());
    }

    /// <summary>"Did this help?": one vote per card, whatever is clicked after.</summary>
    public async Task<Reply> FeedbackAsync(ChatUser user, string itemId, bool helpful, string? question, string cardKey, CancellationToken cancellationToken)
    {
        var once = BotStateKeys.Once(user.PersonId, "knowledge.feedback", $"{cardKey}.{itemId}");
        if (!await claims.TryClaimAsync(once, time.GetUtcNow(), cancellationToken))
        {
            return Reply.Say("You've already told us about this answer. Thank you!");
        }

        try
        {
            await user.Session(api).KnowledgeFeedbackAsync(itemId, new KnowledgeFeedbackRequest { Helpful = helpful, Question = Clip(question) }, cancellationToken);
            return Reply.Say(helpful
                ? "Thanks! Glad it helped."
                : "Thanks for telling us: the article's owner will see it. If you still need help, choose **Raise an incident**.");
        }
        catch (ItsmApiException refused)
        {
            await claims.ReleaseAsync(once, cancellationToken);
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>Self-help first (KB-08): what the person may read that matches their words, or null when nothing does.</summary>
    public async Task<SuggestedFixesCard?> OffersAsync(ChatUser user, string text, CancellationToken cancellationToken)
    {
        var question = Clip(text.Trim())!;
        var found = await user.Session(api).SearchKnowledgeAsync(question, SelfHelpOffers + 2, cancellationToken: cancellationToken);
        var fixes = found.Hits
            .Where(h => h is { Source: HitSource.KnowledgeItem, Kind: not KnowledgeKind.Specialist })
            .Take(SelfHelpOffers)
            .Select(Fix)
            .ToList();
        return fixes.Count == 0
            ? null
            : new SuggestedFixesCard(question, string.Empty, null, null, fixes, string.Join(',', fixes.Select(f => f.Id)), NewKey());
    }

    /// <summary>"This solved it": a deflection on the item, once per card; nothing is raised.</summary>
    public async Task<Reply> SolvedAsync(ChatUser user, string itemId, string? question, string? serviceId, string cardKey, CancellationToken cancellationToken)
    {
        var once = BotStateKeys.Once(user.PersonId, "knowledge.solved", cardKey);
        if (await claims.TryClaimAsync(once, time.GetUtcNow(), cancellationToken))
        {
            try
            {
                await user.Session(api).SelfHelpAsync(new SelfHelpRequest
                {
                    Outcome = SelfHelpOutcome.Solved,
                    Question = Clip(question) is { Length: >= 2 } asked ? asked : itemId,
                    ServiceId = string.IsNullOrWhiteSpace(serviceId) ? null : serviceId,
                    ItemIds = [itemId],
                }, cancellationToken);
            }
            catch (ItsmApiException refused)
            {
                await claims.ReleaseAsync(once, cancellationToken);
                return Reply.Say(ApiProblems.PlainWords(refused));
            }
        }

        return Reply.Show(new MessageCard(MessageKind.Success, "Glad that fixed it",
            "Nothing was raised. If it comes back, just tell me what's wrong again.", null, null));
    }

    /// <summary>
    /// "Apply to incident" (INC-09, KB-03): someone working the incident applies a workaround or known error to it; the API
    /// links it (and the known error) and counts it toward the item's effectiveness. Applying it again changes nothing.
    /// </summary>
    public async Task<Reply> ApplyAsync(ChatUser user, string itemId, string incidentId, CancellationToken cancellationToken)
    {
        try
        {
            var item = await user.Session(api).ApplyKnowledgeAsync(itemId, new ApplyKnowledgeRequest(incidentId), cancellationToken);
            var knownError = item.KnownErrorId is { } error ? $" and {incidentId} is linked to known error {error}" : string.Empty;
            return Reply.Show(new MessageCard(MessageKind.Success, $"Applied to {incidentId}",
                $"{KindName(item.Kind, HitSource.KnowledgeItem)} \"{item.Content.Title}\" ({item.Id}) is recorded on the incident{knownError}. "
                + "Whether the incident stays fixed counts toward the item's effectiveness.",
                null,
                new MessageAction("View incident", CardVerbs.IncidentView, new Dictionary<string, string> { ["incidentId"] = incidentId })));
        }
        catch (ItsmApiException refused) when (!ApiProblems.IsTransient(refused))
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>"Still need help": the items viewed are attached to the incident raised afterwards, for the agent who takes it.</summary>
    public async Task AttachViewedAsync(ItsmApiSession session, string incidentId, string summary, IReadOnlyList<string> itemIds, CancellationToken cancellationToken) =>
        await session.SelfHelpAsync(new SelfHelpRequest
        {
            Outcome = SelfHelpOutcome.StillNeedHelp,
            Question = Clip(summary),
            ItemIds = [.. itemIds.Distinct(StringComparer.Ordinal).Take(10)],
            IncidentId = incidentId,
        }, cancellationToken);

    /// <summary>Item ids as cards carry them: comma-separated.</summary>
    public static IReadOnlyList<string> ItemIds(string? carried) =>
        string.IsNullOrWhiteSpace(carried) ? [] : carried.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>
    /// INC-09: the "Suggested fixes" card for someone working <paramref name="incidentId"/>, from what they may read;
    /// null when nothing matches for them.
    /// </summary>
    public static async Task<SuggestedFixesCard?> IncidentFixesAsync(ItsmApiSession session, string incidentId, CancellationToken cancellationToken)
    {
        var incident = await session.GetIncidentAsync(incidentId, cancellationToken);
        var suggestions = await session.GetSuggestionsAsync(incidentId, cancellationToken);
        var fixes = suggestions.Suggestions.Where(h => h.Kind != KnowledgeKind.Specialist).Select(Fix).ToList();
        return fixes.Count == 0
            ? null
            : new SuggestedFixesCard(incident.Security ? "Restricted incident" : incident.Summary, incident.ServiceId, incident.Id, incident.Id, fixes,
                string.Join(',', fixes.Select(f => f.Id)), NewKey());
    }

    /// <summary>
    /// "Open" on a source: the item read in the chat as the person who clicked, so its audience is checked again (KB-07);
    /// someone who may not read it is told it cannot be found, as for an id that does not exist.
    /// </summary>
    public async Task<Reply> OpenAsync(ChatUser user, string itemId, CancellationToken cancellationToken)
    {
        try
        {
            var item = await user.Session(api).GetKnowledgeItemAsync(itemId, cancellationToken);
            return Reply.Show(ItemCard(item));
        }
        catch (ItsmApiException refused) when (!ApiProblems.IsTransient(refused))
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    public static KnowledgeItemCard ItemCard(KnowledgeItemResponse item) => new(
        item.Id,
        KindName(item.Kind, HitSource.KnowledgeItem),
        item.Content.Title,
        item.Content.Body,
        item.Content.Symptoms,
        item.Content.Steps,
        item.Content.Risks,
        item.Content.ServiceIds,
        item.Version,
        item.PublishedAt,
        item.State == KnowledgeState.Retired,
        NewKey());

    private static SuggestedFixView Fix(SearchHit hit) => new(hit.Id, KindName(hit.Kind, hit.Source), hit.Title, hit.Snippet, hit.Source.ToString(),
        (int)Math.Round(hit.Score * 100), hit.Source == HitSource.KnowledgeItem && hit.Kind != KnowledgeKind.Specialist);

    private static string KindName(KnowledgeKind? kind, HitSource source) => source == HitSource.ResolvedIncident ? "Resolved incident" : kind switch
    {
        KnowledgeKind.KnownError => "Known error",
        KnowledgeKind.Workaround => "Workaround",
        KnowledgeKind.Checklist => "Checklist",
        KnowledgeKind.Specialist => "Who to ask",
        _ => "Article",
    };

    private static string? Clip(string? text) => text is null ? null : text.Length <= MaxQuestionLength ? text : text[..MaxQuestionLength];

    private static string NewKey() => Guid.NewGuid().ToString("N");
}
