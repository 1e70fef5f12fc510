using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Policies;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.State;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// The one change form (CHG-01, CHG-15), opened by the <c>change</c> command or by "Raise change" on an incident
/// (prefilled by the API's draft-from-incident). Submitting raises the change (or edits the draft a refused submit
/// left), submits it, and, for those who assess changes, records the risk questionnaire and moves it to Assessed
/// (CHG-03). Whatever the API refuses comes back on the form, field by field; at the end the person sees the status
/// card with the assessment.
/// </summary>
public sealed class ChangeFormFlow(ItsmApiClient api, ChangeViews views, CardMemory claims, TimeProvider time)
{
    public static IReadOnlyList<CardChoice> Models { get; } =
    [
        new("Standard: a pre-approved template", nameof(ChangeModel.Standard)),
        new("Normal: assessed and approved", nameof(ChangeModel.Normal)),
        new("Emergency: cannot wait", nameof(ChangeModel.Emergency)),
    ];

    public static IReadOnlyList<CardChoice> Benefits { get; } = Enum.GetValues<BenefitCategory>()
        .Select(b => new CardChoice(b switch
        {
            BenefitCategory.ServiceImprovement => "Service improvement",
            BenefitCategory.FaultFix => "Fault fix",
            _ => b.ToString(),
        }, b.ToString()))
        .ToList();

    /// <summary>"Raise change" on an incident: the form prefilled from it. Refusals (not staff, not found) in plain words.</summary>
    public async Task<Reply> FromIncidentAsync(ChatUser user, string incidentId, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            var draft = await session.DraftChangeFromIncidentAsync(incidentId, cancellationToken);
            var cis = new List<string>();
            foreach (var ciId in draft.CiIds ?? [])
            {
                cis.Add((await session.GetCiAsync(ciId, cancellationToken)).Name);
            }

            return Reply.Show(await FormAsync(session, new ChangeDraft(null, incidentId, nameof(ChangeModel.Normal), null, draft.Title, draft.Description, null,
                draft.BenefitCategory?.ToString(), draft.Justification, string.Join(", ", cis), null, null, null, null, null, null, null, null,
                string.Join(",", draft.OriginRefs ?? []), string.Join(",", draft.ServiceIds ?? [])), [], null, cancellationToken));
        }
        catch (ItsmApiException refused) when (refused.Status is not HttpStatusCode.InternalServerError)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>
    /// The <c>change</c> command: "change Upgrade the payroll database on db-payroll-01" opens the form with the title and
    /// the CI. Null when the person may not raise changes (the API refuses them the templates): "change my password"
    /// from them is a request for help instead.
    /// </summary>
    public async Task<Reply?> FromTextAsync(ChatUser user, string text, CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        try
        {
            await session.ChangeTemplatesAsync(cancellationToken);
        }
        catch (ItsmApiException forbidden) when (forbidden.Status == HttpStatusCode.Forbidden)
        {
            return null;
        }

        var at = text.LastIndexOf(" on ", StringComparison.OrdinalIgnoreCase);
        var (title, ci) = at <= 0 ? (text.Trim(), null) : (text[..at].Trim(), text[(at + 4)..].Trim());
        var draft = new ChangeDraft(null, null, nameof(ChangeModel.Normal), null, title.Length == 0 ? null : title, null, null, null, null, ci,
            null, null, null, null, null, null, null, null, null, null);
        return Reply.Show(await FormAsync(session, draft, [], null, cancellationToken));
    }

