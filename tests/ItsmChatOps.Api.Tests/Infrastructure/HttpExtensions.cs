using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;

namespace ItsmChatOps.Api.Tests.Infrastructure;

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: ItsmJson.Options) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PatchJsonAsync<T>(this HttpClient client, string url, T body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body, options: ItsmJson.Options) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body, options: ItsmJson.Options) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<T>(body, ItsmJson.Options)!;
    }

    /// <summary>Asserts a ProblemDetails answer with the status and returns its JSON.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.StartsWith("https://itsmchatops.org/problems/", problem.GetProperty("type").GetString());
        return problem;
    }

    public static IReadOnlyList<string> Requirements(this JsonElement problem) =>
        problem.TryGetProperty("requirements", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToList() : [];

    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToList() : [];
}

/// <summary>Builders for the requests tests send most.</summary>
public static class Requests
{
    public static CreateIncidentRequest Incident(string summary = "Outlook keeps asking for my password", string service = "svc-email",
        Impact impact = Impact.Medium, Urgency urgency = Urgency.Medium, string? category = null) =>
        new() { Summary = summary, ServiceId = service, Impact = impact, Urgency = urgency, Category = category };

    public static ResolutionDetails Resolution(string code = "Fixed", string cause = "Configuration error", string? explanation = null) =>
        new() { Code = code, Notes = "Reset the cached credentials and re-registered the device.", CauseCategory = cause, Explanation = explanation };
}
