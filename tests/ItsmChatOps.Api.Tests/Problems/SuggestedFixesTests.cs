using System.Net;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Knowledge;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Problems;

public sealed class SuggestedFixesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly ProblemSteps _problems = new(api);
    private readonly IncidentSteps _incidents = new(api);
    private readonly KnowledgeSteps _kb = new(api);

    [Fact]
    [Trait("Requirement", "INC-09")]
    public async Task IncidentMatchingAKnownErrorsSymptoms_GetsItInTheTopThree_ApplyingItLinksTheIncidentAndCountsIt()
    {
        var (_, error) = await _problems.RootCauseIdentifiedAsync(ProblemSteps.Problem("Excel files from the finance share open read-only", "svc-workplace", "CI-000606") with
        {
            Description = "Excel workbooks on the finance share open as read-only with a 'locked for editing' message although nobody has them open.",
        });
        await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Published });
        var incident = await _incidents.RaiseAsync(Requests.Incident("Excel says my finance workbook is locked for editing by another user", "svc-workplace", category: "Software > Office apps"));

        var suggestions = await SuggestAsync(incident.Id);
        var match = Assert.Single(suggestions.Suggestions, s => s.Id == error.WorkaroundKbId);
        Assert.True(suggestions.Suggestions.Count <= 3);
        Assert.InRange(match.Score, 0.01, 1);
        Assert.InRange(match.Similarity, 0.3, 1);
        await (await _incidents.Dave.GetAsync($"/api/incidents/{incident.Id}/suggestions")).ProblemAsync(HttpStatusCode.Forbidden);

        await (await _incidents.Alice.PostJsonAsync($"/api/knowledge/{error.WorkaroundKbId}/applications", new ApplyKnowledgeRequest(incident.Id))).ReadAsync<KnowledgeItemResponse>();
        Assert.Contains((await _incidents.GetAsync(incident.Id)).Links, l => l.Kind == IncidentLinkKind.KnownError && l.TargetId == error.Id);
        await api.RunReactionsAsync();
        Assert.Equal(1, (await _problems.KnownErrorAsync(error.Id)).LinkedIncidentCount);
        Assert.Equal(1, (await _kb.GetAsync(error.WorkaroundKbId!)).Effectiveness.Applied);
    }

    [Fact]
    [Trait("Requirement", "INC-09")]
    public async Task Suggestions_ComeFromTheIncidentsServiceOrGeneralItems_NotOtherServices()
    {
        var incident = await _incidents.RaiseAsync(Requests.Incident("VPN keeps disconnecting every few minutes from home", "svc-vpn", category: "Network > VPN"));
        var suggestions = await SuggestAsync(incident.Id);
        Assert.Equal("KB-000012", suggestions.Suggestions[0].Id);
        Assert.All(suggestions.Suggestions, s => Assert.True(s.ServiceIds.Count == 0 || s.ServiceIds.Contains("svc-vpn")));
    }

    [Fact]
    [Trait("Requirement", "INC-09")]
    public async Task IncidentCreated_WithAMatch_FixesSuggestedToTheServiceDeskOnce_WithoutAMatch_NoEvent()
    {
        var matching = await _incidents.RaiseAsync(Requests.Incident("VPN keeps disconnecting every few minutes at the hotel", "svc-vpn", category: "Network > VPN"));
        var unmatched = await _incidents.RaiseAsync(Requests.Incident("Zqxw vrrbl glorp plinth", "svc-network"));

        await api.RunReactionsAsync();
        await api.RunReactionsAsync(); // delivery is at least once: a second pass adds nothing

        var suggested = Assert.Single(await _kb.EventsAsync(matching.Id), e => e.Kind == "FixesSuggested");
        Assert.Equal(["group:grp-servicedesk"], suggested.Notify);
        Assert.Equal(EventVisibility.Internal, suggested.Visibility);
        Assert.DoesNotContain(await _kb.EventsAsync(unmatched.Id), e => e.Kind == "FixesSuggested");
        Assert.Empty((await SuggestAsync(unmatched.Id)).Suggestions);
    }

    [Fact]
    [Trait("Requirement", "PRB-08")]
    [Trait("Requirement", "KB-05")]
    public async Task KnownErrorPublished_AnnouncedToReportersAssigneesServiceDeskAndServiceOwner_WithTheCustomerText()
    {
        var incident = await _incidents.RaiseAsync(Requests.Incident("Outlook asks for my password again and again", "svc-email", category: "Software > Email"));
        var (problem, error) = await _problems.RootCauseIdentifiedAsync();
        await (await _problems.Paula.PostJsonAsync($"/api/problems/{problem.Id}/incidents", new LinkProblemIncidentRequest(incident.Id))).ReadAsync<ProblemResponse>();
        await _problems.UpdateAsync(problem.Id, new() { CustomerText = "We found why Outlook keeps asking for your password; a fix is on its way." });
        await api.RunReactionsAsync();
        Assert.DoesNotContain(await _kb.EventsAsync(error.Id), e => e.Kind == "KnownErrorAnnounced"); // a draft is not announced

        await _problems.MoveKnownErrorAsync(error.Id, new() { To = KnownErrorState.Published });
        await api.RunReactionsAsync();
        await api.RunReactionsAsync();

        var announced = Assert.Single(await _kb.EventsAsync(error.Id), e => e.Kind == "KnownErrorAnnounced");
        Assert.Contains("dave", announced.Notify);
        Assert.Contains("group:grp-servicedesk", announced.Notify);
        Assert.Contains("oscar", announced.Notify);
        Assert.Equal([incident.Id], announced.Data!["incidentIds"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("We found why Outlook keeps asking for your password; a fix is on its way.", announced.Data["customerText"]!.GetValue<string>());
    }

    private async Task<SuggestionsResponse> SuggestAsync(string incidentId)
    {
        await api.RelayEventsAsync();
        return await (await _incidents.Alice.GetAsync($"/api/incidents/{incidentId}/suggestions")).ReadAsync<SuggestionsResponse>();
    }
}
