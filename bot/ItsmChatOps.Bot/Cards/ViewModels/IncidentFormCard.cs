namespace ItsmChatOps.Bot.Cards.ViewModels;

/// <summary>
/// The "report a problem" form (INC-01), prefilled from what the user typed, with the API's field
/// errors after a rejected submit. Inputs come back as summary, description, serviceId, category,
/// impact, urgency, configurationItemId and possibleSecurityIssue ("true"/"false"); the submit carries
/// <see cref="ViewedItemIds"/> (comma-separated), the knowledge items self-help showed first (KB-08).
/// </summary>
public sealed record IncidentFormCard(
    IncidentDraft Draft,
    IReadOnlyList<CardChoice> Services,
    IReadOnlyList<CardChoice> Categories,
    IReadOnlyList<CardChoice> ImpactChoices,
    IReadOnlyList<CardChoice> UrgencyChoices,
    IReadOnlyList<CardChoice> ConfigurationItems,
    IReadOnlyList<CardFieldError> Errors,
    string? SourceMessageUrl,
    string IdempotencyKey,
    string? ViewedItemIds = null) : ICardModel
{
    public static string TemplateName => "incident-form";

    /// <summary>The choices the draft already holds, for forms that preselect an option by the option itself (Slack).</summary>
    public CardChoice? ChosenService => Services.FirstOrDefault(c => c.Value == Draft.ServiceId);

    public CardChoice? ChosenCategory => Categories.FirstOrDefault(c => c.Value == Draft.Category);

    public CardChoice? ChosenImpact => ImpactChoices.FirstOrDefault(c => c.Value == Draft.Impact);

    public CardChoice? ChosenUrgency => UrgencyChoices.FirstOrDefault(c => c.Value == Draft.Urgency);
}

public sealed record IncidentDraft(
    string? Summary,
    string? Description,
    string? ServiceId,
    string? Category,
    string? Impact,
    string? Urgency,
    string? ConfigurationItemId,
    bool PossibleSecurityIssue);

public sealed record CardChoice(string Title, string Value);

/// <summary>A field error from the API (a 400/422 ProblemDetails), with the field's label as the form shows it.</summary>
public sealed record CardFieldError(string Field, string Message);

/// <summary>The default impact and urgency scales of SLM-05, in the words the form shows as help text.</summary>
public static class IncidentScales
{
    public static IReadOnlyList<CardChoice> Impact { get; } =
    [
        new("High: a business function or many people are stopped", "High"),
        new("Medium: a team or an important function is slowed down", "Medium"),
        new("Low: just me, or a minor nuisance", "Low"),
    ];

    public static IReadOnlyList<CardChoice> Urgency { get; } =
    [
        new("High: it hurts the business now or within the hour", "High"),
        new("Medium: it needs fixing today", "Medium"),
        new("Low: later is fine, or I can work around it", "Low"),
    ];
}