    /// <summary>Raises (or edits) and submits the change; a refusal shows the form again with the API's words on each field.</summary>
    public async Task<Reply> SubmitAsync(ChatUser user, ChangeDraft draft, IReadOnlyDictionary<string, string> riskAnswers, string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var session = user.Session(api);
        var (parsed, errors) = await ChangeFormFields.ParseAsync(session, draft, cancellationToken);
        if (riskAnswers.Values.Any(v => !int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            errors.Add(new CardFieldError("Risk assessment", "Choose one of the five answers to each question."));
        }

        if (errors.Count > 0)
        {
            return Reply.Show(await FormAsync(session, draft, errors, null, cancellationToken, riskAnswers, idempotencyKey));
        }

        var changeId = draft.ChangeId;
        if (changeId is null)
        {
            // A double click sends the form twice: only the first raises a change.
            var once = BotStateKeys.Once(user.PersonId, "change.create", idempotencyKey);
            if (!await claims.TryClaimAsync(once, time.GetUtcNow(), cancellationToken))
            {
                return Reply.Say("This form was already sent; the change is on its way.");
            }

            try
            {
                changeId = (await session.CreateChangeAsync(parsed, cancellationToken)).Id;
            }
            catch (ItsmApiException refused) when (refused.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Forbidden)
            {
                await claims.ReleaseAsync(once, cancellationToken);
                return Reply.Show(await FormAsync(session, draft, ChangeFormFields.Errors(refused), null, cancellationToken, riskAnswers, idempotencyKey));
            }
        }
        else
        {
            try
            {
                await session.UpdateChangeAsync(changeId, ChangeFormFields.AsUpdate(parsed), cancellationToken);
            }
            catch (ItsmApiException refused) when (refused.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict)
            {
                return Reply.Show(await FormAsync(session, draft, ChangeFormFields.Errors(refused), null, cancellationToken, riskAnswers, idempotencyKey));
            }
        }

        return await SubmitDraftAsync(session, draft with { ChangeId = changeId }, riskAnswers, idempotencyKey, cancellationToken);
    }

    private async Task<Reply> SubmitDraftAsync(ItsmApiSession session, ChangeDraft draft, IReadOnlyDictionary<string, string> riskAnswers, string key,
        CancellationToken cancellationToken)
    {
        var id = draft.ChangeId!;
        var saved = $"{id} is saved as a draft. Fix these fields to submit it.";
        try
        {
            var change = await session.GetChangeAsync(id, cancellationToken);
            if (change.State == ChangeState.Draft)
            {
                change = await session.TransitionChangeAsync(id, new TransitionChangeRequest { To = ChangeState.Submitted }, cancellationToken: cancellationToken);
            }

            var assessed = false;
            if (riskAnswers.Count > 0 && change.State is ChangeState.Submitted or ChangeState.Assessed)
            {
                var answers = riskAnswers.ToDictionary(a => a.Key, a => int.Parse(a.Value, CultureInfo.InvariantCulture));
                change = await session.AssessChangeAsync(id, new AssessChangeRequest { RiskAnswers = answers }, cancellationToken);
                if (change.State == ChangeState.Submitted)
                {
                    change = await session.TransitionChangeAsync(id, new TransitionChangeRequest { To = ChangeState.Assessed }, cancellationToken: cancellationToken);
                }

                assessed = true;
            }

            var notice = assessed
                ? $"{id} is submitted and assessed: {change.Risk?.Level} risk (score {change.Risk?.Score})."
                : $"{id} is submitted. The change manager assesses it next.";
            return Reply.Show(await ChangeFlows.StatusCardAsync(session, views, change, notice, cancellationToken));
        }
        catch (ItsmApiException refused) when (refused.Status is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict
            or HttpStatusCode.Forbidden)
        {
            return Reply.Show(await FormAsync(session, draft, ChangeFormFields.Errors(refused), saved, cancellationToken, riskAnswers, key));
        }
    }

    private async Task<ChangeFormCard> FormAsync(ItsmApiSession session, ChangeDraft draft, IReadOnlyList<CardFieldError> errors, string? notice,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? answers = null, string? key = null)
    {
        List<CardChoice> templates;
        try
        {
            templates = (await session.ChangeTemplatesAsync(cancellationToken)).Where(t => t.Active).Select(t => new CardChoice(t.Name, t.Id)).ToList();
        }
        catch (ItsmApiException forbidden) when (forbidden.Status == HttpStatusCode.Forbidden)
        {
            templates = []; // a forwarded form in the hands of someone who raises no changes: the API's refusal is on it already
        }

        // Those who assess changes answer the questionnaire on the form; the API decides who may (CHG-03).
        var me = await session.MeAsync(cancellationToken);
        var questions = me.Roles.Contains(ItsmRole.ChangeManager) ? RiskQuestions(await session.PolicyAsync("change", cancellationToken), answers) : [];
        return new ChangeFormCard(draft, Models, templates, Benefits, questions, errors, key ?? Guid.NewGuid().ToString("N"), notice);
    }

    private static List<RiskQuestionField> RiskQuestions(PolicyResponse policy, IReadOnlyDictionary<string, string>? answers) =>
        (policy.Body["riskQuestions"] as JsonArray ?? [])
        .OfType<JsonObject>()
        .Select(q => new RiskQuestionField(
            q["id"]!.GetValue<string>(),
            q["text"]!.GetValue<string>(),
            answers?.GetValueOrDefault(q["id"]!.GetValue<string>()),
            (q["scale"] as JsonArray ?? []).Select((s, i) => new CardChoice($"{i + 1}: {s!.GetValue<string>()}", (i + 1).ToString(CultureInfo.InvariantCulture))).ToList()))
        .ToList();
}
