using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Changes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Api.Tests.Infrastructure;

/// <summary>
/// The moves of a change's life as the people in the seed data make them: Charlie is the change manager, Cora the
/// configuration manager, Nina, Priya and Bob implement, Oscar owns the services, Bianca represents the business,
/// Dave and Erin represent the customers.
/// </summary>
public sealed class ChangeSteps(ApiFactory api)
{
    public const string Payroll = "svc-payroll";
    public const string VpnGateway = "CI-000006";
    public const string PaySql = "CI-000009";
    public const string PayrollDatabase = "CI-000010";
    public const string PayrollApp = "CI-000011";
    public const string ExchangeOnline = "CI-000013";
    public const string SmtpRelay = "CI-000014";
    public const string CrmApp = "CI-000015";
    public const string PayrollSla = "CI-000020";
    public const string AccessPoint = "CI-000022";

    public HttpClient Charlie => api.As("charlie@contoso.test");
    public HttpClient Cora => api.As("cora@contoso.test");
    public HttpClient Nina => api.As("nina@contoso.test");
    public HttpClient Priya => api.As("priya@contoso.test");
    public HttpClient Bob => api.As("bob@contoso.test");
    public HttpClient Oscar => api.As("oscar@contoso.test");
    public HttpClient Bianca => api.As("bianca@contoso.test");
    public HttpClient Alice => api.As("alice@contoso.test");
    public HttpClient Dave => api.As("dave@contoso.test");
    public HttpClient Grace => api.As("grace@contoso.test");

    /// <summary>A person of the seed data by id; the customer Fabrikam's people have their own domain.</summary>
    public HttpClient As(string personId) => api.As(personId is "erin" or "fred" ? $"{personId}@fabrikam.test" : $"{personId}@contoso.test");

    /// <summary>A complete normal change on the CIs, implemented by Priya, in the window Tuesday 20:00–22:00 after the clock's Monday.</summary>
    public CreateChangeRequest Normal(params string[] ciIds) => new()
    {
        Model = ChangeModel.Normal,
        Title = "Apply the vendor's quarterly update",
        Description = "Install the vendor's quarterly cumulative update and restart the services.",
        Scope = new ChangeScope("The listed configuration items", "Client laptops"),
        BenefitCategory = BenefitCategory.Security,
        Justification = "Closes two vulnerabilities the vendor rates as important.",
        CiIds = ciIds,
        Window = Window(1, 20, 2),
        ImplementerId = "priya",
        ImplementationPlan = "Stop the services, install the update, start the services.",
        BackoutPlan = "Uninstall the update and restart the services.",
        TestPlan = "Log in, run the smoke test report, check the event log.",
    };

    /// <summary>A window starting <paramref name="days"/> after this week's Monday at the given London hour.</summary>
    public ChangeWindow Window(int days, int hour, int hours)
    {
        var start = MondayOfClock().AddDays(days).AddHours(hour);
        return new ChangeWindow(start, start.AddHours(hours));
    }

    public DateTimeOffset MondayOfClock()
    {
        var now = api.Clock.GetUtcNow();
        var daysBack = ((int)now.DayOfWeek + 6) % 7;
        return new DateTimeOffset(now.Date.AddDays(-daysBack), TimeSpan.Zero);
    }

    public async Task<ChangeResponse> RaiseAsync(CreateChangeRequest request, HttpClient? as_ = null) =>
        await (await (as_ ?? Priya).PostJsonAsync("/api/changes", request)).ReadAsync<ChangeResponse>(HttpStatusCode.Created);

    public async Task<ChangeResponse> MoveAsync(HttpClient client, string id, TransitionChangeRequest request, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.PostJsonAsync($"/api/changes/{id}/transitions", request)).ReadAsync<ChangeResponse>(expected);

    /// <summary>Answers every question with the same score: 1 → Low (1), 3 → Medium (9), 4 → High (16).</summary>
    public async Task<ChangeResponse> AssessAsync(string id, int score, IReadOnlyDictionary<string, string>? assessments = null) =>
        await (await Charlie.PutJsonAsync($"/api/changes/{id}/assessment", new AssessChangeRequest
        {
            RiskAnswers = new Dictionary<string, int> { ["history"] = score, ["complexity"] = score, ["testing"] = score, ["reach"] = score, ["backout"] = score },
            Urgency = Urgency.Medium,
            Cost = 1200,
            Resources = "Two engineers for two hours",
            Assessments = assessments,
        })).ReadAsync<ChangeResponse>();

    public async Task<ChangeResponse> AssessedAsync(CreateChangeRequest request, int score, IReadOnlyDictionary<string, string>? assessments = null)
    {
        var change = await RaiseAsync(request);
        await MoveAsync(Priya, change.Id, new() { To = ChangeState.Submitted });
        await AssessAsync(change.Id, score, assessments);
        return await MoveAsync(Charlie, change.Id, new() { To = ChangeState.Assessed });
    }

    public async Task<ChangeResponse> PendingApprovalAsync(CreateChangeRequest request, int score = 1, IReadOnlyDictionary<string, string>? assessments = null)
    {
        var change = await AssessedAsync(request, score, assessments);
        return await MoveAsync(Charlie, change.Id, new() { To = ChangeState.PendingApproval });
    }

    public Task<HttpResponseMessage> DecideAsync(HttpClient client, ChangeResponse change, ApprovalDecision decision = ApprovalDecision.Approve, string? reason = null,
        string? etag = null) =>
        client.PostJsonAsync($"/api/changes/{change.Id}/approvals", new ApprovalRequest { Decision = decision, Reason = reason, ETag = etag ?? change.ApprovalTag });

    /// <summary>The required approvers approve, one after the other, until the quorum is met.</summary>
    public async Task<ChangeResponse> ApprovedAsync(CreateChangeRequest request, int score = 1)
    {
        var change = await PendingApprovalAsync(request, score);
        foreach (var approver in change.Approvers.ToList())
        {
            if (change.State == ChangeState.PendingApproval)
            {
                change = await (await DecideAsync(As(approver.PersonId), change)).ReadAsync<ChangeResponse>();
            }
        }

        Assert.Equal(ChangeState.Approved, change.State);
        return change;
    }

    public async Task<ChangeResponse> ScheduledAsync(CreateChangeRequest request, int score = 1) =>
        await MoveAsync(Charlie, (await ApprovedAsync(request, score)).Id, new() { To = ChangeState.Scheduled });

    public async Task<ChangeResponse> GetAsync(string id, HttpClient? as_ = null) =>
        await (await (as_ ?? Charlie).GetAsync($"/api/changes/{id}")).ReadAsync<ChangeResponse>();

    public async Task<IReadOnlyList<EventResponse>> TimelineAsync(string id) =>
        await (await Charlie.GetAsync($"/api/changes/{id}/timeline")).ReadAsync<IReadOnlyList<EventResponse>>();

    public Task<int> RunTimersAsync() => api.Services.GetRequiredService<ChangeTimers>().RunDueAsync(CancellationToken.None);

    /// <summary>Saves a new version of the change policy, edited as JSON, as the administrator.</summary>
    public async Task EditPolicyAsync(string kind, Action<JsonObject> edit)
    {
        var current = await (await Grace.GetAsync($"/api/policies/{kind}")).ReadAsync<PolicyResponse>();
        var body = (JsonObject)current.Body.DeepClone();
        edit(body);
        var saved = await Grace.PutJsonAsync($"/api/policies/{kind}", body);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }
}
