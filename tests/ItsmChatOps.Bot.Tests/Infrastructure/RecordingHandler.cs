using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>One HTTP request as it left the app: method, URL, headers and body.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body, DateTimeOffset At, string ResponseBody = "")
{
    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// The HTTP boundary of a test: records every request the app sends through a named client and
/// answers with <see cref="Responder"/>. Tests wait for requests instead of sleeping.
/// </summary>
public sealed class RecordingHandler(TimeProvider time) : HttpMessageHandler
{
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly SemaphoreSlim arrived = new(0);

    public Func<HttpRequestMessage, HttpResponseMessage> Responder { get; set; } = _ => Json(HttpStatusCode.OK, new { id = "1" });

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static HttpResponseMessage Json(HttpStatusCode status, object body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> requests arrived (fails after 20 s, or when <paramref name="cancellationToken"/>
    /// is cancelled: an abandoned wait must not keep taking the signals of requests that later waits are for).
    /// </summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(int count, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        while (requests.Count < count)
        {
            await arrived.WaitAsync(timeout.Token);
        }

        return Requests;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = Responder(request);
        response.RequestMessage = request;
        var answered = await response.Content.ReadAsStringAsync(cancellationToken);
        requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, headers, body, time.GetUtcNow(), answered));
        arrived.Release();
        return response;
    }

    protected override void Dispose(bool disposing)
    {
        arrived.Dispose();
        base.Dispose(disposing);
    }
}
