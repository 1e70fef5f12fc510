using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Bot.Application;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Protocol.Connector;

/// <summary>
/// Bot Framework Connector REST v3 over HttpClient: send, reply, update in place, delete and create
/// conversation. Each call carries the bot's Entra token, and only to a trusted service URL. A 429 is
/// tried again after Retry-After (bounded); a 403 <c>MessageWritesBlocked</c> becomes
/// <see cref="ConversationBlockedException"/>; every answer's <c>X-Correlating-OperationId</c> is logged.
/// </summary>
internal sealed class BotFrameworkConnector(
    IHttpClientFactory httpClients,
    ConnectorTokenProvider tokens,
    ServiceUrlTrust trust,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<BotFrameworkConnector> logger) : IChannelConnector
{
    public const string HttpClientName = "BotFramework.Connector";
    private const string CorrelationHeader = "X-Correlating-OperationId";

    public bool CanDeliver(ConversationReference reference) => ServiceUrlTrust.Normalize(reference.ServiceUrl) is not null;

    public async Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken)
    {
        OutgoingActivity.Address(activity, reference);
        var path = $"v3/conversations/{Escape(reference.Conversation.Id)}/activities";
        return await ReadAsync<ResourceResponse>(reference, HttpMethod.Post, path, activity, cancellationToken) ?? new ResourceResponse(null);
    }

    public async Task<ResourceResponse> ReplyAsync(ConversationReference reference, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        OutgoingActivity.Address(activity, reference).ReplyToId = replyToId;
        return await ReadAsync<ResourceResponse>(reference, HttpMethod.Post, ActivityPath(reference, replyToId), activity, cancellationToken)
            ?? new ResourceResponse(null);
    }

    public async Task<ResourceResponse> UpdateAsync(ConversationReference reference, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        OutgoingActivity.Address(activity, reference).Id = activityId;
        return await ReadAsync<ResourceResponse>(reference, HttpMethod.Put, ActivityPath(reference, activityId), activity, cancellationToken)
            ?? new ResourceResponse(activityId);
    }

    public async Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(reference, HttpMethod.Delete, ActivityPath(reference, activityId), null, cancellationToken);
    }

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        var reference = new ConversationReference { ChannelId = "msteams", ServiceUrl = serviceUrl, Conversation = new ConversationAccount() };
        return await ReadAsync<ConversationResourceResponse>(reference, HttpMethod.Post, "v3/conversations", parameters, cancellationToken)
            ?? throw new ConnectorException(HttpStatusCode.OK, "The Connector created a conversation but did not name it", null);
    }

    /// <summary>Teams answers with the member's <c>aadObjectId</c>, the identity a mention's "29:" id stands for.</summary>
    public async Task<ChannelAccount?> GetMemberAsync(ConversationReference reference, string memberId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(reference, HttpMethod.Get, $"v3/conversations/{Escape(reference.Conversation.Id)}/members/{Escape(memberId)}", null, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<ChannelAccount>(text, ProtocolJson.Options);
    }

    private static string ActivityPath(ConversationReference reference, string activityId) =>
        $"v3/conversations/{Escape(reference.Conversation.Id)}/activities/{Escape(activityId)}";

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private async Task<T?> ReadAsync<T>(ConversationReference reference, HttpMethod method, string path, object body, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(reference, method, path, body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : JsonSerializer.Deserialize<T>(text, ProtocolJson.Options);
    }

    private async Task<HttpResponseMessage> SendAsync(ConversationReference reference, HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var baseUrl = ServiceUrlTrust.Normalize(reference.ServiceUrl);
        if (baseUrl is null || !trust.IsTrusted(baseUrl))
        {
            throw new UntrustedServiceUrlException(reference.ServiceUrl);
        }

        var uri = new Uri(new Uri(baseUrl), path);
        var http = httpClients.CreateClient(HttpClientName);
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken));
            if (body is not null)
            {
                request.Content = JsonContent.Create(body, body.GetType(), options: ProtocolJson.Options);
            }

            var response = await http.SendAsync(request, cancellationToken);
            var correlation = Correlation(response);
            logger.LogInformation("Connector {Method} {Path} answered {Status}, operation {CorrelationId}", method, path, (int)response.StatusCode, correlation);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < options.Value.MaxConnectorRetries)
                {
                    var delay = RetryDelay(response, attempt);
                    logger.LogWarning("Connector throttled {Method} {Path}, operation {CorrelationId}; trying again in {Delay}", method, path, correlation, delay);
                    await Task.Delay(delay, time, cancellationToken);
                    continue;
                }

                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                logger.LogWarning("Connector {Method} {Path} failed with {Status}, operation {CorrelationId}: {Body}", method, path, (int)response.StatusCode, correlation, Truncate(text));
                if (response.StatusCode == HttpStatusCode.Forbidden && text.Contains("MessageWritesBlocked", StringComparison.Ordinal))
                {
                    throw new ConversationBlockedException(reference, correlation);
                }

                throw new ConnectorException(response.StatusCode, $"Connector {method} {path} failed", correlation);
            }
        }
    }

    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        var delay = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromSeconds(Math.Pow(2, attempt)));
        var max = TimeSpan.FromSeconds(options.Value.MaxRetryAfterSeconds);
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > max ? max : delay;
    }

    private static string? Correlation(HttpResponseMessage response) =>
        response.Headers.TryGetValues(CorrelationHeader, out var values) ? values.FirstOrDefault() : null;

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500];
}
