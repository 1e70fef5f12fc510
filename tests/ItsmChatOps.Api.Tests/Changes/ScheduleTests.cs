using System.Net;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Changes;

public sealed class ScheduleTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly ChangeSteps _steps;

    public ScheduleTests(ApiFactory api)
    {
        _api = api;
        _steps = new ChangeSteps(api);
    }

    [Fact]
    [Trait("Requirement", "CHG-08")]
    public async Task TwoOverlappingChangesOnOneCi_SchedulingTheSecond_Is409UnlessTheChangeManagerOverridesWithAReason()
    {
        _api.NextMonday();
        var first = await _steps.ScheduledAsync(_steps.Normal(ChangeSteps.CrmApp));
        var second = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.CrmApp) with { Title = "Rotate the CRM integration secret" });

        var refused = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{second.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Scheduled }))
            .ProblemAsync(HttpStatusCode.Conflict);
        var overridden = await _steps.MoveAsync(_steps.Charlie, second.Id, new() { To = ChangeState.Scheduled, OverrideReason = "Both need the same outage; run back to back." });

        Assert.Contains("CHG-08", refused.Requirements());
        Assert.Contains(first.Id, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(ChangeState.Scheduled, overridden.State);
        Assert.Equal("charlie", overridden.ConflictOverride!.ById);
        Assert.Equal(first.Id, Assert.Single(overridden.Conflicts).ChangeId);
    }

    [Fact]
    [Trait("Requirement", "CHG-08")]
    public async Task ForwardSchedule_ListsAServicesChangesByDateWithStatus_ConflictsAndOrder()
    {
        _api.NextMonday();
        var later = await _steps.ScheduledAsync(_steps.Normal(ChangeSteps.PayrollDatabase) with { Window = _steps.Window(3, 20, 2) });
        var earlier = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.PaySql) with { Window = _steps.Window(1, 20, 2) });
        var elsewhere = await _steps.ScheduledAsync(_steps.Normal(ChangeSteps.CrmApp) with { Window = _steps.Window(2, 20, 2) });
        var from = _steps.MondayOfClock();

        var payroll = await (await _steps.Alice.GetAsync($"/api/changes/schedule?serviceId=svc-payroll&from={Iso(from)}&to={Iso(from.AddDays(7))}"))
            .ReadAsync<ScheduleResponse>();
        var all = await (await _steps.Alice.GetAsync($"/api/changes/schedule?from={Iso(from)}")).ReadAsync<ScheduleResponse>();

        Assert.Equal([earlier.Id, later.Id], payroll.Entries.Select(e => e.Change.Id));
        Assert.Equal([ChangeState.Approved, ChangeState.Scheduled], payroll.Entries.Select(e => e.Change.State));
        Assert.DoesNotContain(payroll.Entries, e => e.Change.Id == elsewhere.Id);
        Assert.Equal(from.AddDays(14), all.To);
        Assert.Contains(all.Entries, e => e.Change.Id == elsewhere.Id);
    }

    [Fact]
    [Trait("Requirement", "CHG-08")]
    public async Task ForwardSchedule_ShowsClashesInASuggestedOrder_UrgencyThenRisk()
    {
        _api.NextMonday();
        var window = _steps.Window(2, 19, 2);
        var low = await _steps.ScheduledAsync(_steps.Normal(ChangeSteps.SmtpRelay) with { Window = window, ImplementerId = "bob" });
        var high = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.ExchangeOnline) with { Window = window, ImplementerId = "bob" }, score: 3);
        var from = _steps.MondayOfClock();

        var schedule = await (await _steps.Alice.GetAsync($"/api/changes/schedule?serviceId=svc-email&from={Iso(from)}&to={Iso(from.AddDays(7))}"))
            .ReadAsync<ScheduleResponse>();

        var lowEntry = schedule.Entries.Single(e => e.Change.Id == low.Id);
        var highEntry = schedule.Entries.Single(e => e.Change.Id == high.Id);
        Assert.Equal([high.Id], lowEntry.ConflictsWith);
        Assert.Equal((2, 1), (lowEntry.SuggestedOrder, highEntry.SuggestedOrder));
    }

    [Fact]
    [Trait("Requirement", "CHG-08")]
    public async Task Scheduling_OutsideTheApprovedWindow_Is409()
    {
        _api.NextMonday();
        var approved = await _steps.ApprovedAsync(_steps.Normal(ChangeSteps.CrmApp));

        var problem = await (await _steps.Charlie.PostJsonAsync($"/api/changes/{approved.Id}/transitions",
            new TransitionChangeRequest { To = ChangeState.Scheduled, Window = _steps.Window(4, 20, 2) })).ProblemAsync(HttpStatusCode.Conflict);
        var byImplementer = await _steps.Priya.PostJsonAsync($"/api/changes/{approved.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Scheduled });

        Assert.Contains("CHG-06", problem.Requirements());
        Assert.Equal(HttpStatusCode.Forbidden, byImplementer.StatusCode);
    }

    [Fact]
    [Trait("Requirement", "CHG-09")]
    public async Task Schedule_TellsCustomersServiceDeskAndResolverGroups_RescheduleTellsThemAgain_CancelSendsANotice()
    {
        _api.NextMonday();
        var scheduled = await _steps.ScheduledAsync(_steps.Normal(ChangeSteps.PaySql) with { Window = _steps.Window(1, 19, 3) });
        var rescheduled = await (await _steps.Priya.PatchJsonAsync($"/api/changes/{scheduled.Id}", new UpdateChangeRequest { Window = _steps.Window(1, 20, 1) }))
            .ReadAsync<ChangeResponse>();
        await _steps.MoveAsync(_steps.Charlie, scheduled.Id, new() { To = ChangeState.Cancelled, Reason = "Vendor withdrew the update." });

        var events = await _steps.TimelineAsync(scheduled.Id);

        var told = events.Single(e => e.Kind == "ChangeScheduled").Notify;
        Assert.Contains("dave", told);
        Assert.Contains("group:grp-servicedesk", told);
        Assert.Contains("group:grp-business-apps", told);
        Assert.Equal(ChangeState.Scheduled, rescheduled.State);
        Assert.Equal(told.Order(), events.Single(e => e.Kind == "ChangeRescheduled").Notify.Order());
        var notice = events.Single(e => e.Kind == "ChangeCancelled");
        Assert.Subset(notice.Notify.ToHashSet(), told.Where(t => t != "charlie").ToHashSet());
        Assert.True(notice.Data!["wasScheduled"]!.GetValue<bool>());
    }

    [Fact]
    [Trait("Requirement", "CHG-09")]
    public async Task DayBeforeTheWindow_TheServiceDeskIsReminded_Once()
    {
        _api.NextMonday();
        var scheduled = await _steps.ScheduledAsync(_steps.Normal(ChangeSteps.CrmApp) with { Window = _steps.Window(3, 20, 2) });

        _api.Clock.SetUtcNow(scheduled.Window!.Start.AddHours(-25));
        await _steps.RunTimersAsync();
        var early = (await _steps.TimelineAsync(scheduled.Id)).Count(e => e.Kind == "ChangeReminderDue");
        _api.Clock.SetUtcNow(scheduled.Window.Start.AddHours(-23));
        await _steps.RunTimersAsync();
        await _steps.RunTimersAsync();
        var reminders = (await _steps.TimelineAsync(scheduled.Id)).Where(e => e.Kind == "ChangeReminderDue").ToList();

        Assert.Equal(0, early);
        Assert.Contains("group:grp-servicedesk", Assert.Single(reminders).Notify);
    }

    private static string Iso(DateTimeOffset at) => Uri.EscapeDataString(Client.UtcTimestampConverter.Text(at));
}
