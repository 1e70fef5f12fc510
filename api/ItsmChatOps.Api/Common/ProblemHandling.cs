using System.Text.Json;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ItsmChatOps.Api.Common;

/// <summary>
/// Turns every failure into ProblemDetails, the same in every environment: rule problems keep their
/// status; malformed bodies (bad JSON, unknown enum values, wrong types) are 400 naming the JSON path;
/// oversized bodies 413; a write that lost a race with another writer 412. Anything else is a 500
/// whose detail never leaks internals.
/// </summary>
public sealed class ProblemHandling(IProblemDetailsService problemDetails, ILogger<ProblemHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException p => p,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                new ProblemException(413, "payload-too-large", "The request body is too large", "The request body exceeds the allowed size."),
            BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
            BadHttpRequestException bad => Problems.BadRequest(bad.Message),
            JsonException json => Malformed(json),
            StoreException { Error: StoreError.PreconditionFailed } => Problems.StaleETag(httpContext.Request.Path),
            StoreException { Error: StoreError.InvalidContinuation } => Problems.BadRequest("The continuation token is not valid for this query.", "continuation"),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemException(500, "internal", "Something went wrong", "The request could not be completed. It has been logged.");
        }

        httpContext.Response.StatusCode = problem.Status;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = ToDetails(problem),
        });
    }

    public static ProblemDetails ToDetails(ProblemException problem)
    {
        var details = problem.Errors is { Count: > 0 }
            ? new ValidationProblemDetails(problem.Errors.ToDictionary(e => e.Key, e => e.Value))
            : new ProblemDetails();
        details.Status = problem.Status;
        details.Type = Problems.TypeOf(problem.Kind);
        details.Title = problem.Title;
        details.Detail = problem.Detail;
        if (problem.Requirements.Count > 0)
        {
            details.Extensions["requirements"] = problem.Requirements;
        }

        foreach (var (name, value) in problem.Extensions)
        {
            details.Extensions[name] = value;
        }

        return details;
    }

    private static ProblemException Malformed(JsonException json)
    {
        var path = string.IsNullOrEmpty(json.Path) ? null : json.Path.TrimStart('$', '.');
        var aboutValue = json.Message.Contains("is not allowed", StringComparison.Ordinal)
            || json.Message.Contains("could not be converted", StringComparison.Ordinal)
            || json.Message.Contains("missing required properties", StringComparison.Ordinal)
            || json.Message.StartsWith("Expected an ISO-8601", StringComparison.Ordinal);
        if (!aboutValue || path is null)
        {
            var where = json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})" : "";
            return Problems.BadRequest($"The body is not valid JSON{where}: {FirstSentence(json.Message)}");
        }

        var detail = json.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? $"The value of '{path}' has the wrong type."
            : $"The value of '{path}' is not valid: {FirstSentence(json.Message)}";
        return Problems.BadRequest(detail, path);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).Trim();
    }
}
