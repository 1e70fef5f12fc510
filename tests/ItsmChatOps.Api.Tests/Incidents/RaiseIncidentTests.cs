using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Incidents;

public sealed class RaiseIncidentTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public RaiseIncidentTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    public async Task Create_WithoutSummary_Is422AndNothingWritten()
    {
        var before = await CountAsync();
        var response = await _steps.Dave.PostJsonAsync("/api/incidents", Requests.Incident() with { Summary = null });
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("summary", problem.ErrorFields());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    [Trait("Requirement", "SLM-05")]
    public async Task Create_Valid_ReturnsNumberPriorityAndDueTimes()
    {
        var response = await _steps.Dave.PostJsonAsync("/api/incidents", Requests.Incident(impact: Impact.Medium, urgency: Urgency.Medium));
        var incident = await response.ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        Assert.Matches("^INC-[0-9]{6}$", incident.Id);
        Assert.Equal(Priority.P3, incident.Priority);
        Assert.Equal("dave", incident.ReporterId);
        Assert.Equal(IncidentState.New, incident.State);
        Assert.NotNull(incident.ResolutionDue);
        Assert.Equal($"/api/incidents/{incident.Id}", response.Headers.Location!.ToString());
        Assert.Equal(incident.ETag, response.Headers.ETag!.ToString());
    }

    [Theory]
    [Trait("Requirement", "SLM-05")]
    [InlineData(Impact.High, Urgency.High, Priority.P1)]
    [InlineData(Impact.Medium, Urgency.High, Priority.P2)]
    [InlineData(Impact.High, Urgency.Medium, Priority.P2)]
    [InlineData(Impact.Low, Urgency.High, Priority.P3)]
    [InlineData(Impact.Low, Urgency.Medium, Priority.P4)]
    [InlineData(Impact.Low, Urgency.Low, Priority.P5)]
    public async Task Create_PriorityComesFromTheMatrix(Impact impact, Urgency urgency, Priority expected)
    {
        var incident = await _steps.RaiseAsync(Requests.Incident(impact: impact, urgency: urgency));
        Assert.Equal(expected, incident.Priority);
    }

    [Fact]
    [Trait("Requirement", "SLM-05")]
    public async Task Create_WithPriorityAndNoImpactOrUrgency_Is422()
    {
        var response = await _steps.Dave.PostRawAsync("/api/incidents", """{"summary":"Printer on fire","serviceId":"svc-workplace","priority":"P1"}""");
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("SLM-05", problem.Requirements());
        Assert.Contains("priority", problem.ErrorFields());
    }

    [Fact]
    [Trait("Requirement", "SLM-06")]
    public async Task Create_P2MondayTenOnOfficeHours_DueMondayTenThirtyAndTuesdayTen()
    {
        var monday = _api.NextMonday(10);
        var incident = await _steps.RaiseAsync(Requests.Incident(impact: Impact.Medium, urgency: Urgency.High));
        Assert.Equal(Priority.P2, incident.Priority);
        Assert.Equal(monday.AddMinutes(30), incident.ResponseDue);
        Assert.Equal(monday.AddDays(1), incident.ResolutionDue);
    }

    [Fact]
    [Trait("Requirement", "SLM-01")]
    public async Task Create_OnRetiredService_Is422_OnLiveService_Is201()
    {
        var retired = await _steps.Dave.PostJsonAsync("/api/incidents", Requests.Incident(service: "svc-fax"));
        Assert.Contains("serviceId", (await retired.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var unknown = await _steps.Dave.PostJsonAsync("/api/incidents", Requests.Incident(service: "svc-nope"));
        await unknown.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var triage = await _steps.Dave.PostJsonAsync("/api/incidents", Requests.Incident(service: "unknown-triage"));
        Assert.Equal(HttpStatusCode.Created, triage.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "SLM-01")]
    public async Task Catalogue_CustomerSeesItWithoutCosts_StaffSeeCosts_NoTokenIs401()
    {
        var asCustomer = await (await _api.As("erin@fabrikam.test").GetAsync("/api/services")).ReadAsync<List<ServiceResponse>>();
        Assert.Contains(asCustomer, s => s.Id == "svc-email");
        Assert.All(asCustomer, s => Assert.Null(s.MonthlyCost));
        Assert.All(asCustomer, s => Assert.Null(s.InternalNotes));
        var asStaff = await (await _steps.Alice.GetAsync("/api/services/svc-email")).ReadAsync<ServiceResponse>();
        Assert.NotNull(asStaff.MonthlyCost);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _api.CreateClient().GetAsync("/api/services")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "INC-02")]
    public async Task Monitoring_TwoAlertsWithTheSameKey_OneIncidentWithTwoOccurrences()
    {
        var monitoring = _api.AsMonitoring();
        var alert = Requests.Incident("Disk latency high on mail store", "svc-email", Impact.Medium, Urgency.High) with { DedupeKey = "mailstore-latency-42" };
        var first = await (await monitoring.PostJsonAsync("/api/incidents", alert)).ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        var second = await (await monitoring.PostJsonAsync("/api/incidents", alert)).ReadAsync<IncidentResponse>(HttpStatusCode.OK);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, second.Occurrences);
        Assert.Equal(IncidentSource.Monitoring, second.Source);
        var withoutKey = await monitoring.PostJsonAsync("/api/incidents", alert with { DedupeKey = null });
        Assert.Contains("dedupeKey", (await withoutKey.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
    }

    [Fact]
    [Trait("Requirement", "INC-02")]
    public async Task AgentLogsForCaller_ReporterIsCaller_LoggedByAgent_CallerIsTold()
    {
        var request = Requests.Incident("Caller cannot print payslips", "svc-payroll") with { ReporterId = "ellen", Source = IncidentSource.Phone };
        var incident = await _steps.RaiseAsync(request, _steps.Alice);
        Assert.Equal("ellen", incident.ReporterId);
        Assert.Equal("alice", incident.LoggedById);
        Assert.Equal(IncidentSource.Phone, incident.Source);
        var created = (await _steps.TimelineAsync(incident.Id)).Single(e => e.Kind == "IncidentCreated");
        Assert.Contains("ellen", created.Notify);

        var notAgent = await _steps.Dave.PostJsonAsync("/api/incidents", request);
        await notAgent.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_RetriedWithTheSameIdempotencyKey_ReturnsTheFirstIncident()
    {
        var request = Requests.Incident("VPN drops every ten minutes", "svc-vpn");
        async Task<HttpResponseMessage> Send(CreateIncidentRequest body)
        {
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = System.Net.Http.Json.JsonContent.Create(body, options: ItsmJson.Options) };
            message.Headers.Add("Idempotency-Key", "card-submit-7f3a");
            return await _steps.Dave.SendAsync(message);
        }

        var first = await (await Send(request)).ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        var count = await CountAsync();
        var retry = await (await Send(request)).ReadAsync<IncidentResponse>(HttpStatusCode.Created);
        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(count, await CountAsync());
        var other = await Send(request with { Summary = "Something else entirely" });
        await other.ProblemAsync(HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("""{"summary":"Broken","serviceId":"svc-email","impact":999,"urgency":"High"}""", "impact")]
    [InlineData("""{"summary":"Broken","serviceId":"svc-email","impact":"Huge","urgency":"High"}""", "impact")]
    [InlineData("""{"summary":"Broken","serviceId":"svc-email","impact":"High","urgency":"High","security":"maybe"}""", "security")]
    [InlineData("""{"summary":"Broken","serviceId":"svc-email","impact":"High","urgency":"High","createdAt":"yesterday","ciIds":"CI-1"}""", "ciIds")]
    public async Task Create_BadValue_Is400NamingTheField_AndNothingWritten(string json, string field)
    {
        var before = await CountAsync();
        var problem = await (await _steps.Dave.PostRawAsync("/api/incidents", json)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.GetProperty("detail").GetString());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Create_MalformedJson_Is400()
    {
        var problem = await (await _steps.Dave.PostRawAsync("/api/incidents", """{"summary": """)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Create_OversizedText_Is422_AndOversizedBody_Is413()
    {
        var before = await CountAsync();
        var longDescription = await _steps.Dave.PostJsonAsync("/api/incidents", Requests.Incident() with { Description = new string('x', 8001) });
        Assert.Contains("description", (await longDescription.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var huge = await _steps.Dave.PostJsonAsync("/api/incidents", Requests.Incident() with { Description = new string('x', 2_000_000) });
        await huge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        var page = await (await _steps.Alice.GetAsync("/api/incidents?pageSize=200")).ReadAsync<Page<IncidentSummary>>();
        return page.Items.Count;
    }
}
