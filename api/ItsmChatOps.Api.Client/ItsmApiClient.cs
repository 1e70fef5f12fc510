using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.BotState;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.People;

namespace ItsmChatOps.Api.Client;

/// <summary>Whom a call acts for: a person id or a chat identity (<c>platform|tenant|user</c>), and the channel it came through.</summary>
public sealed record ActingUser(string? PersonId, string? ChatIdentity, Channel Channel)
{
    public static ActingUser Person(string personId, Channel channel) => new(personId, null, channel);

    public static ActingUser Identity(ChatPlatform platform, string tenantId, string userId, Channel channel) =>
        new(null, $"{platform}|{tenantId}|{userId}", channel);
}

/// <summary>
/// The API's typed client. Calls made for a person go through <see cref="For"/>, which names that person so
/// the API authorizes them by their own roles; the rest are the calling service's own (the event feed, its
/// state, delivery reports, the people directory). Failures are <see cref="ItsmApiException"/>s.
/// The <see cref="HttpClient"/> given carries the base address and the service's bearer token.
/// </summary>
public sealed partial class ItsmApiClient(HttpClient http)
{
    public const string ActingPersonHeader = "X-Itsm-Acting-Person";
    public const string ActingIdentityHeader = "X-Itsm-Acting-Identity";
    public const string ChannelHeader = "X-Itsm-Channel";

    /// <summary>Where the API is, for links people open (knowledge items in answers).</summary>
    public Uri? BaseAddress => http.BaseAddress;

    public ItsmApiSession For(ActingUser user) => new(this, user);

    public Task<EventFeedPage> ReadEventsAsync(string? after, int limit = 100, CancellationToken cancellationToken = default) =>
        SendAsync<EventFeedPage>(HttpMethod.Get, $"api/events?limit={limit}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"), null, null, cancellationToken);

    /// <summary>The person a chat identity maps to, or null when it is not mapped (SEC-02).</summary>
    public async Task<PersonResponse?> ResolvePersonAsync(ChatPlatform platform, string tenantId, string userId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync<PersonResponse>(HttpMethod.Get,
                $"api/people/resolve?platform={platform}&tenantId={Uri.EscapeDataString(tenantId)}&userId={Uri.EscapeDataString(userId)}", null, null, cancellationToken);
        }
        catch (ItsmApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Links a Slack identity to the person with <paramref name="email"/> (SEC-02); null when nobody has that email.</summary>
    public async Task<PersonResponse?> LinkChatIdentityAsync(LinkChatIdentityRequest request, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync<PersonResponse>(HttpMethod.Post, "api/people/link", request, null, cancellationToken);
        }
        catch (ItsmApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>People by id, by ITSM role or by group: how the bot expands an event's notify list.</summary>
    public Task<IReadOnlyList<PersonResponse>> DirectoryAsync(IEnumerable<string>? ids = null, ItsmRole? role = null, string? groupId = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (ids is not null)
        {
            query.Add("ids=" + Uri.EscapeDataString(string.Join(',', ids)));
        }

        if (role is not null)
        {
            query.Add($"role={role}");
        }

        if (groupId is not null)
        {
            query.Add("groupId=" + Uri.EscapeDataString(groupId));
        }

        return SendAsync<IReadOnlyList<PersonResponse>>(HttpMethod.Get, "api/people/directory?" + string.Join('&', query), null, null, cancellationToken);
    }

    public Task<IncidentResponse> RecordDeliveryAsync(string incidentId, DeliveryReport report, CancellationToken cancellationToken = default) =>
        SendAsync<IncidentResponse>(HttpMethod.Post, $"api/incidents/{Uri.EscapeDataString(incidentId)}/deliveries", report, null, cancellationToken);

    public async Task<BotStateEntry?> GetStateAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendAsync<BotStateEntry>(HttpMethod.Get, $"api/bot-state/{Uri.EscapeDataString(key)}", null, null, cancellationToken);
        }
        catch (ItsmApiException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Writes an entry; with <paramref name="ifMatch"/> only over that version. A lost race is an <see cref="ItsmApiException"/> with 412.</summary>
    public Task<BotStateEntry> PutStateAsync(string key, JsonObject value, string? ifMatch = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default) =>
        SendAsync<BotStateEntry>(HttpMethod.Put, $"api/bot-state/{Uri.EscapeDataString(key)}",
            new PutBotStateRequest(value, timeToLive is { } ttl ? (int)ttl.TotalSeconds : null), ifMatch is null ? null : ("If-Match", ifMatch), cancellationToken);

    /// <summary>Creates the entry only if it does not exist: true when this call created it (a dedupe check).</summary>
    public async Task<bool> TryCreateStateAsync(string key, JsonObject value, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendAsync<BotStateEntry>(HttpMethod.Put, $"api/bot-state/{Uri.EscapeDataString(key)}",
                new PutBotStateRequest(value, timeToLive is { } ttl ? (int)ttl.TotalSeconds : null), ("If-None-Match", "*"), cancellationToken);
            return true;
        }
        catch (ItsmApiException ex) when (ex.Status == HttpStatusCode.PreconditionFailed)
        {
            return false;
        }
    }

    public async Task DeleteStateAsync(string key, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/bot-state/{Uri.EscapeDataString(key)}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await ItsmApiException.FromAsync(response, cancellationToken);
        }
    }

    internal async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, (string Name, string Value)? header, CancellationToken cancellationToken, ActingUser? user = null)
    {
        using var response = await SendRawAsync(method, path, body, header, user, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(ItsmJson.Options, cancellationToken)
            ?? throw new JsonException($"The API answered {method} {path} with an empty body.");
    }

    /// <summary>A GET whose answer is not JSON (a chart image, a CSV file): the bytes as the API sent them.</summary>
    internal async Task<byte[]> GetBytesAsync(string path, ActingUser user, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, null, user, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, (string Name, string Value)? header, ActingUser? user,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ItsmJson.Options);
        }

        if (header is { } h)
        {
            request.Headers.TryAddWithoutValidation(h.Name, h.Value);
        }

        if (user is not null)
        {
            request.Headers.Add(ChannelHeader, user.Channel.ToString());
            if (user.ChatIdentity is { } identity)
            {
                request.Headers.Add(ActingIdentityHeader, identity);
            }
            else if (user.PersonId is { } person)
            {
                request.Headers.Add(ActingPersonHeader, person);
            }
        }

        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ItsmApiException.FromAsync(response, cancellationToken);
            }
        }

        return response;
    }

    internal static string Query(object filter)
    {
        var parts = new List<string>();
        foreach (var property in filter.GetType().GetProperties())
        {
            var value = property.GetValue(filter) switch
            {
                null => null,
                DateTimeOffset time => UtcTimestampConverter.Text(time),
                bool flag => flag ? "true" : "false",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            };
            if (value is not null)
            {
                parts.Add($"{JsonNamingPolicy.CamelCase.ConvertName(property.Name)}={Uri.EscapeDataString(value)}");
            }
        }

        return string.Join('&', parts);
    }
}
