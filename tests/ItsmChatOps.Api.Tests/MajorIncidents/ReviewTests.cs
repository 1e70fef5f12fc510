using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Client.Tasks;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.MajorIncidents;

public sealed class ReviewTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly MajorIncidentSteps _steps;

    public ReviewTests(ApiFactory api)
    {
        _api = api;
        _steps = new MajorIncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "MAJ-09")]
    public async Task Closing_NeedsTheCompletedReview_BuiltFromTheTimeline_ActionsBecomeImprovementItems()
    {
        _api.NextMonday();
        var major = await _steps.DeclaredP1Async("heidi");
        await _steps.UpdateAsync(major.Id, _steps.Heidi);
        _api.Clock.Advance(TimeSpan.FromMinutes(50));
        await _steps.MoveAsync(_steps.Heidi, major.Id, MajorIncidentState.Restored, "Second gateway carries mail");
        await (await _steps.PostAsync(_steps.Carol, major.Id, "transitions", new TransitionMajorIncidentRequest { To = MajorIncidentState.Closed }))
            .ProblemAsync(HttpStatusCode.Conflict);

        var pending = await _steps.MoveAsync(_steps.Heidi, major.Id, MajorIncidentState.ReviewPending);
        var review = pending.Review!;
        Assert.Equal(50, review.ImpactMinutes);
        Assert.Contains(review.Timeline, t => t.Kind == "MajorIncidentDeclared" && t.ActorId == "carol");
        Assert.Contains(review.Timeline, t => t.Kind == "MajorIncidentUpdatePosted" && t.Text == "Mail flow stopped at the gateway; failing over.");
        Assert.Contains(review.Timeline, t => t.Kind == "IncidentCreated" && t.RecordId == major.IncidentId);
        var notComplete = await (await _steps.PostAsync(_steps.Carol, major.Id, "transitions", new TransitionMajorIncidentRequest { To = MajorIncidentState.Closed }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("MAJ-09", notComplete.Requirements());

        var incomplete = await (await _steps.Heidi.PutAsync($"/api/major-incidents/{major.Id}/review",
            System.Net.Http.Json.JsonContent.Create(new SaveReviewRequest { WhatWorked = "Failover runbook", Complete = true }, options: ItsmJson.Options)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["whatDidNotWork", "rootCauseKnown", "actions"], incomplete.ErrorFields());
        var unknownCause = await (await _steps.Heidi.PutAsync($"/api/major-incidents/{major.Id}/review", System.Net.Http.Json.JsonContent.Create(new SaveReviewRequest
        {
            WhatWorked = "Failover runbook",
            WhatDidNotWork = "Nobody noticed for 20 minutes",
            RootCauseKnown = false,
            Actions = [new() { Text = "Fix failover detection", Kind = ReviewActionKind.ImprovementItem }],
            Complete = true,
        }, options: ItsmJson.Options))).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["actions"], unknownCause.ErrorFields());

        var completed = await (await _steps.Heidi.PutAsync($"/api/major-incidents/{major.Id}/review", System.Net.Http.Json.JsonContent.Create(new SaveReviewRequest
        {
            WhatWorked = "Failover runbook",
            WhatDidNotWork = "Nobody noticed for 20 minutes", // a refused save writes nothing, so everything is sent again
            RootCauseKnown = true,
            Actions = [new() { Text = "Fix failover detection", Kind = ReviewActionKind.ImprovementItem, OwnerId = "mia" }, new() { Text = "Alert on queue depth", Kind = ReviewActionKind.ImprovementItem }],
            Complete = true,
        }, options: ItsmJson.Options))).ReadAsync<MajorIncidentResponse>();
        Assert.Equal("heidi", completed.Review!.CompletedById);
        await (await _steps.PostAsync(_steps.Heidi, major.Id, "transitions", new TransitionMajorIncidentRequest { To = MajorIncidentState.Closed }))
            .ProblemAsync(HttpStatusCode.Forbidden); // the incident manager approves

        var closed = await _steps.MoveAsync(_steps.Carol, major.Id, MajorIncidentState.Closed);
        Assert.Equal((MajorIncidentState.Closed, "carol"), (closed.State, closed.Review!.ApprovedById));
        await _api.RunReactionsAsync();
        await _api.RunReactionsAsync();
        var actions = (await _steps.GetAsync(major.Id)).Review!.Actions;
        Assert.All(actions, a => Assert.StartsWith("SIP-", a.ImprovementItemId));
        var tasks = await (await _steps.Carol.GetAsync("/api/tasks")).ReadAsync<IReadOnlyList<FollowUpTaskResponse>>();
        var items = tasks.Where(t => t.Kind == "ImprovementItem" && actions.Any(a => a.ImprovementItemId == t.Id)).ToList();
        Assert.Equal(["Fix failover detection", "Alert on queue depth"], items.OrderBy(t => t.Id).Select(t => t.Title));
        var links = await (await _steps.Carol.GetAsync($"/api/links?recordId={major.Id}")).ReadAsync<IReadOnlyList<LinkView>>();
        Assert.Equal(2, links.Count(l => l.Kind == "ImprovementItem"));
    }

    [Fact]
    [Trait("Requirement", "MAJ-09")]
    public async Task ReviewAction_DueDateInThePast_Refused422NamingTheAction_ADueDateIsTheImprovementItemsDueDate()
    {
        var now = _api.NextMonday();
        var major = await _steps.DeclaredP1Async("heidi");
        await _steps.MoveAsync(_steps.Heidi, major.Id, MajorIncidentState.Restored);
        await _steps.MoveAsync(_steps.Heidi, major.Id, MajorIncidentState.ReviewPending);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        SaveReviewRequest Review(DateOnly due) => new()
        {
            WhatWorked = "Failover runbook", WhatDidNotWork = "Paging was slow", RootCauseKnown = true, Complete = true,
            Actions = [new() { Text = "Page two people", Kind = ReviewActionKind.ImprovementItem }, new() { Text = "Add a probe", Kind = ReviewActionKind.ImprovementItem, OwnerId = "mia", DueOn = due }],
        };

        var late = await (await _steps.Heidi.PutAsync($"/api/major-incidents/{major.Id}/review", System.Net.Http.Json.JsonContent.Create(Review(today.AddDays(-1)), options: ItsmJson.Options)))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["actions[1].dueOn"], late.ErrorFields());
        Assert.Null((await _steps.GetAsync(major.Id)).Review!.CompletedAt);

        var saved = await (await _steps.Heidi.PutAsync($"/api/major-incidents/{major.Id}/review", System.Net.Http.Json.JsonContent.Create(Review(today.AddDays(14)), options: ItsmJson.Options)))
            .ReadAsync<MajorIncidentResponse>();
        Assert.Equal([null, today.AddDays(14)], saved.Review!.Actions.Select(a => a.DueOn));
        await _steps.MoveAsync(_steps.Carol, major.Id, MajorIncidentState.Closed);
        await _api.RunReactionsAsync();
        await _api.RunReactionsAsync();
        var tasks = await (await _steps.Carol.GetAsync("/api/tasks")).ReadAsync<IReadOnlyList<FollowUpTaskResponse>>();
        var items = (await _steps.GetAsync(major.Id)).Review!.Actions.Select(a => tasks.Single(t => t.Id == a.ImprovementItemId)).ToList();
        Assert.Equal(now.AddDays(30), items[0].DueAt); // the policy's default
        Assert.Equal(new DateTimeOffset(today.AddDays(14).ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero), items[1].DueAt);
        Assert.Equal("mia", items[1].AssigneeId);
    }

    [Fact]
    [Trait("Requirement", "MAJ-09")]
    public async Task ParentClosing_StartsTheReview_WhichIsFlaggedOverdueAfterFiveServiceDays()
    {
        _api.NextMonday();
        var major = await _steps.DeclaredP1Async();
        await _steps.MoveAsync(_steps.Carol, major.Id, MajorIncidentState.Restored);
        await _steps.Incidents.MoveAsync(_steps.Mia, major.IncidentId, new() { To = IncidentState.InProgress });
        await _steps.Incidents.MoveAsync(_steps.Mia, major.IncidentId, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        await (await _steps.Incidents.Dave.PostJsonAsync($"/api/incidents/{major.IncidentId}/confirmation", new ConfirmResolutionRequest(true, null)))
            .ReadAsync<IncidentResponse>();
        await _api.RunReactionsAsync();
        await _api.RunReactionsAsync();
        var pending = await _steps.GetAsync(major.Id);
        Assert.Equal(MajorIncidentState.ReviewPending, pending.State);

        _api.Clock.SetUtcNow(pending.Review!.DueAt.AddMinutes(-1));
        await _api.RunMajorIncidentTimersAsync();
        Assert.False((await _steps.GetAsync(major.Id)).Review!.Overdue);
        _api.Clock.Advance(TimeSpan.FromMinutes(2));
        await _api.RunMajorIncidentTimersAsync();
        Assert.True((await _steps.GetAsync(major.Id)).Review!.Overdue);
        Assert.Contains("role:IncidentManager", Assert.Single(await _steps.EventsAsync(major.Id, "MajorIncidentReviewOverdue")).Notify);
        Assert.True(pending.Review.DueAt - pending.UpdatedAt >= TimeSpan.FromDays(5));
    }

    [Fact]
    [Trait("Requirement", "MAJ-05")]
    public async Task WarRoom_IsRecordedWithInvitations_TimelineTakesReactions_ClosedReviewArchivesIt()
    {
        _api.NextMonday();
        var major = await _steps.DeclaredP1Async("heidi");
        var requested = Assert.Single(await _steps.EventsAsync(major.Id, "WarRoomRequested"));
        Assert.Equal($"mi-{major.IncidentId}-email-and-calendar", requested.Data!["channelName"]!.GetValue<string>());
        var room = await (await _steps.PostAsync(_steps.Heidi, major.Id, "war-room", new RecordWarRoomRequest
        {
            Platform = ChatPlatform.Teams, Mode = WarRoomMode.Channel, ChannelId = "19:mi@thread.tacv2", Link = "https://teams.microsoft.com/l/channel/19%3Ami",
        })).ReadAsync<MajorIncidentResponse>();
        Assert.Contains("oscar", room.InvitedIds);
        Assert.Contains("heidi", room.InvitedIds);
        var entry = await _steps.PostAsync(_api.As("oscar@contoso.test"), major.Id, "timeline",
            new AddTimelineEntryRequest { Text = "Gateway 2 is taking traffic", Source = TimelineSource.Reaction, MessageUrl = "https://teams.microsoft.com/l/message/1" });
        Assert.Equal(HttpStatusCode.OK, entry.StatusCode);
        await (await _steps.PostAsync(_api.As("dave@contoso.test"), major.Id, "timeline", new AddTimelineEntryRequest { Text = "hi", Source = TimelineSource.Command }))
            .ProblemAsync(HttpStatusCode.NotFound);
        var added = Assert.Single(await _steps.EventsAsync(major.Id, "TimelineEntryAdded"));
        Assert.Equal(("oscar", "Reaction"), (added.ActorId, added.Data!["source"]!.GetValue<string>()));
    }
}
