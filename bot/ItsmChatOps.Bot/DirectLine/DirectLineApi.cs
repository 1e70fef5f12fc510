using System.Globalization;
using System.Text.Json;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.DirectLine;

/// <summary>
/// The subset of Direct Line 3.0 that botframework-directlinejs (and so Web Chat) uses with polling:
/// token generate and refresh, start or resume a conversation, post an activity, read activities
/// after a watermark. Every call but generate needs a token bound to the conversation it names.
/// Mapped in Development only.
/// </summary>
internal static class DirectLineApi
{
    private const int MaxUserIdLength = 256;
    private const long MaxBodyBytes = 256 * 1024;

    public static void MapDirectLine(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v3/directline")
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .ExcludeFromDescription();
        api.MapPost("/tokens/generate", GenerateAsync);
        api.MapPost("/tokens/refresh", RefreshAsync);
        api.MapPost("/conversations", StartAsync);
        api.MapGet("/conversations/{conversationId}", ResumeAsync);
        api.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        api.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
    }

    private static async Task<Results<Ok<DirectLineConversationInfo>, BadRequest<string>, NotFound<string>>> GenerateAsync(HttpRequest request, DirectLineTokens tokens,
        DirectLineConversations conversations)
    {
        DirectLineTokenRequest? body;
        try
        {
            body = request.ContentLength is > 0 ? await request.ReadFromJsonAsync<DirectLineTokenRequest>(ProtocolJson.Options) : null;
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest("The body is not a token request.");
        }

        var userId = body?.User?.Id is { Length: > 0 } id ? id : "dl_" + DirectLineConversations.NewConversationId();
        if (userId.Length > MaxUserIdLength)
        {
            return TypedResults.BadRequest("user.id is too long");
        }

        // Joining a shared room (a war room link) grants that room; otherwise the person gets a chat of their own.
        if (body?.Room is { Length: > 0 } room && conversations.Find(room) is not { IsRoom: true })
        {
            return TypedResults.NotFound($"There is no room {room}; rooms end when the bot restarts.");
        }

        var grant = new DirectLineGrant(body?.Room is { Length: > 0 } joined ? joined : DirectLineConversations.NewConversationId(), userId, body?.User?.Name);
        return TypedResults.Ok(Info(grant, tokens));
    }

    private static async Task<Results<Ok<DirectLineConversationInfo>, StatusCodeHttpResult>> RefreshAsync(HttpRequest request, DirectLineTokens tokens)
    {
        var (grant, refusal) = await AuthorizeAsync(request, tokens, conversationId: null);
        return grant is null ? refusal! : TypedResults.Ok(Info(grant, tokens));
    }

    private static async Task<Results<Created<DirectLineConversationInfo>, Ok<DirectLineConversationInfo>, StatusCodeHttpResult>> StartAsync(
        HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations, TurnQueue queue, IOptions<BotOptions> options)
    {
        var (grant, refusal) = await AuthorizeAsync(request, tokens, conversationId: null);
        if (grant is null)
        {
            return refusal!;
        }

        var user = new ChannelAccount { Id = grant.UserId, Name = grant.UserName, Role = "user" };
        var conversation = conversations.Open(grant.ConversationId, user, out var created);
        if (!created)
        {
            return TypedResults.Ok(Info(grant, tokens));
        }

        // As the Direct Line service does: the bot learns that it and the user joined the conversation.
        var bot = BotAccount(options.Value);
        var joined = new Activity { Type = ActivityTypes.ConversationUpdate, MembersAdded = [bot, user] };
        queue.TryEnqueue(ForBot(conversation, joined, bot));
        return TypedResults.Created($"/v3/directline/conversations/{conversation.Id}", Info(grant, tokens));
    }

    private static async Task<Results<Ok<DirectLineConversationInfo>, StatusCodeHttpResult, NotFound>> ResumeAsync(
        string conversationId, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var (grant, refusal) = await AuthorizeAsync(request, tokens, conversationId);
        if (grant is null)
        {
            return refusal!;
        }

        return conversations.Find(conversationId) is null ? TypedResults.NotFound() : TypedResults.Ok(Info(grant, tokens));
    }

