using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Core;

namespace ItsmChatOps.AzureHooks;

/// <summary>The few Microsoft Graph v1.0 calls the hooks make, with JSON bodies and Graph's error messages kept.</summary>
public sealed class GraphApi(HttpClient http) : IDisposable
{
    public const string Scope = "https://graph.microsoft.com/.default";

    public static GraphApi Create(TokenCredential credential) =>
        new(new HttpClient(new BearerTokenHandler(credential, Scope)) { BaseAddress = new Uri("https://graph.microsoft.com/v1.0/") });

    public async Task<JsonObject?> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return response.StatusCode == HttpStatusCode.NotFound ? null : await ReadAsync(response, "GET", path);
    }

    /// <summary>Every item of a collection, following <c>@odata.nextLink</c>.</summary>
    public async Task<List<JsonObject>> ListAsync(string path)
    {
        var items = new List<JsonObject>();
        for (string? next = path; next is not null;)
        {
            var page = await GetAsync(next) ?? throw new HookException($"Microsoft Graph has no collection at {next}.");
            items.AddRange(page["value"]!.AsArray().OfType<JsonObject>());
            next = (string?)page["@odata.nextLink"];
        }

        return items;
    }

    /// <summary>PATCH, with <c>Prefer: create-if-missing</c> for upserts by alternate key.</summary>
    public async Task<JsonObject?> PatchAsync(string path, JsonObject body, bool createIfMissing = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) };
        if (createIfMissing)
        {
            request.Headers.Add("Prefer", "create-if-missing");
        }

        using var response = await http.SendAsync(request);
        return await ReadAsync(response, "PATCH", path);
    }

    public async Task<JsonObject?> PostAsync(string path, JsonObject body)
    {
        using var response = await http.PostAsJsonAsync(path, body);
        return await ReadAsync(response, "POST", path);
    }

    private static async Task<JsonObject?> ReadAsync(HttpResponseMessage response, string method, string path)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            var message = text.Length > 0 && JsonNode.Parse(text)?["error"]?["message"] is { } error ? (string?)error : text;
            var hint = response.StatusCode == HttpStatusCode.Forbidden
                ? " Creating app registrations and granting app roles needs the Application Administrator (or Cloud Application Administrator) role, or Application.ReadWrite.All and AppRoleAssignment.ReadWrite.All for a pipeline."
                : "";
            throw new HookException($"Microsoft Graph {method} {path} answered {(int)response.StatusCode}: {message}{hint}");
        }

        return text.Length == 0 ? null : JsonNode.Parse(text)?.AsObject();
    }

    public void Dispose() => http.Dispose();
}

/// <summary>Adds a bearer token for one scope to every request.</summary>
public sealed class BearerTokenHandler(TokenCredential credential, string scope) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return await base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Azure Resource Manager, asked only which tenant a subscription belongs to.</summary>
public sealed class ArmApi(TokenCredential credential) : IDisposable
{
    private readonly HttpClient http = new(new BearerTokenHandler(credential, "https://management.azure.com/.default"))
    {
        BaseAddress = new Uri("https://management.azure.com/"),
    };

    public async Task<string> TenantOfSubscriptionAsync(string subscriptionId)
    {
        var subscription = await http.GetFromJsonAsync<JsonObject>($"subscriptions/{subscriptionId}?api-version=2022-12-01");
        return (string?)subscription?["tenantId"] ?? throw new HookException($"Subscription {subscriptionId} did not name its tenant.");
    }

    public void Dispose() => http.Dispose();
}
