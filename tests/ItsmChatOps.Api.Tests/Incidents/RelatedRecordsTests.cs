using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Incidents;

/// <summary>
/// INC-04: classifying an incident suggests the open problems and the changes implemented in the last 7 days on its
/// service or CIs, for linking. The history is made through the API: two weeks of changes on the CRM and on payroll.
/// </summary>
/// <remarks>Each test builds the same history, so each has its own API and store.</remarks>
public sealed class RelatedRecordsTests : IDisposable
{
    private const string Crm = "svc-crm";
    private readonly ApiFactory _api = new();
    private readonly IncidentSteps _incidents;
    private readonly ChangeSteps _changes;
    private readonly ProblemSteps _problems;

    public RelatedRecordsTests()
    {
        _incidents = new IncidentSteps(_api);
        _changes = new ChangeSteps(_api);
        _problems = new ProblemSteps(_api);
    }

    public void Dispose() => _api.Dispose();

    [Fact]
    [Trait("Requirement", "INC-04")]
    public async Task Classify_OnService_SuggestsOpenProblemsAndChangesImplementedInTheLastSevenDays_ForStaffOnly()
    {
        var history = await HistoryAsync();
        var incident = await _incidents.RaiseAsync(Requests.Incident("CRM search returns nothing", service: "svc-workplace"), _incidents.Alice);
        Assert.DoesNotContain(incident.PossiblyRelated, r => r.Id == history.OpenProblem || r.Id == history.RecentChange);

        var classified = await (await _incidents.Alice.PatchJsonAsync($"/api/incidents/{incident.Id}",
            new UpdateIncidentRequest { ServiceId = Crm, Category = "Software > Business application" })).ReadAsync<IncidentResponse>();
        var readBack = await _incidents.GetAsync(incident.Id, _incidents.Alice);

        foreach (var suggested in new[] { classified.PossiblyRelated, readBack.PossiblyRelated })
        {
            var ids = suggested.Select(r => r.Id).ToList();
            Assert.Equal([history.OpenProblem, history.RecentChange], ids);
            Assert.Contains(suggested, r => r is { Kind: RelatedRecordKind.Problem, Title: "CRM search index corrupt", State: "Logged" });
            Assert.Equal(history.RecentImplementedAt, suggested.Single(r => r.Kind == RelatedRecordKind.Change).ImplementedAt);
            Assert.DoesNotContain(history.ClosedProblem, ids);
            Assert.DoesNotContain(history.OldChange, ids);
            Assert.DoesNotContain(history.OtherServiceProblem, ids);
            Assert.DoesNotContain(history.OtherServiceChange, ids);
        }
    }

    [Fact]
    [Trait("Requirement", "INC-04")]
    public async Task Create_OnServiceOrCi_Suggests_CustomerReporterSeesNone_LinkedRecordsDropOut()
    {
        var history = await HistoryAsync();
        var onCi = await _problems.CreateAsync(ProblemSteps.Problem("Payroll database deadlocks", service: "svc-payroll", ci: ChangeSteps.PayrollDatabase));

        var raised = await _incidents.RaiseAsync(Requests.Incident("CRM pages are slow", service: Crm) with { CiIds = [ChangeSteps.PayrollDatabase] }, _incidents.Alice);
        var erin = _changes.As("erin");
        var byCustomer = await _incidents.RaiseAsync(Requests.Incident("CRM keeps logging me out", service: Crm), erin);
        var linked = await (await _incidents.Alice.PostJsonAsync($"/api/incidents/{raised.Id}/links",
            new LinkIncidentRequest(IncidentLinkKind.Problem, history.OpenProblem))).ReadAsync<IncidentResponse>();

        Assert.Equal([history.OpenProblem, onCi.Id, history.RecentChange], raised.PossiblyRelated.Select(r => r.Id));
        Assert.Empty(byCustomer.PossiblyRelated);
        Assert.Empty((await _incidents.GetAsync(byCustomer.Id, erin)).PossiblyRelated);
        Assert.Equal([history.OpenProblem, history.RecentChange], (await _incidents.GetAsync(byCustomer.Id, _incidents.Alice)).PossiblyRelated.Select(r => r.Id));
        Assert.Equal([onCi.Id, history.RecentChange], linked.PossiblyRelated.Select(r => r.Id));
    }

    private sealed record History(string OpenProblem, string ClosedProblem, string OtherServiceProblem, string RecentChange, DateTimeOffset RecentImplementedAt,
        string OldChange, string OtherServiceChange);

    /// <summary>
    /// A CRM change implemented in one week, a CRM change and a payroll change implemented the next week, problems open and closed
    /// on the CRM and open on payroll; the clock ends a day after the second week's changes, 8 days after the first.
    /// </summary>
    private async Task<History> HistoryAsync()
    {
        var old = await ImplementedAsync(ChangeSteps.CrmApp, Crm);
        var recent = await ImplementedAsync(ChangeSteps.CrmApp, Crm, ChangeSteps.PayrollApp);
        var other = recent.Others.Single();
        _api.Clock.SetUtcNow(recent.Change.ActualEnd!.Value.AddDays(1));
        Assert.True(recent.Change.ActualEnd - old.Change.ActualEnd >= TimeSpan.FromDays(7));

        var open = await _problems.CreateAsync(ProblemSteps.Problem("CRM search index corrupt", service: Crm, ci: null));
        var closed = await _problems.CreateAsync(ProblemSteps.Problem("CRM login loop", service: Crm, ci: null));
        await _problems.MoveAsync(closed.Id, new() { To = ProblemState.Cancelled, Reason = "Not a problem: a browser extension." });
        var payroll = await _problems.CreateAsync(ProblemSteps.Problem("Payroll export timeouts", service: "svc-payroll", ci: null));
        return new History(open.Id, closed.Id, payroll.Id, recent.Change.Id, recent.Change.ActualEnd!.Value, old.Change.Id, other.Id);
    }

    /// <summary>Changes on each CI, in one-hour windows from Tuesday 20:00 after the next Monday, each started and implemented with verification.</summary>
    private async Task<(ChangeResponse Change, IReadOnlyList<ChangeResponse> Others)> ImplementedAsync(string ciId, string serviceId, params string[] otherCiIds)
    {
        _api.NextMonday();
        var scheduled = new List<ChangeResponse>();
        foreach (var (ci, service, hour) in otherCiIds.Select((c, i) => (c, "svc-payroll", 22 + i)).Prepend((ciId, serviceId, 20)))
        {
            scheduled.Add(await _changes.ScheduledAsync(_changes.Normal(ci) with { ServiceIds = [service], Window = _changes.Window(1, hour, 1) }));
        }

        var implemented = new List<ChangeResponse>();
        foreach (var change in scheduled)
        {
            _api.Clock.SetUtcNow(change.Window!.Start.AddMinutes(1));
            await _changes.MoveAsync(_changes.Priya, change.Id, new() { To = ChangeState.Implementing });
            implemented.Add(await _changes.MoveAsync(_changes.Priya, change.Id, new() { To = ChangeState.Implemented, Verification = new("Smoke test green.", true) }));
        }

        return (implemented[0], implemented.Skip(1).ToList());
    }
}
