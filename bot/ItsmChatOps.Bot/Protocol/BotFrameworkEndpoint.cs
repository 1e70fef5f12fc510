using System.Text.Json;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol.Auth;
using ItsmChatOps.Bot.Protocol.Connector;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>
/// <c>POST /api/messages</c>, where the Bot Framework channel service delivers activities. The header is
/// checked before the body is read and the token before anything runs. Invokes are answered in the
/// response; every other activity is queued and acknowledged with 200 at once.
/// </summary>
internal static class BotFrameworkEndpoint
{
    public const string Path = "/api/messages";
    private const long MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapBotFramework(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<Ok, JsonHttpResult<object>, StatusCodeHttpResult, ProblemHttpResult>> HandleAsync(
        HttpRequest request, ChannelTokenValidator validator, ServiceUrlTrust trust, TurnRunner runner, TurnQueue queue,
        ILogger<ChannelTokenValidator> logger, CancellationToken cancellationToken)
    {
        var header = request.Headers.Authorization.ToString();
        if (ChannelTokenValidator.ExtractToken(header) is null)
        {
            logger.LogInformation("Channel request refused: no bearer token");
            return Refused(StatusCodes.Status401Unauthorized);
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync<Activity>(request.Body, ProtocolJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The body is not a Bot Framework activity.", statusCode: StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem("The activity is too large.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return TypedResults.Problem("The activity has no type.", statusCode: StatusCodes.Status400BadRequest);
        }

        var auth = await validator.ValidateAsync(header, activity, cancellationToken);
        if (!auth.Succeeded)
        {
            logger.LogWarning("Channel request refused with {Status}: {Reason}", auth.StatusCode, auth.Reason);
            return Refused(auth.StatusCode);
        }

        trust.TrustAuthenticated(activity.ServiceUrl);
        if (activity.Type == ActivityTypes.Invoke)
        {
            var response = await runner.RunAsync(activity, cancellationToken);
            return response?.Body is { } body
                ? TypedResults.Json(body, ProtocolJson.Options, statusCode: response.Status)
                : TypedResults.StatusCode(response?.Status ?? StatusCodes.Status200OK);
        }

        return queue.TryEnqueue(activity) ? TypedResults.Ok() : TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
    }

    // The reason stays in the log: a caller without a valid token learns nothing from the answer.
    private static StatusCodeHttpResult Refused(int status) => TypedResults.StatusCode(status);
}
