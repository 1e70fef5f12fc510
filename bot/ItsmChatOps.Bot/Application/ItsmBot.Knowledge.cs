using System.Text.RegularExpressions;
using Verbs = ItsmChatOps.Bot.Cards.CardVerbs;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Application;

/// <summary>
/// Answers from the knowledge base (KB-01): <c>ask</c> or a plain question gets the answer card with its
/// sources, "Did this help?" (KB-04) and "Raise an incident" carrying the question; self-help before the
/// form (KB-08): "This solved it" records a deflection, "Still need help" goes on to the form. For staff,
/// "Apply to incident" records a workaround or known error on the incident (INC-09, KB-03), and the problem
/// manager accepts or dismisses a recurring-incident cluster in place (PRB-02).
/// </summary>
public sealed partial class ItsmBot
{
    private void MapKnowledge()
    {
        OnMessage("ask", "Answer a question from the knowledge base: ask how do I connect to the VPN from home", AsPerson(AskAsync));
        OnCardAction(Verbs.KnowledgeFeedback, AsPerson(KnowledgeFeedbackAsync));
        OnCardAction(Verbs.KnowledgeRaiseIncident, AsPerson(RaiseFromAnswerAsync));
        OnCardAction(Verbs.KnowledgeSolved, AsPerson(SolvedAsync));
        OnCardAction(Verbs.KnowledgeNeedHelp, AsPerson(NeedHelpAsync));
        OnCardAction(Verbs.KnowledgeApply, AsPerson(ApplyAsync));
        OnCardAction(Verbs.KnowledgeOpen, AsPerson(OpenAsync));
        OnCardAction(Verbs.ProblemCandidateAccept, AsPerson(AcceptCandidateAsync));
        OnCardAction(Verbs.ProblemCandidateDismiss, AsPerson(DismissCandidateAsync));
    }

    private Task AskAsync(TurnContext turn, ChatUser user, CancellationToken cancellationToken) =>
        AnswerAsync(turn, user, ArgumentOf(turn), cancellationToken);

    private async Task AnswerAsync(TurnContext turn, ChatUser user, string question, CancellationToken cancellationToken) =>
        await SendAsync(turn, await flows.Knowledge.AskAsync(user, question, cancellationToken), cancellationToken);

    private async Task<CardActionResult> KnowledgeFeedbackAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken)
    {
        var reply = await flows.Knowledge.FeedbackAsync(user, Required(action, "itemId"), action.GetString("helpful") == "true", Input(action, "question"),
            Input(action, "idempotencyKey") ?? $"{turn.Activity.Conversation?.Id}:{action.CardActivityId}", cancellationToken);
        return Post(reply, "Thanks for the feedback.");
    }

    /// <summary>"Raise an incident" under an answer: the form, prefilled from the question; the answer card stays.</summary>
    private async Task<CardActionResult> RaiseFromAnswerAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Post(await flows.Raise.FormAsync(user, Input(action, "question"), null, cancellationToken), "Here's the form, with your question filled in.");

    private async Task<CardActionResult> SolvedAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Knowledge.SolvedAsync(user, Required(action, "itemId"), Input(action, "question"), Input(action, "serviceId"),
            Input(action, "idempotencyKey") ?? $"{turn.Activity.Conversation?.Id}:{action.CardActivityId}", cancellationToken));

    /// <summary>"Still need help": the suggestions give way to the form, which carries the items viewed.</summary>
    private async Task<CardActionResult> NeedHelpAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Raise.FormAsync(user, Input(action, "question"), Input(action, "itemIds"), cancellationToken));

    /// <summary>"Apply to incident" on suggested fixes or a known error: the card gives way to the confirmation, or the API's refusal is said.</summary>
    private async Task<CardActionResult> ApplyAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Knowledge.ApplyAsync(user, Required(action, "itemId"), Required(action, "incidentId"), cancellationToken));

    /// <summary>
    /// "Open" on a source: the item in the chat, read as the person (KB-07), in a new message so the answer stays; a resolved
    /// incident opens as its status card. A browser link would need its own sign-in, which a Teams or Slack user does not have.
    /// </summary>
    private async Task<CardActionResult> OpenAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken)
    {
        var id = Required(action, "itemId");
        return Input(action, "source") == nameof(Api.Client.Knowledge.HitSource.ResolvedIncident)
            ? Post(await flows.Incidents.StatusAsync(user, id, cancellationToken), $"Here's {id}.")
            : Post(await flows.Knowledge.OpenAsync(user, id, cancellationToken), $"Here's {id}.");
    }

    private async Task<CardActionResult> AcceptCandidateAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Candidates.AcceptAsync(user, Required(action, "candidateId"), cancellationToken));

    private async Task<CardActionResult> DismissCandidateAsync(TurnContext turn, CardAction action, ChatUser user, CancellationToken cancellationToken) =>
        Replace(await flows.Candidates.DismissAsync(user, Required(action, "candidateId"), Input(action, "reason"), cancellationToken));

    /// <summary>A question rather than a report: it ends with a question mark or starts the way questions do ("how do I...", "where is...").</summary>
    public static bool LooksLikeQuestion(string text) => QuestionPattern().IsMatch(text);

    [GeneratedRegex(@"\?\s*$|^\s*(how|what|what's|whats|why|where|where's|wheres|when|who|which|can|could|should|is|are|do|does|may)\b(?!['’]t)", RegexOptions.IgnoreCase)]
    private static partial Regex QuestionPattern();
}
