using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.WarRooms;

/// <summary>A channel Microsoft Graph created: its id (<c>19:…@thread.tacv2</c>), the name it got and its link.</summary>
public sealed record GraphChannel(string Id, string DisplayName, string? WebUrl);

/// <summary>A Graph call failed; <see cref="RequestId"/> is Graph's <c>request-id</c> header, for support.</summary>
public class GraphException(HttpStatusCode status, string message, string? requestId)
    : Exception($"{message} (HTTP {(int)status}, request {requestId ?? "unknown"})")
{
    public HttpStatusCode Status { get; } = status;
    public string? RequestId { get; } = requestId;
}

/// <summary>Graph answered 403: the app lacks the permission (<c>Channel.Create.Group</c> to create, <c>ChannelSettings.ReadWrite.All</c> to archive).</summary>
public sealed class GraphPermissionException(string? requestId,
    string message = "The bot may not create channels in the team: grant Channel.Create.Group (or Channel.Create) and consent")
    : GraphException(HttpStatusCode.Forbidden, message, requestId);

/// <summary>
/// Creates Teams channels with Microsoft Graph (<c>POST /teams/{id}/channels</c>, protocol facts §2.2): a standard channel
/// whose name is at most 50 characters. A name already taken gets a numbered suffix; a throttled call (429, 503) is
/// tried again after Retry-After, a bounded number of times. Messages go into the channel through the Connector, not Graph.
/// </summary>
public sealed class GraphChannels(IHttpClientFactory httpClients, GraphTokenProvider tokens, IOptions<WarRoomOptions> options, TimeProvider time,
    ILogger<GraphChannels> logger)
{
    public const string HttpClientName = "MicrosoftGraph";
    public const int MaxNameLength = 50;

    public async Task<GraphChannel> CreateChannelAsync(string teamId, string displayName, string description, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        for (var attempt = 1; attempt <= settings.MaxNameAttempts + 1; attempt++)
        {
            var name = attempt == 1 ? Fit(displayName) : Suffixed(displayName, attempt);
            var body = new { displayName = name, description, membershipType = "standard" };
            using var response = await SendAsync(HttpMethod.Post, $"teams/{Uri.EscapeDataString(teamId)}/channels", body, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                var created = JsonSerializer.Deserialize<GraphChannel>(text, JsonSerializerOptions.Web)
                    ?? throw new GraphException(response.StatusCode, "Graph created a channel but did not describe it", RequestId(response));
                return created;
            }

            if (IsNameClash(response.StatusCode, text))
            {
                logger.LogInformation("Channel name {Name} is taken in team {TeamId}; trying another", name, teamId);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                throw new GraphPermissionException(RequestId(response));
            }

            throw new GraphException(response.StatusCode, $"Creating channel {name} failed: {Truncate(text)}", RequestId(response));
        }

        throw new GraphException(HttpStatusCode.Conflict, $"Every name tried for channel {displayName} is taken", null);
    }

    /// <summary>
    /// Archives a channel (<c>POST /teams/{id}/channels/{id}/archive</c>, application permission ChannelSettings.ReadWrite.All):
    /// Graph answers 202 and finishes by itself. A channel already archived counts as archived.
    /// </summary>
    public async Task ArchiveChannelAsync(string teamId, string channelId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"teams/{Uri.EscapeDataString(teamId)}/channels/{Uri.EscapeDataString(channelId)}/archive",
            new { shouldSetSpoSiteReadOnlyForMembers = true }, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            throw new GraphPermissionException(RequestId(response), "The bot may not archive channels in the team: grant ChannelSettings.ReadWrite.All and consent");
        }

        if (response.StatusCode == HttpStatusCode.BadRequest && text.Contains("archived", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogInformation("Channel {ChannelId} was archived already", channelId);
            return;
        }

        throw new GraphException(response.StatusCode, $"Archiving channel {channelId} failed: {Truncate(text)}", RequestId(response));
    }

    /// <summary>The name cut to 50 characters; with a suffix, the cut leaves room for it.</summary>
    public static string Suffixed(string name, int number)
    {
        var suffix = $"-{number}";
        return Fit(name, MaxNameLength - suffix.Length) + suffix;
    }

    private static string Fit(string name, int max = MaxNameLength) => name.Length <= max ? name : name[..max].TrimEnd('-', ' ');

    /// <summary>Graph reports a taken name as 409, or as 400 with code NameAlreadyExists.</summary>
    private static bool IsNameClash(HttpStatusCode status, string body) =>
        status == HttpStatusCode.Conflict || (status == HttpStatusCode.BadRequest && body.Contains("NameAlreadyExists", StringComparison.OrdinalIgnoreCase));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var uri = new Uri(new Uri(settings.GraphBaseUrl.EndsWith('/') ? settings.GraphBaseUrl : settings.GraphBaseUrl + "/"), path);
        var http = httpClients.CreateClient(HttpClientName);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            var response = await http.SendAsync(request, cancellationToken);
            logger.LogInformation("Graph {Method} {Path} answered {Status}, request {RequestId}", method, path, (int)response.StatusCode, RequestId(response));
            if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
            {
                return response;
            }

            if (attempt >= settings.MaxGraphRetries)
            {
                var requestId = RequestId(response);
                response.Dispose();
                throw new GraphException(HttpStatusCode.TooManyRequests, $"Graph kept throttling {method} {path}", requestId);
            }

            var delay = RetryDelay(response, attempt, settings);
            response.Dispose();
            logger.LogWarning("Graph throttled {Method} {Path}; trying again in {Delay}", method, path, delay);
            await Task.Delay(delay, time, cancellationToken);
        }
    }

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt, WarRoomOptions settings)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromSeconds(Math.Pow(2, attempt)));
        var max = TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
    }

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("request-id", out var values) ? values.FirstOrDefault() : null;

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
