using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>What people do around the bot in the flow tests: report through the bot, and work the incident over HTTP as agents do.</summary>
public static partial class AgentSteps
{
    /// <summary>Raises an incident through the bot's form (Action.Execute) as <paramref name="user"/>; returns its number.</summary>
    public static async Task<string> RaiseAsync(this FlowFixture flow, TeamsUser user, string summary, bool security = false, bool inChannel = false)
    {
        var (response, _) = await flow.TurnAsync(TeamsUsers.Execute(user, CardVerbs.IncidentCreate, Form(summary, security), "form-" + Guid.NewGuid().ToString("N"), inChannel));
        return NumberIn(response.InvokeCard().Words());
    }

    public static object Form(string summary, bool security = false, string idempotencyKey = "") => new
    {
        summary,
        description = "Seen since this morning.",
        serviceId = "svc-email",
        category = "Software > Email",
        impact = "Low",
        urgency = "Medium",
        possibleSecurityIssue = security ? "true" : "false",
        idempotencyKey = idempotencyKey.Length > 0 ? idempotencyKey : Guid.NewGuid().ToString("N"),
    };

    public static string NumberIn(string text) => IncidentNumber().Match(text) is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException($"No incident number in: {text}");

    public static async Task<IncidentResponse> GetAsync(this ApiHost api, string id, string email = "alice@contoso.test")
    {
        using var reader = api.As(email);
        return (await reader.GetFromJsonAsync<IncidentResponse>($"api/incidents/{id}", ItsmJson.Options))!;
    }

    /// <summary>The service desk assigns it to the Messaging group; Bob takes and resolves it.</summary>
    public static async Task AssignAsync(this ApiHost api, string id) =>
        await SendAsync(api, "alice@contoso.test", id, "transitions", new TransitionIncidentRequest { To = IncidentState.Assigned, GroupId = "grp-messaging" });

    public static async Task TakeAsync(this ApiHost api, string id) =>
        await SendAsync(api, "bob@contoso.test", id, "transitions", new TransitionIncidentRequest { To = IncidentState.InProgress });

    public static async Task ResolveAsync(this ApiHost api, string id) =>
        await SendAsync(api, "bob@contoso.test", id, "transitions", new TransitionIncidentRequest
        {
            To = IncidentState.Resolved,
            Resolution = new ResolutionDetails { Code = "Fixed", Notes = "Removed a stale app password and reset the Outlook profile.", CauseCategory = "Configuration error" },
        });

    /// <summary>Assigned, taken and resolved: the reporter is then asked to confirm.</summary>
    public static async Task WorkToResolvedAsync(this ApiHost api, string id)
    {
        await api.AssignAsync(id);
        await api.TakeAsync(id);
        await api.ResolveAsync(id);
    }

    public static Task NoteAsync(this ApiHost api, string id, string text, NoteVisibility visibility) =>
        SendAsync(api, "alice@contoso.test", id, "notes", new AddNoteRequest(text, visibility));

    public static Task WatchAsync(this ApiHost api, string id, string personId) =>
        SendAsync(api, "alice@contoso.test", id, "watchers", new WatchRequest(personId));

    public static Task WorkaroundAsync(this ApiHost api, string id, string text) =>
        SendAsync(api, "bob@contoso.test", id, "workaround", new RecordWorkaroundRequest(text));

    private static async Task SendAsync<T>(ApiHost api, string email, string id, string action, T body)
    {
        using var client = api.As(email);
        using var response = await client.PostAsJsonAsync($"api/incidents/{id}/{action}", body, ItsmJson.Options);
        Assert.True(response.IsSuccessStatusCode, $"{email} {action} on {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [GeneratedRegex(@"INC-\d{6}")]
    private static partial Regex IncidentNumber();
}
