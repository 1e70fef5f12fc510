using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Bot.Cards;

namespace ItsmChatOps.Bot.Slack;

/// <summary>A text a Slack form asks for: its input block, whether it is needed, and the lengths the API's request accepts.</summary>
public sealed record SlackFormField(string Id, string Label, bool Required, int MinLength, int MaxLength);

/// <summary>A card action whose words are checked before anything is sent: the modal's title, its submit button and its fields.</summary>
public sealed record SlackForm(string Verb, string Title, string Submit, string Intro, IReadOnlyList<SlackFormField> Fields);

/// <summary>
/// The actions that carry free text (a rejection's reason, a dismissal's reason, a stakeholder update). A click whose text
/// is missing or too long opens the form as a modal instead of calling the API; the modal's submission is checked while
/// Slack waits, and a field in error is shown under the field (<c>response_action: errors</c>) with nothing sent. The
/// lengths are read from the API's own request records, so the form and the API agree.
/// </summary>
public sealed class SlackForms(SlackCards cards)
{
    public const string Template = "form-modal";

    /// <summary>Slack's own limit on a plain-text input's <c>max_length</c>.</summary>
    public const int SlackInputLimit = 3000;

    public static readonly IReadOnlyDictionary<string, SlackForm> All = new Dictionary<string, SlackForm>(StringComparer.Ordinal)
    {
        [CardVerbs.ChangeReject] = new(CardVerbs.ChangeReject, "Reject the change", "Reject", "A rejection needs a reason: the requester reads it.",
            [Field<ApprovalRequest>(nameof(ApprovalRequest.Reason), "Why do you reject it?", required: true)]),
        [CardVerbs.ProblemCandidateDismiss] = new(CardVerbs.ProblemCandidateDismiss, "Not a problem", "Dismiss", "Say why these incidents are not one problem: the reason is kept with the dismissal.",
            [Field<CandidateDecisionRequest>(nameof(CandidateDecisionRequest.Reason), "Why is this not a problem?", required: true)]),
        [CardVerbs.MajorUpdate] = new(CardVerbs.MajorUpdate, "Stakeholder update", "Send update", "Everyone affected gets this update.",
        [
            Field<PostStatusUpdateRequest>(nameof(PostStatusUpdateRequest.Status), "Status", required: true),
            Field<PostStatusUpdateRequest>(nameof(PostStatusUpdateRequest.BusinessImpact), "Business impact", required: true),
            Field<PostStatusUpdateRequest>(nameof(PostStatusUpdateRequest.Actions), "Actions", required: true),
            Field<PostStatusUpdateRequest>(nameof(PostStatusUpdateRequest.Workaround), "Workaround (optional)", required: false),
        ]),
    };

    /// <summary>What is wrong with the words of <paramref name="data"/> for <paramref name="verb"/>, by input block; empty when they can be sent.</summary>
    public static IReadOnlyDictionary<string, string> Errors(string? verb, JsonObject data)
    {
        if (verb is null || !All.TryGetValue(verb, out var form))
        {
            return new Dictionary<string, string>();
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in form.Fields)
        {
            var value = (data[field.Id] as JsonValue)?.TryGetValue(out string? text) == true ? text.Trim() : string.Empty;
            if (value.Length == 0 && field.Required)
            {
                errors[field.Id] = $"{field.Label.TrimEnd('?')}: this is needed.";
            }
            else if (value.Length > field.MaxLength)
            {
                errors[field.Id] = string.Create(CultureInfo.InvariantCulture, $"At most {field.MaxLength} characters; this has {value.Length}.");
            }
            else if (value.Length > 0 && value.Length < field.MinLength)
            {
                errors[field.Id] = string.Create(CultureInfo.InvariantCulture, $"At least {field.MinLength} characters, please.");
            }
        }

        return errors;
    }

    /// <summary>The form as a modal, with what was typed so far; the click's data (record id, ETag) and where it came from ride in its metadata.</summary>
    public JsonObject Modal(SlackForm form, JsonObject data, string? channel)
    {
        var metadata = new JsonObject();
        foreach (var (name, value) in data.Where(p => form.Fields.All(f => f.Id != p.Key)))
        {
            metadata[name] = value?.DeepClone();
        }

        metadata["verb"] = form.Verb;
        if (channel is not null)
        {
            metadata["channel"] = channel;
        }

        var errors = Errors(form.Verb, data);
        return cards.Render(Template, new JsonObject
        {
            ["verb"] = form.Verb,
            ["title"] = form.Title,
            ["submit"] = form.Submit,
            ["intro"] = form.Intro,
            ["metadata"] = metadata,
            ["fields"] = new JsonArray([.. form.Fields.Select(f => (JsonNode)new JsonObject
            {
                ["id"] = f.Id,
                ["label"] = f.Label,
                ["required"] = f.Required,
                ["maxLength"] = Math.Min(f.MaxLength, SlackInputLimit),
                ["hint"] = errors.GetValueOrDefault(f.Id) ?? string.Create(CultureInfo.InvariantCulture, $"Up to {f.MaxLength} characters."),
                ["value"] = (data[f.Id] as JsonValue)?.TryGetValue(out string? typed) == true ? Cut(typed, Math.Min(f.MaxLength, SlackInputLimit)) : string.Empty,
            })]),
        });
    }

    /// <summary>The data of a card action turn (the button's value and the inputs, or the modal's metadata and inputs).</summary>
    public static JsonObject DataOf(Protocol.Activity activity) =>
        activity.Value is { } value && JsonNode.Parse(value.GetRawText())?["action"]?["data"] is JsonObject data ? data : [];

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];

    private static SlackFormField Field<TRequest>(string property, string label, bool required)
    {
        var length = typeof(TRequest).GetProperty(property)?.GetCustomAttribute<StringLengthAttribute>()
            ?? throw new InvalidOperationException($"{typeof(TRequest).Name}.{property} has no length limit to check against.");
        return new SlackFormField(char.ToLowerInvariant(property[0]) + property[1..], label, required, length.MinimumLength, length.MaximumLength);
    }
}
