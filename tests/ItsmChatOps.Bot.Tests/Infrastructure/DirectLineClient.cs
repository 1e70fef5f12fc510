using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>Calls the local Direct Line endpoint the way botframework-directlinejs does.</summary>
public sealed class DirectLineClient(HttpClient http)
{
    public async Task<(string ConversationId, string Token)> GenerateAsync(string userId)
    {
        using var response = await http.PostAsJsonAsync("/v3/directline/tokens/generate", new { user = new { id = userId, name = userId } });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("conversationId").GetString()!, body.GetProperty("token").GetString()!);
    }

    public async Task<string> StartAsync(string userId)
    {
        var (conversationId, token) = await GenerateAsync(userId);
        using var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations", token);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(conversationId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversationId").GetString());
        return token;
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    public async Task<(JsonElement[] Activities, string Watermark)> GetActivitiesAsync(string conversationId, string token, string? watermark = null)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}", token);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return ([.. body.GetProperty("activities").EnumerateArray()], body.GetProperty("watermark").GetString()!);
    }

    /// <summary>Polls (as Web Chat does) until an activity matches, failing after 20 s.</summary>
    public async Task<JsonElement> WaitForAsync(string conversationId, string token, Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var (activities, _) = await GetActivitiesAsync(conversationId, token);
            if (activities.FirstOrDefault(match) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, timeout.Token);
        }
    }

    public static string ConversationOf(string token) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetClaim("conv").Value;
}
