using System.Net;
using System.Net.Http.Headers;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Benchmarks.Hosting;

/// <summary>
/// HTTP clients as the bot calls the API: its service token, the person it acts for and the channel.
/// Each client has one connection per worker, kept open, as a busy bot instance would.
/// </summary>
public static class ApiClients
{
    /// <summary>An end user raising incidents from Teams (seed data).</summary>
    public const string Reporter = "dave";

    /// <summary>A service desk agent working the queues (seed data).</summary>
    public const string Agent = "alice";

    private static readonly string BotToken = TestTokens.ForBot();

    public static HttpClient ActingFor(Uri baseAddress, string personId, int connections)
    {
        var client = Anonymous(baseAddress, connections);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", BotToken);
        client.DefaultRequestHeaders.Add(CallerResolver.ActingPersonHeader, personId);
        client.DefaultRequestHeaders.Add(CallerResolver.ChannelHeader, nameof(Channel.Teams));
        return client;
    }

    public static HttpClient Anonymous(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10), UseCookies = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>Reads the answer and fails the request unless it has the expected status.</summary>
    public static async Task<string> ExpectAsync(this Task<HttpResponseMessage> sending, HttpStatusCode expected)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == expected
            ? body
            : throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}, expected {(int)expected}: {Shorten(body)}");
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
