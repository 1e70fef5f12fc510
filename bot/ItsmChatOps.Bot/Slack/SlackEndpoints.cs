using System.Text;
using System.Text.Json;
using ItsmChatOps.Bot.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Slack;

/// <summary>
/// The three request URLs of the Slack app (infra/slack/manifest.yaml): Events API, the <c>/itsm</c> slash command
/// and interactivity. Each reads the raw body, verifies Slack's signature over those bytes before parsing anything,
/// queues the turn and answers at once (Slack wants an answer within 3 seconds); the work answers later through the
/// Web API or the <c>response_url</c>. A refused request creates nothing.
/// </summary>
internal static class SlackEndpoints
{
    public const string EventsPath = "/api/slack/events";
    public const string CommandsPath = "/api/slack/commands";
    public const string InteractivityPath = "/api/slack/interactivity";
    private const int MaxBodyBytes = 512 * 1024;

    public static IEndpointRouteBuilder MapSlack(this IEndpointRouteBuilder app)
    {
        app.MapPost(EventsPath, EventsAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ExcludeFromDescription();
        app.MapPost(CommandsPath, CommandsAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ExcludeFromDescription();
        app.MapPost(InteractivityPath, InteractivityAsync).WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes)).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok, ContentHttpResult, JsonHttpResult<object>, StatusCodeHttpResult, ProblemHttpResult>> EventsAsync(
        HttpRequest request, SlackRequestVerifier verifier, SlackTurns turns, IOptions<SlackOptions> options, ILogger<SlackTurns> logger, CancellationToken cancellationToken)
    {
        var (body, refused) = await ReadVerifiedAsync(request, verifier, logger, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        JsonElement envelope;
        try
        {
            envelope = JsonDocument.Parse(body).RootElement;
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The body is not an Events API payload.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (envelope.ValueKind == JsonValueKind.Object && envelope.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String
            && type.GetString() == "url_verification")
        {
            return envelope.TryGetProperty("challenge", out var challenge) && challenge.ValueKind == JsonValueKind.String
                ? TypedResults.Text(challenge.GetString(), "text/plain")
                : TypedResults.Problem("url_verification without a challenge.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.Headers.TryGetValue("X-Slack-Retry-Num", out var retry))
        {
            logger.LogInformation("Slack retried an event (attempt {Retry}, {Reason})", retry.ToString(), request.Headers["X-Slack-Retry-Reason"].ToString());
        }

        return Enqueue(turns, envelope.ValueKind == JsonValueKind.Object ? SlackInbound.FromEvent(envelope, options.Value.TimelineEmoji) : null, logger);
    }

    private static async Task<Results<Ok, ContentHttpResult, JsonHttpResult<object>, StatusCodeHttpResult, ProblemHttpResult>> CommandsAsync(
        HttpRequest request, SlackRequestVerifier verifier, SlackTurns turns, ILogger<SlackTurns> logger, CancellationToken cancellationToken)
    {
        var (body, refused) = await ReadVerifiedAsync(request, verifier, logger, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var turn = SlackInbound.FromCommand(Form(body));
        return turn is null
            ? TypedResults.Problem("The slash command names no team, user or channel.", statusCode: StatusCodes.Status400BadRequest)
            : Enqueue(turns, turn, logger);
    }

    private static async Task<Results<Ok, ContentHttpResult, JsonHttpResult<object>, StatusCodeHttpResult, ProblemHttpResult>> InteractivityAsync(
        HttpRequest request, SlackRequestVerifier verifier, SlackTurns turns, ILogger<SlackTurns> logger, CancellationToken cancellationToken)
    {
        var (body, refused) = await ReadVerifiedAsync(request, verifier, logger, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        JsonElement payload;
        try
        {
            payload = JsonDocument.Parse(Form(body).GetValueOrDefault("payload") ?? string.Empty).RootElement;
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The interaction has no JSON payload.", statusCode: StatusCodes.Status400BadRequest);
        }

        var turn = payload.ValueKind == JsonValueKind.Object ? SlackInbound.FromInteraction(payload) : null;
        if (turn is null)
        {
            return TypedResults.Ok(); // view_closed and other interactions the bot does not act on
        }

        if (turn.IsSubmission
            && SlackForms.Errors(SlackForms.DataOf(turn.Activity)["verb"]?.GetValue<string>(), SlackForms.DataOf(turn.Activity)) is { Count: > 0 } errors)
        {
            // Checked while Slack waits: the modal shows each error under its field, and nothing is queued or sent.
            return TypedResults.Json<object>(new { response_action = "errors", errors });
        }

        var queued = Enqueue(turns, turn, logger);
        if (turn.IsSubmission && queued.Result is Ok)
        {
            // A modal submission: the modal stays open and says it is being worked on; the result replaces it.
            return TypedResults.Json<object>(new { response_action = "update", view = turns.WorkingView() });
        }

        return queued;
    }

    /// <summary>The raw body and, when the request is refused, the answer. <c>ssl_check</c> gets 200 and nothing else.</summary>
    private static async Task<(byte[] Body, Results<Ok, ContentHttpResult, JsonHttpResult<object>, StatusCodeHttpResult, ProblemHttpResult>? Refused)> ReadVerifiedAsync(
        HttpRequest request, SlackRequestVerifier verifier, ILogger logger, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], TypedResults.Problem("The request is too large.", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        if (request.HasFormContentType && Form(body).GetValueOrDefault("ssl_check") == "1")
        {
            return (body, TypedResults.Ok());
        }

        var verdict = verifier.Verify(request.Headers[SlackRequestVerifier.TimestampHeader], request.Headers[SlackRequestVerifier.SignatureHeader], body);
        if (verdict != SlackVerification.Valid)
        {
            // The reason stays in the log: an unsigned caller learns nothing from the answer.
            logger.LogWarning("Slack request to {Path} refused: {Verdict}", request.Path, verdict);
            return (body, TypedResults.StatusCode(StatusCodes.Status401Unauthorized));
        }

        return (body, null);
    }

    private static Results<Ok, ContentHttpResult, JsonHttpResult<object>, StatusCodeHttpResult, ProblemHttpResult> Enqueue(SlackTurns turns, SlackTurn? turn, ILogger logger)
    {
        if (turn is null)
        {
            return TypedResults.Ok(); // an event the bot does not act on: acknowledged so Slack does not retry it
        }

        if (turns.TryEnqueue(turn))
        {
            return TypedResults.Ok();
        }

        logger.LogWarning("The turn queue is full; Slack will retry {DedupeKey}", turn.DedupeKey);
        return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    private static Dictionary<string, string> Form(byte[] body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
}
