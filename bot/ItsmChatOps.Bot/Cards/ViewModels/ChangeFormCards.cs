namespace ItsmChatOps.Bot.Cards.ViewModels;

/// <summary>
/// The change form (CHG-01, CHG-15), from the <c>change</c> command or "Raise change" on an incident, prefilled and,
/// after a refused submit, showing the API's field errors. Inputs come back as model, templateId, title, description,
/// scope, benefitCategory, justification, cis (CI names, comma-separated), windowStartDate/Time and windowEndDate/Time
/// (UTC), implementationPlan, backoutPlan, testPlan, implementer and <c>risk_{question}</c> (1–5). The submit carries
/// the change id once a draft is saved, the originating incident, its other origins and services.
/// </summary>
public sealed record ChangeFormCard(
    ChangeDraft Draft,
    IReadOnlyList<CardChoice> Models,
    IReadOnlyList<CardChoice> Templates,
    IReadOnlyList<CardChoice> Benefits,
    IReadOnlyList<RiskQuestionField> RiskQuestions,
    IReadOnlyList<CardFieldError> Errors,
    string IdempotencyKey,
    string? Notice = null) : ICardModel
{
    public static string TemplateName => "change-form";

    /// <summary>The choices the draft holds, for Slack, which preselects an option by the option itself.</summary>
    public CardChoice? ChosenModel => Models.FirstOrDefault(c => c.Value == Draft.Model);

    public CardChoice? ChosenTemplate => Templates.FirstOrDefault(c => c.Value == Draft.TemplateId);

    public CardChoice? ChosenBenefit => Benefits.FirstOrDefault(c => c.Value == Draft.BenefitCategory);
}

/// <summary>What the form holds; <see cref="ChangeId"/> once a draft was saved, so a resubmit edits it instead of raising another.</summary>
public sealed record ChangeDraft(
    string? ChangeId,
    string? IncidentId,
    string Model,
    string? TemplateId,
    string? Title,
    string? Description,
    string? Scope,
    string? BenefitCategory,
    string? Justification,
    string? Cis,
    string? WindowStartDate,
    string? WindowStartTime,
    string? WindowEndDate,
    string? WindowEndTime,
    string? ImplementationPlan,
    string? BackoutPlan,
    string? TestPlan,
    string? Implementer,
    string? OriginRefs,
    string? ServiceIds);

/// <summary>A question of the risk questionnaire (CHG-03) with its five answers; shown to those who assess changes.</summary>
public sealed record RiskQuestionField(string Id, string Question, string? Answer, IReadOnlyList<CardChoice> Scale)
{
    public CardChoice? Chosen => Scale.FirstOrDefault(c => c.Value == Answer);
}

/// <summary>
/// An approver's question to the originator (CHG-05), with a box to answer it; once answered (<see cref="Answer"/>),
/// the card shows the answer and no box. <see cref="Index"/> is the question's position on the change, as text for the action data.
/// </summary>
public sealed record ChangeQuestionCard(string ChangeId, string Title, string Index, string AskedBy, string Question, string? Answer, string? Notice = null) : ICardModel
{
    public static string TemplateName => "change-question";
}
