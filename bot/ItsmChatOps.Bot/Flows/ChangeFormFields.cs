using System.Globalization;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Bot.Cards.ViewModels;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// The change form's inputs as the API's request, and the API's field errors in the form's words. Only what the
/// form itself must read is checked here (a date, a CI name); every rule about the change is the API's.
/// </summary>
public static class ChangeFormFields
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["model"] = "Kind of change",
        ["templateId"] = "Standard template",
        ["title"] = "Title",
        ["description"] = "Description",
        ["scope"] = "In scope",
        ["benefitCategory"] = "Benefit",
        ["justification"] = "Justification",
        ["emergencyJustification"] = "Justification",
        ["ciIds"] = "Affected configuration items",
        ["serviceIds"] = "Affected configuration items",
        ["window"] = "Planned window",
        ["implementationPlan"] = "Implementation plan",
        ["backoutPlan"] = "Backout plan",
        ["testPlan"] = "Test plan",
        ["implementerId"] = "Implementer",
        ["implementerGroupId"] = "Implementer",
        ["riskAnswers"] = "Risk assessment",
        ["risk"] = "Risk assessment",
    };

    /// <summary>The request the form describes, or the fields the form could not read.</summary>
    public static async Task<(CreateChangeRequest Request, List<CardFieldError> Errors)> ParseAsync(ItsmApiSession session, ChangeDraft draft,
        CancellationToken cancellationToken)
    {
        var errors = new List<CardFieldError>();
        if (!Enum.TryParse<ChangeModel>(draft.Model, ignoreCase: false, out var model))
        {
            errors.Add(new(Labels["model"], "Pick standard, normal or emergency."));
        }

        var ciIds = new List<string>();
        foreach (var name in List(draft.Cis))
        {
            CiLookupResponse found;
            try
            {
                found = await session.LookupCiAsync(name, cancellationToken);
            }
            catch (ItsmApiException refused) when (refused.Status is System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.BadRequest)
            {
                errors.Add(new(Labels["ciIds"], ApiProblems.PlainWords(refused)));
                continue;
            }

            var match = found.Matches.FirstOrDefault(m => string.Equals(m.Ci.Name, name, StringComparison.OrdinalIgnoreCase) || m.Ci.Id == name)
                ?? (found.Matches.Count > 0 ? found.Matches[0] : null);
            if (match is null)
            {
                errors.Add(new(Labels["ciIds"], $"I couldn't find a configuration item called {name}."));
            }
            else
            {
                ciIds.Add(match.Ci.Id);
            }
        }

        var window = Window(draft, errors);
        var request = new CreateChangeRequest
        {
            Model = model,
            TemplateId = Text(draft.TemplateId),
            Title = Text(draft.Title),
            Description = Text(draft.Description),
            Scope = Text(draft.Scope) is { } scope ? new ChangeScope(scope, null) : null,
            BenefitCategory = Enum.TryParse<BenefitCategory>(draft.BenefitCategory, out var benefit) ? benefit : null,
            Justification = model == ChangeModel.Emergency ? null : Text(draft.Justification),
            EmergencyJustification = model == ChangeModel.Emergency ? Text(draft.Justification) : null,
            OriginRefs = List(draft.OriginRefs),
            ServiceIds = List(draft.ServiceIds),
            CiIds = ciIds,
            Window = window,
            ImplementerId = Text(draft.Implementer),
            ImplementationPlan = Text(draft.ImplementationPlan),
            BackoutPlan = Text(draft.BackoutPlan),
            TestPlan = Text(draft.TestPlan),
        };
        return (request, errors);
    }

    /// <summary>A resubmitted form edits the draft the first submit saved.</summary>
    public static UpdateChangeRequest AsUpdate(CreateChangeRequest request) => new()
    {
        Title = request.Title,
        Description = request.Description,
        Scope = request.Scope,
        BenefitCategory = request.BenefitCategory,
        Justification = request.Justification,
        EmergencyJustification = request.EmergencyJustification,
        ServiceIds = request.ServiceIds is { Count: > 0 } services ? services : null,
        CiIds = request.CiIds is { Count: > 0 } cis ? cis : null,
        Window = request.Window,
        ImplementerId = request.ImplementerId,
        ImplementationPlan = request.ImplementationPlan,
        BackoutPlan = request.BackoutPlan,
        TestPlan = request.TestPlan,
    };

    /// <summary>The API's field errors (a 400/422 ProblemDetails) under the form's labels; without fields, its sentence.</summary>
    public static List<CardFieldError> Errors(ItsmApiException refused) => refused.Errors.Count == 0
        ? [new CardFieldError("Your change", ApiProblems.PlainWords(refused))]
        : [.. refused.Errors.SelectMany(e => e.Value.Select(message => new CardFieldError(Label(e.Key), message)))];

    private static string Label(string field)
    {
        var key = field.Split('.', '[')[0];
        return Labels.GetValueOrDefault(key.Length == 0 ? key : char.ToLowerInvariant(key[0]) + key[1..], "Your change");
    }

    private static ChangeWindow? Window(ChangeDraft draft, List<CardFieldError> errors)
    {
        string?[] parts = [draft.WindowStartDate, draft.WindowStartTime, draft.WindowEndDate, draft.WindowEndTime];
        if (parts.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }

        if (At(draft.WindowStartDate, draft.WindowStartTime) is { } start && At(draft.WindowEndDate, draft.WindowEndTime) is { } end)
        {
            return new ChangeWindow(start, end);
        }

        errors.Add(new(Labels["window"], "Give the date and time (UTC) the window starts and ends."));
        return null;
    }

    private static DateTimeOffset? At(string? date, string? time) =>
        DateTimeOffset.TryParseExact($"{date?.Trim()} {time?.Trim()}", ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static List<string> List(string? value) =>
        (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}