    private static async Task<Results<Ok<ResourceResponse>, BadRequest<string>, StatusCodeHttpResult, NotFound>> PostActivityAsync(
        string conversationId, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations,
        TurnQueue queue, TurnRunner runner, IOptions<BotOptions> options)
    {
        var (grant, refusal) = await AuthorizeAsync(request, tokens, conversationId);
        if (grant is null)
        {
            return refusal!;
        }

        if (conversations.Find(conversationId) is not { } conversation)
        {
            return TypedResults.NotFound();
        }

        Activity? posted;
        try
        {
            posted = await request.ReadFromJsonAsync<Activity>(ProtocolJson.Options);
        }
        catch (JsonException)
        {
            return TypedResults.BadRequest("The body is not an activity.");
        }

        if (posted is null || string.IsNullOrEmpty(posted.Type))
        {
            return TypedResults.BadRequest("The activity needs a type.");
        }

        // The sender is who the token says, whatever the body claims.
        posted.From = new ChannelAccount { Id = grant.UserId, Name = grant.UserName ?? posted.From?.Name, Role = "user" };
        if (posted is { ReplyToId: null, Value: { ValueKind: JsonValueKind.Object } submitted })
        {
            posted.ReplyToId = conversation.CardWithButtonFor(submitted);
        }

        var bot = BotAccount(options.Value);
        var stored = conversation.Append(Addressed(conversation, posted, bot));
        var inbound = ForBot(conversation, stored, bot);
        if (inbound.Type == ActivityTypes.Invoke)
        {
            await runner.RunAsync(inbound, request.HttpContext.RequestAborted);
        }
        else if (!queue.TryEnqueue(inbound))
        {
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok(new ResourceResponse(stored.Id));
    }

    private static async Task<Results<Ok<DirectLineActivitySet>, StatusCodeHttpResult, NotFound>> GetActivitiesAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokens tokens, DirectLineConversations conversations)
    {
        var (grant, refusal) = await AuthorizeAsync(request, tokens, conversationId);
        if (grant is null)
        {
            return refusal!;
        }

        if (conversations.Find(conversationId) is not { } conversation)
        {
            return TypedResults.NotFound();
        }

        var from = int.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
        var (activities, next) = conversation.Since(from);
        return TypedResults.Ok(new DirectLineActivitySet(activities, next.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>401 without a token; 403 for a forged or expired one, or one bound to another conversation.</summary>
    private static async Task<(DirectLineGrant? Grant, StatusCodeHttpResult? Refusal)> AuthorizeAsync(HttpRequest request, DirectLineTokens tokens, string? conversationId)
    {
        var header = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return (null, TypedResults.StatusCode(StatusCodes.Status401Unauthorized));
        }

        var grant = await tokens.ValidateAsync(header);
        if (grant is null || (conversationId is not null && grant.ConversationId != conversationId))
        {
            return (null, TypedResults.StatusCode(StatusCodes.Status403Forbidden));
        }

        return (grant, null);
    }

    private static DirectLineConversationInfo Info(DirectLineGrant grant, DirectLineTokens tokens) =>
        new(grant.ConversationId, tokens.Issue(grant), (int)DirectLineTokens.Lifetime.TotalSeconds);

    internal static ChannelAccount BotAccount(BotOptions options) =>
        new() { Id = options.AppId is { Length: > 0 } appId ? appId : "itsmchatops-bot", Name = options.DisplayName, Role = "bot" };

    private static Activity Addressed(DirectLineConversation conversation, Activity activity, ChannelAccount bot)
    {
        activity.ChannelId = LocalChannel.ChannelId;
        activity.Conversation = conversation.Account;
        activity.Recipient = bot;
        activity.ServiceUrl = null;
        return activity;
    }

    /// <summary>The copy the bot receives: addressed like a channel activity, answered through the local connector.</summary>
    private static Activity ForBot(DirectLineConversation conversation, Activity activity, ChannelAccount bot)
    {
        var inbound = Addressed(conversation, activity, bot);
        inbound.From ??= conversation.User;
        inbound.ServiceUrl = LocalChannel.ServiceUrl;
        return inbound;
    }
}
