using System.Net;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Incidents;

public sealed class CommunicationTests : IClassFixture<ApiFactory>
{
    private readonly ApiFactory _api;
    private readonly IncidentSteps _steps;

    public CommunicationTests(ApiFactory api)
    {
        _api = api;
        _steps = new IncidentSteps(api);
    }

    [Fact]
    [Trait("Requirement", "INC-10")]
    public async Task InternalNote_NeverReachesTheReporter_PublicNote_DoesAndIsOnTheirTimeline()
    {
        var incident = await _steps.InProgressWithBobAsync();
        await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/notes", new AddNoteRequest("Suspect the conditional access policy change.", NoteVisibility.Internal));
        await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/notes", new AddNoteRequest("We are resetting your Outlook profile now.", NoteVisibility.Public));
        var reportersView = await _steps.TimelineAsync(incident.Id, _steps.Dave);
        Assert.DoesNotContain(reportersView, e => e.Data?["text"]?.GetValue<string>() == "Suspect the conditional access policy change.");
        var publicNote = Assert.Single(reportersView, e => e.Kind == "NoteAdded");
        Assert.Equal(EventVisibility.Public, publicNote.Visibility);
        var staffView = await _steps.TimelineAsync(incident.Id);
        var staffPublic = Assert.Single(staffView, e => e.Kind == "NoteAdded" && e.Visibility == EventVisibility.Public);
        Assert.Contains("dave", staffPublic.Notify);
        Assert.Empty(staffView.Single(e => e.Kind == "NoteAdded" && e.Visibility == EventVisibility.Internal).Notify);
        var reporterInternal = await _steps.Dave.PostJsonAsync($"/api/incidents/{incident.Id}/notes", new AddNoteRequest("secret", NoteVisibility.Internal));
        await reporterInternal.ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    [Trait("Requirement", "INC-10")]
    public async Task Timeline_ListsEveryActionInOrder_WithActors()
    {
        var resolved = await _steps.ResolvedByBobAsync();
        var kinds = (await _steps.TimelineAsync(resolved.Id)).Select(e => e.Kind).ToList();
        Assert.Equal(["IncidentCreated", "IncidentAssigned", "IncidentTaken", "IncidentResolved", "ConfirmationRequested"], kinds);
        var actors = (await _steps.TimelineAsync(resolved.Id)).Select(e => e.ActorId).ToList();
        Assert.Equal(["dave", "alice", "bob", "bob", "system"], actors);
    }

    [Fact]
    [Trait("Requirement", "INC-11")]
    public async Task NoPublicUpdateForTheInterval_RemindsTheAssignee_APublicNoteResetsTheTimer()
    {
        _api.NextMonday(9);
        var incident = await _steps.InProgressWithBobAsync(Requests.Incident(impact: Impact.Medium, urgency: Urgency.High, category: "Software > Email"));
        Assert.Equal(Priority.P2, incident.Priority);
        _api.Clock.Advance(TimeSpan.FromHours(3));
        await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/notes", new AddNoteRequest("Still investigating, next update by 4pm.", NoteVisibility.Public));
        _api.Clock.Advance(TimeSpan.FromHours(3));
        await _api.RunTimersAsync();
        Assert.DoesNotContain(await _steps.TimelineAsync(incident.Id), e => e.Kind == "UpdateReminderDue");
        _api.Clock.Advance(TimeSpan.FromHours(1));
        await _api.RunTimersAsync();
        var reminder = Assert.Single(await _steps.TimelineAsync(incident.Id), e => e.Kind == "UpdateReminderDue");
        Assert.Equal(["bob"], reminder.Notify);
    }

    [Fact]
    [Trait("Requirement", "INC-11")]
    public async Task ReporterAndWatchers_AreToldOfAssignmentWorkaroundAndResolution()
    {
        var incident = await _steps.RaiseAsync();
        await _steps.Alice.PostJsonAsync($"/api/incidents/{incident.Id}/watchers", new WatchRequest("ellen"));
        await _steps.MoveAsync(_steps.Alice, incident.Id, new() { To = IncidentState.Assigned, GroupId = "grp-messaging" });
        await _steps.MoveAsync(_steps.Bob, incident.Id, new() { To = IncidentState.InProgress });
        await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/workaround", new RecordWorkaroundRequest("Use Outlook on the web until the fix lands.", true));
        await _steps.MoveAsync(_steps.Bob, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        var timeline = await _steps.TimelineAsync(incident.Id);
        foreach (var kind in new[] { "IncidentAssigned", "WorkaroundRecorded", "IncidentResolved" })
        {
            var told = timeline.Single(e => e.Kind == kind).Notify;
            Assert.Contains("dave", told);
            Assert.Contains("ellen", told);
        }
    }

    [Fact]
    [Trait("Requirement", "INC-12")]
    public async Task ElevenMeToos_CountElevenAffected_PromptTheServiceDeskOnce_AndAllHearOfTheResolution()
    {
        var incident = await _steps.InProgressWithBobAsync();
        var people = new[] { "alice", "heidi", "carol", "mia", "nina", "ivan", "dan", "priya", "frank", "grace", "ellen" };
        foreach (var person in people)
        {
            var response = await _api.AsBot(person, Channel.Teams).PostAsync($"/api/incidents/{incident.Id}/affected", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await _api.AsBot("ellen", Channel.Teams).PostAsync($"/api/incidents/{incident.Id}/affected", null);
        var counted = await _steps.GetAsync(incident.Id);
        Assert.Equal(11, counted.AffectedCount);
        var prompt = Assert.Single(await _steps.TimelineAsync(incident.Id), e => e.Kind == "ImpactReassessmentSuggested");
        Assert.Equal(["group:grp-servicedesk"], prompt.Notify);
        await _steps.MoveAsync(_steps.Bob, incident.Id, new() { To = IncidentState.Resolved, Resolution = Requests.Resolution() });
        var resolution = (await _steps.TimelineAsync(incident.Id)).Single(e => e.Kind == "IncidentResolved");
        Assert.All(people, p => Assert.Contains(p, resolution.Notify));
        var mine = await (await _api.As("ivan@contoso.test").GetAsync("/api/incidents?mine=true")).ReadAsync<Page<IncidentSummary>>();
        Assert.Contains(mine.Items, i => i.Id == incident.Id);
    }

    [Fact]
    [Trait("Requirement", "INC-13")]
    public async Task Workaround_WithoutAProblem_PromptsToLinkOrRaiseOne_WithAProblem_DoesNot()
    {
        var incident = await _steps.InProgressWithBobAsync();
        var result = await (await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/workaround", new RecordWorkaroundRequest("Use Outlook on the web for now.", true)))
            .ReadAsync<IncidentActionResult>();
        Assert.Equal("link-or-create-problem", Assert.Single(result.Prompts).Kind);
        Assert.True(result.Incident.RestoredByWorkaround);
        await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/links", new LinkIncidentRequest(IncidentLinkKind.Problem, "PRB-000042"));
        var linked = await (await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/workaround", new RecordWorkaroundRequest("Use Outlook on the web, or the mobile app.", true)))
            .ReadAsync<IncidentActionResult>();
        Assert.Empty(linked.Prompts);
        var recorded = (await _steps.TimelineAsync(incident.Id)).Last(e => e.Kind == "WorkaroundRecorded");
        Assert.Equal("PRB-000042", recorded.Data!["problemId"]!.GetValue<string>());
    }

    [Fact]
    [Trait("Requirement", "INC-16")]
    public async Task Escalation_NeedsAReason_AndAP1GoesToTheIncidentManagerAtOnce()
    {
        var incident = await _steps.InProgressWithBobAsync();
        var noReason = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/escalations", new EscalateIncidentRequest { Kind = EscalationKind.Hierarchical });
        Assert.Contains("reason", (await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorFields());
        var escalated = await (await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/escalations",
            new EscalateIncidentRequest { Kind = EscalationKind.Hierarchical, Reason = "Needs a decision from the group lead" })).ReadAsync<IncidentResponse>();
        Assert.Equal(1, escalated.EscalationLevel);
        Assert.Equal(["mia"], (await _steps.TimelineAsync(incident.Id)).Last(e => e.Kind == "IncidentEscalated").Notify);

        var p1 = await _steps.RaiseAsync(Requests.Incident("Nobody can send email", impact: Impact.High, urgency: Urgency.High));
        Assert.Equal(Priority.P1, p1.Priority);
        Assert.Equal(1, p1.EscalationLevel);
        var toManager = Assert.Single(await _steps.TimelineAsync(p1.Id), e => e.Kind == "IncidentEscalated");
        Assert.Equal(["role:IncidentManager"], toManager.Notify);
    }

    [Fact]
    [Trait("Requirement", "INC-16")]
    public async Task FunctionalEscalation_ReassignsToTheHigherTierGroup()
    {
        var incident = await _steps.InProgressWithBobAsync();
        var escalated = await (await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/escalations",
            new EscalateIncidentRequest { Kind = EscalationKind.Functional, Reason = "Needs identity expertise", GroupId = "grp-identity" })).ReadAsync<IncidentResponse>();
        Assert.Equal(IncidentState.Assigned, escalated.State);
        Assert.Equal("grp-identity", escalated.GroupId);
        Assert.Equal(1, escalated.ReassignmentCount);
    }

    [Fact]
    [Trait("Requirement", "INC-18")]
    public async Task Links_AreTwoWay_AndASecondProblemIs409()
    {
        var incident = await _steps.InProgressWithBobAsync();
        await (await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/links", new LinkIncidentRequest(IncidentLinkKind.CausedByChange, "CHG-000007"))).ReadAsync<IncidentResponse>();
        var fromChange = await (await _steps.Alice.GetAsync("/api/links?recordId=CHG-000007")).ReadAsync<List<LinkView>>();
        Assert.Contains(fromChange, l => l.FromId == incident.Id && l.Kind == "CausedByChange" && l.Direction == "incoming");
        await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/links", new LinkIncidentRequest(IncidentLinkKind.Problem, "PRB-000001"));
        var second = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/links", new LinkIncidentRequest(IncidentLinkKind.Problem, "PRB-000002"));
        Assert.Contains("INC-18", (await second.ProblemAsync(HttpStatusCode.Conflict)).Requirements());
        var badId = await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/links", new LinkIncidentRequest(IncidentLinkKind.ConfigurationItem, "server-7"));
        await badId.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var byCi = await (await _steps.Bob.PostJsonAsync($"/api/incidents/{incident.Id}/links", new LinkIncidentRequest(IncidentLinkKind.ConfigurationItem, "CI-000012"))).ReadAsync<IncidentResponse>();
        Assert.Contains("CI-000012", byCi.CiIds);
        var ciHistory = await (await _steps.Alice.GetAsync("/api/incidents?ciId=CI-000012")).ReadAsync<Page<IncidentSummary>>();
        Assert.Equal(incident.Id, Assert.Single(ciHistory.Items).Id);
    }
}
