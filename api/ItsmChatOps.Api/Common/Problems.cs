using System.Text.Json.Nodes;

namespace ItsmChatOps.Api.Common;

/// <summary>
/// A request the rules refuse, carried to the edge and written as RFC 9457 ProblemDetails with a
/// stable <c>type</c>, the HTTP status of requirements §0, and the failing requirement ids and fields.
/// </summary>
public sealed class ProblemException(int status, string kind, string title, string detail, IReadOnlyList<string>? requirements = null,
    IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, JsonNode?>? extensions = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Kind { get; } = kind;
    public string Title { get; } = title;
    public IReadOnlyList<string> Requirements { get; } = requirements ?? [];
    public IReadOnlyDictionary<string, string[]>? Errors { get; } = errors;

    /// <summary>More members of the problem, e.g. the current record a stale card is refreshed with.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Extensions { get; } = extensions ?? new Dictionary<string, JsonNode?>();
    public string Detail => Message;
}

/// <summary>Factories for the problems the API raises; one stable type per kind.</summary>
public static class Problems
{
    public const string TypeBase = "https://itsmchatops.org/problems/";

    public static string TypeOf(string kind) => TypeBase + kind;

    public static ProblemException NotFound(string what, string id) =>
        new(StatusCodes.Status404NotFound, "not-found", "Not found", $"{what} '{id}' does not exist or is not visible to you.");

    public static ProblemException Forbidden(string detail, params string[] requirements) =>
        new(StatusCodes.Status403Forbidden, "forbidden", "Not allowed", detail, requirements);

    public static ProblemException IllegalTransition(string from, string to, string requirement) =>
        new(StatusCodes.Status409Conflict, "illegal-transition", "Transition not allowed",
            $"Moving from {from} to {to} is not an allowed transition.", [requirement]);

    public static ProblemException Conflict(string detail, params string[] requirements) =>
        new(StatusCodes.Status409Conflict, "rule-conflict", "Not allowed now", detail, requirements);

    public static ProblemException Duplicate(string detail, params string[] requirements) =>
        new(StatusCodes.Status409Conflict, "duplicate", "Already exists", detail, requirements);

    public static ProblemException StaleETag(string id) =>
        new(StatusCodes.Status412PreconditionFailed, "stale-etag", "The record has changed",
            $"'{id}' was changed by someone else since you read it. Read it again and retry.");

    public static ProblemException Unprocessable(string detail, string requirement, string? field = null) =>
        new(StatusCodes.Status422UnprocessableEntity, "rule-violation", "A required field is missing or invalid", detail,
            [requirement], field is null ? null : new Dictionary<string, string[]> { [field] = [detail] });

    public static ProblemException Validation(IReadOnlyDictionary<string, string[]> errors, params string[] requirements) =>
        new(StatusCodes.Status422UnprocessableEntity, "validation", "One or more fields are invalid",
            string.Join(" ", errors.SelectMany(e => e.Value)), requirements, errors);

    public static ProblemException BadRequest(string detail, string? field = null) =>
        new(StatusCodes.Status400BadRequest, "malformed-request", "The request is malformed", detail, null,
            field is null ? null : new Dictionary<string, string[]> { [field] = [detail] });

    public static ProblemException Unauthenticated(string detail) =>
        new(StatusCodes.Status401Unauthorized, "unauthenticated", "Authentication required", detail);
}
