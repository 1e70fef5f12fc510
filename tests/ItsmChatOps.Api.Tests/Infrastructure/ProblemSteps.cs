using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Api.Tests.Infrastructure;

/// <summary>The common moves of problem management, as Paula (problem manager) and Andy (analyst) would make them.</summary>
public sealed class ProblemSteps(ApiFactory api)
{
    public HttpClient Paula => api.As("paula@contoso.test");
    public HttpClient Andy => api.As("andy@contoso.test");

    public static CreateProblemRequest Problem(string title = "Outlook password prompts keep coming back", string service = "svc-email", string? ci = "CI-000101",
        Impact impact = Impact.Medium, Urgency urgency = Urgency.Medium) =>
        new() { Title = title, Description = "Several users are asked for their password repeatedly.", ServiceIds = [service], CiIds = ci is null ? [] : [ci], Impact = impact, Urgency = urgency, Category = "Software > Email" };

    public async Task<ProblemResponse> CreateAsync(CreateProblemRequest? request = null, HttpClient? as_ = null) =>
        await (await (as_ ?? Paula).PostJsonAsync("/api/problems", request ?? Problem())).ReadAsync<ProblemResponse>(HttpStatusCode.Created);

    public async Task<ProblemResponse> GetAsync(string id) => await (await Paula.GetAsync($"/api/problems/{id}")).ReadAsync<ProblemResponse>();

    public async Task<ProblemResponse> MoveAsync(string id, TransitionProblemRequest request, HttpClient? as_ = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await (as_ ?? Paula).PostJsonAsync($"/api/problems/{id}/transitions", request)).ReadAsync<ProblemResponse>(expected);

    public async Task<ProblemResponse> UpdateAsync(string id, UpdateProblemRequest request) =>
        await (await Paula.PatchJsonAsync($"/api/problems/{id}", request)).ReadAsync<ProblemResponse>();

    /// <summary>Logged, investigated by Andy, root cause and resolution method recorded, moved to RootCauseIdentified with its known error.</summary>
    public async Task<(ProblemResponse Problem, KnownErrorResponse KnownError)> RootCauseIdentifiedAsync(CreateProblemRequest? request = null)
    {
        var problem = await CreateAsync(request);
        await MoveAsync(problem.Id, new() { To = ProblemState.UnderInvestigation, AnalystId = "andy" });
        await UpdateAsync(problem.Id, new() { RootCause = "The token cache keeps a credential from before the password change.", ResolutionMethod = "Ship a client update that clears the stale cache." });
        await (await Paula.PostJsonAsync($"/api/problems/{problem.Id}/workarounds", new AddProblemWorkaroundRequest("Remove MicrosoftOffice entries from Credential Manager.", null))).ReadAsync<ProblemResponse>();
        problem = await MoveAsync(problem.Id, new() { To = ProblemState.RootCauseIdentified }, Andy);
        return (problem, await KnownErrorAsync(problem.KnownErrorIds.Single()));
    }

    public async Task<KnownErrorResponse> KnownErrorAsync(string id) => await (await Paula.GetAsync($"/api/known-errors/{id}")).ReadAsync<KnownErrorResponse>();

    public async Task<KnownErrorResponse> MoveKnownErrorAsync(string id, TransitionKnownErrorRequest request, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await Paula.PostJsonAsync($"/api/known-errors/{id}/transitions", request)).ReadAsync<KnownErrorResponse>(expected);

    public async Task LinkChangeAsync(string problemId, string changeId) =>
        await (await Paula.PostJsonAsync($"/api/problems/{problemId}/changes", new LinkChangeRequest(changeId))).ReadAsync<ProblemResponse>();
}

/// <summary>A change record as the change feature would store it, so its events reach the feed; only what problem management reads.</summary>
public sealed class ChangeRecord : RecordDocument
{
    public string Type { get; init; } = "change";

    public override string RecordType => Type;

    public string State { get; set; } = "Draft";
}

/// <summary>The API with change and configuration item events on the feed, as their features will raise them.</summary>
public sealed class ChangeFeedApiFactory : ApiFactory
{
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton(new EventSource("change"));
        services.AddSingleton(new EventSource("configuration-item"));
    }

    /// <summary>Moves a change (creating it when new) with a <c>Change{State}</c> event, then lets the API react.</summary>
    public async Task ChangeMovesAsync(string changeId, string state, string? outcome = null, DateTimeOffset? scheduledFor = null, string recordType = "change")
    {
        var changes = new RecordCollection<ChangeRecord>(Services.GetRequiredService<IDocumentStore>(), Services.GetRequiredService<Partitions>().For(recordType));
        var stored = await changes.GetAsync(changeId);
        var change = stored?.Value ?? new ChangeRecord { Id = changeId, Type = recordType, CreatedAt = Clock.GetUtcNow(), CreatedBy = "carol" };
        var data = new System.Text.Json.Nodes.JsonObject { ["outcome"] = outcome, ["scheduledFor"] = scheduledFor is { } at ? UtcTimestampConverter.Text(at) : null };
        change.Raise(Actor.System, Clock.GetUtcNow(), $"{(recordType == "change" ? "Change" : "ConfigurationItem")}{state}", Client.Events.EventVisibility.Internal,
            [RecordDocument.Change("state", change.State, state)], data: data);
        change.State = state;
        _ = stored is null ? await changes.CreateAsync(changeId, change) : await changes.ReplaceAsync(changeId, change, stored.ETag);
        await RunReactionsAsync();
    }
}
