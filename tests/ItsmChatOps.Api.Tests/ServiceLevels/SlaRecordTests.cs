using System.Net;
using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.ServiceLevels;
using ItsmChatOps.Api.ServiceLevels;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.ServiceLevels;

public sealed class SlaRecordTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public SlaRecordTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    private HttpClient Grace => _api.As("grace@contoso.test");

    [Fact]
    [Trait("Requirement", "SLM-02")]
    public async Task Activation_IsRefusedNamingEveryMissingItem_AndADocumentReferenceCounts()
    {
        var draft = await CreateAsync(CompleteRequest() with { EscalationPath = [], Items = Items(except: "glossary") });
        var refused = await Grace.PostAsync($"/api/slas/{draft.Id}/activate", null);
        var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["escalationPath", "glossary"], problem.ErrorFields().Order());
        Assert.Contains("SLM-02", problem.Requirements());

        var items = Items(except: "glossary");
        items["glossary"] = new SlaItem(null, "DOC-000017");
        var completed = await (await Grace.PutAsJsonAsync($"/api/slas/{draft.Id}", CompleteRequest() with { Items = items }, ItsmJson.Options)).ReadAsync<SlaResponse>();
        Assert.Empty(completed.MissingItems);
        var active = await (await Grace.PostAsync($"/api/slas/{draft.Id}/activate", null)).ReadAsync<SlaResponse>();
        Assert.Equal(SlaStatus.Active, active.Status);
        await (await _steps.Dave.PostJsonAsync("/api/slas", CompleteRequest())).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Requirement", "SLM-12")]
    [Trait("Requirement", "SLM-13")]
    public async Task IncidentsKeepTheSlaVersionTheyWereEvaluatedUnder()
    {
        var monday = _api.NextMonday(9);
        var sla = await ActiveAsync(CompleteRequest(p2ResolutionHours: 8, service: "svc-crm", customer: "cust-fabrikam"));
        var oldP2 = await _steps.RaiseAsync(Requests.Incident("Payroll import fails", "svc-crm", Impact.Medium, Urgency.High), _api.As("erin@fabrikam.test"));
        var oldP3 = await _steps.RaiseAsync(Requests.Incident("Payslip font is odd", "svc-crm", Impact.Medium, Urgency.Medium), _api.As("erin@fabrikam.test"));
        Assert.Equal((sla.Id, 1), (oldP2.SlaSnapshot.SlaId, oldP2.SlaSnapshot.SlaVersion));
        Assert.Equal(monday.AddHours(8), oldP2.ResolutionDue);

        var edited = await (await Grace.PutAsJsonAsync($"/api/slas/{sla.Id}", CompleteRequest(p2ResolutionHours: 6, service: "svc-crm", customer: "cust-fabrikam"), ItsmJson.Options)).ReadAsync<SlaResponse>();
        Assert.Equal(2, edited.Version);
        _api.Clock.Advance(TimeSpan.FromMinutes(11)); // past the catalogue's short cache
        var newP2 = await _steps.RaiseAsync(Requests.Incident("Payroll export fails", "svc-crm", Impact.Medium, Urgency.High), _api.As("erin@fabrikam.test"));
        Assert.Equal(2, newP2.SlaSnapshot.SlaVersion);
        Assert.Equal(_api.Clock.GetUtcNow().AddHours(6), newP2.ResolutionDue);
        Assert.Equal(monday.AddHours(8), (await _steps.GetAsync(oldP2.Id)).ResolutionDue);

        var raised = await (await _steps.Alice.PostJsonAsync($"/api/incidents/{oldP3.Id}/priority", new ReprioritizeIncidentRequest { Urgency = Urgency.High, Reason = "Payday tomorrow" }))
            .ReadAsync<IncidentResponse>();
        Assert.Equal((Priority.P2, 1), (raised.Priority, raised.SlaSnapshot.SlaVersion));
        Assert.Equal(monday.AddHours(8), raised.ResolutionDue);

        var p1 = await _steps.RaiseAsync(Requests.Incident("Payroll run failed for everyone", "svc-crm", Impact.High, Urgency.High), _api.As("erin@fabrikam.test"));
        Assert.Contains("oscar", p1.WatcherIds);
        Assert.Contains("carol", p1.WatcherIds);
        Assert.Contains("oscar", (await _steps.TimelineAsync(p1.Id)).Single(e => e.Kind == "IncidentCreated").Notify);
    }

    private async Task<SlaResponse> CreateAsync(SaveSlaRequest request) =>
        await (await Grace.PostAsJsonAsync("/api/slas", request, ItsmJson.Options)).ReadAsync<SlaResponse>(HttpStatusCode.Created);

    private async Task<SlaResponse> ActiveAsync(SaveSlaRequest request) =>
        await (await Grace.PostAsync($"/api/slas/{(await CreateAsync(request)).Id}/activate", null)).ReadAsync<SlaResponse>();

    private static SaveSlaRequest CompleteRequest(double p2ResolutionHours = 8, string service = "svc-payroll", string customer = "cust-contoso-finance") => new()
    {
        Name = $"{service} for {customer}",
        CustomerId = customer,
        ServiceIds = [service],
        CalendarId = "office-hours",
        Targets =
        [
            new(Priority.P1, new(15, TargetUnit.Minutes), new(4, TargetUnit.Hours), TwentyFourSeven: true),
            new(Priority.P2, new(30, TargetUnit.Minutes), new(p2ResolutionHours, TargetUnit.Hours)),
            new(Priority.P3, new(2, TargetUnit.Hours), new(2, TargetUnit.Days)),
            new(Priority.P4, new(1, TargetUnit.Days), new(5, TargetUnit.Days)),
            new(Priority.P5, new(2, TargetUnit.Days), new(10, TargetUnit.Days)),
        ],
        EmergencyContactIds = ["oscar"],
        EscalationPath = [new(Priority.P1, ["carol"]), new(Priority.P2, ["carol"])],
        Items = Items(),
    };

    private static Dictionary<string, SlaItem> Items(string? except = null) =>
        ServiceLevelAgreement.RequiredItems.Where(i => i != except).ToDictionary(i => i, i => new SlaItem($"Agreed text for {i}.", null));
}
