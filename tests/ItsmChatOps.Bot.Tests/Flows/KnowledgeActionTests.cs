using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>
/// Acting on knowledge and problems from chat, against the real API: an agent applies a workaround to an incident
/// (INC-09, KB-03), and the problem manager gets the recurring-incident card and accepts or dismisses it in place (PRB-02).
/// Anyone else is refused in plain words and nothing changes.
/// </summary>
[Collection(FlowCollection.Name)]
public sealed class KnowledgeActionTests(FlowFixture flow)
{
    /// <summary>An agent-only workaround of the sample knowledge base: "Shared mailbox does not appear in Outlook".</summary>
    private const string MailboxWorkaround = "KB-000008";

    [Fact]
    [Trait("Requirement", "INC-09")]
    [Trait("Requirement", "KB-03")]
    public async Task ApplyToIncident_ByAnAgent_RecordedOnTheIncidentAndCounted_TheCardGivesWayToTheConfirmation()
    {
        var number = await flow.RaiseAsync(Ellen, "Shared mailbox missing in Outlook " + Guid.NewGuid().ToString("N")[..6]);
        var before = (await flow.Api.KnowledgeItemAsync(MailboxWorkaround)).Effectiveness.Applied;
        var click = new { itemId = MailboxWorkaround, incidentId = number, idempotencyKey = Guid.NewGuid().ToString("N") };

        var (applied, _) = await flow.TurnAsync(Execute(Alice, CardVerbs.KnowledgeApply, click, "fixes-1"));
        var (again, _) = await flow.TurnAsync(Execute(Alice, CardVerbs.KnowledgeApply, click, "fixes-1"));

        var card = applied.InvokeCard();
        Assert.Contains($"Applied to {number}", card.Words(), StringComparison.Ordinal);
        Assert.Contains(MailboxWorkaround, card.Words(), StringComparison.Ordinal);
        Assert.Equal(number, card.ButtonData(CardVerbs.IncidentView).GetProperty("incidentId").GetString());
        Assert.Contains($"Applied to {number}", again.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.Equal(before + 1, (await flow.Api.KnowledgeItemAsync(MailboxWorkaround)).Effectiveness.Applied);
        Assert.Equal([MailboxWorkaround], (await LinksAsync(number)).Where(l => l.Kind == "AppliedKnowledge").Select(l => l.ToId));
    }

    [Fact]
    [Trait("Requirement", "INC-09")]
    public async Task ApplyToIncident_ByTheReporter_RefusedInWords_NothingRecorded()
    {
        var number = await flow.RaiseAsync(Ellen, "Shared mailbox gone from Outlook " + Guid.NewGuid().ToString("N")[..6]);
        var before = (await flow.Api.KnowledgeItemAsync(MailboxWorkaround)).Effectiveness.Applied;

        var (refused, _) = await flow.TurnAsync(Execute(Ellen, CardVerbs.KnowledgeApply,
            new { itemId = MailboxWorkaround, incidentId = number, idempotencyKey = Guid.NewGuid().ToString("N") }, "fixes-2"));

        Assert.Equal("Only people working the incident apply a fix to it.", refused.InvokeText());
        Assert.Equal(before, (await flow.Api.KnowledgeItemAsync(MailboxWorkaround)).Effectiveness.Applied);
        Assert.DoesNotContain(await LinksAsync(number), l => l.Kind == "AppliedKnowledge");
    }

    [Fact]
    [Trait("Requirement", "PRB-02")]
    public async Task ThirdMatchingIncident_ProblemManagerGetsTheCard_AcceptingCreatesTheProblemWithTheIncidentsLinked()
    {
        await flow.TurnAsync(Message(Paula, "my incidents")); // the bot can reach her from now on
        var incidents = await RaiseClusterAsync("Network > Wi-Fi", "CI-000022", "Wi-Fi on the 3rd floor drops");

        // Other tests' incidents may form candidates of their own in the same pass: this one is the cluster on CI-000022.
        var card = Assert.Single(await flow.NotifyAsync(), r => r.IsTo(Paula.PersonalConversationId)
            && r.Words().Contains("Problem candidate", StringComparison.Ordinal) && r.Words().Contains(incidents[0], StringComparison.Ordinal));
        var content = card.Card()!.Value;
        Assert.All(incidents, number => Assert.Contains(number, content.Words(), StringComparison.Ordinal));
        Assert.Contains("CI-000022", content.Words(), StringComparison.Ordinal);
        var data = content.ButtonData(CardVerbs.ProblemCandidateAccept);
        var candidateId = data.GetProperty("candidateId").GetString()!;

        // A forwarded card: Alice is no problem manager. The API says why and the cluster stays proposed.
        var (refused, _) = await flow.TurnAsync(Execute(Alice, CardVerbs.ProblemCandidateAccept, Data(data), card.ActivityId()));
        Assert.DoesNotContain("Accepted", refused.InvokeText(), StringComparison.Ordinal);
        Assert.NotEmpty(refused.InvokeText());
        Assert.Equal(CandidateState.Proposed, (await CandidateAsync(candidateId)).State);

        var (accepted, _) = await flow.TurnAsync(Execute(Paula, CardVerbs.ProblemCandidateAccept, Data(data), card.ActivityId()));
        var (clickedAgain, _) = await flow.TurnAsync(Execute(Paula, CardVerbs.ProblemCandidateAccept, Data(data), card.ActivityId()));

        var candidate = await CandidateAsync(candidateId);
        Assert.Equal(CandidateState.Accepted, candidate.State);
        var outcome = accepted.InvokeCard();
        Assert.Contains($"Accepted: problem {candidate.ProblemId} was created", outcome.Words(), StringComparison.Ordinal);
        Assert.False(outcome.HasButton(CardVerbs.ProblemCandidateAccept));
        Assert.False(outcome.HasButton(CardVerbs.ProblemCandidateDismiss));
        Assert.Contains($"Accepted: problem {candidate.ProblemId} was created", clickedAgain.InvokeCard().Words(), StringComparison.Ordinal);
        using var paula = flow.Api.As("paula@contoso.test");
        var problem = (await paula.GetFromJsonAsync<ProblemResponse>($"api/problems/{candidate.ProblemId}", ItsmJson.Options))!;
        Assert.Equal(incidents.Order(StringComparer.Ordinal), problem.IncidentIds.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "PRB-02")]
    public async Task Dismiss_WithAReason_CardShowsTheReason_TheCandidateIsDismissed_ACustomerIsRefused()
    {
        var incidents = await RaiseClusterAsync("Network > Connectivity", "CI-000003", "No network at the desks on 2nd floor");
        var candidateId = (await CandidatesAsync()).Single(c => c.CiId == "CI-000003" && c.State == CandidateState.Proposed).Id;
        var reason = "A cable was cut during the office works; already repaired.";

        var (customer, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.ProblemCandidateDismiss,
            new { candidateId, idempotencyKey = Guid.NewGuid().ToString("N"), reason }, "candidate-2"));
        Assert.DoesNotContain("Dismissed", customer.InvokeText(), StringComparison.Ordinal);
        Assert.NotEmpty(customer.InvokeText());
        Assert.Equal(CandidateState.Proposed, (await CandidateAsync(candidateId)).State);

        var (noReason, _) = await flow.TurnAsync(Execute(Paula, CardVerbs.ProblemCandidateDismiss,
            new { candidateId, idempotencyKey = Guid.NewGuid().ToString("N"), reason = " " }, "candidate-2"));
        Assert.Contains("why this is not a problem", noReason.InvokeText(), StringComparison.Ordinal);
        Assert.Equal(CandidateState.Proposed, (await CandidateAsync(candidateId)).State);

        var (dismissed, _) = await flow.TurnAsync(Execute(Paula, CardVerbs.ProblemCandidateDismiss,
            new { candidateId, idempotencyKey = Guid.NewGuid().ToString("N"), reason }, "candidate-2"));

        var candidate = await CandidateAsync(candidateId);
        Assert.Equal(CandidateState.Dismissed, candidate.State);
        Assert.Equal(reason, candidate.DismissReason);
        Assert.Null(candidate.ProblemId);
        var outcome = dismissed.InvokeCard();
        Assert.Contains($"Dismissed: {reason}", outcome.Words(), StringComparison.Ordinal);
        Assert.Contains("will not be proposed again before", outcome.Words(), StringComparison.Ordinal);
        Assert.All(incidents, number => Assert.Contains(number, outcome.Words(), StringComparison.Ordinal));
        Assert.False(outcome.HasButton(CardVerbs.ProblemCandidateAccept));
    }

    /// <summary>Three incidents with the same category on the same CI, logged by the service desk for Bianca; the API proposes the cluster.</summary>
    private async Task<IReadOnlyList<string>> RaiseClusterAsync(string category, string ci, string summary)
    {
        using var alice = flow.Api.As("alice@contoso.test");
        var numbers = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            using var logged = await alice.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
            {
                Summary = $"{summary} ({i})",
                ServiceId = "svc-network",
                Category = category,
                CiIds = [ci],
                Impact = Impact.Low,
                Urgency = Urgency.Low,
                Source = IncidentSource.Phone,
                ReporterId = "bianca",
            }, ItsmJson.Options);
            Assert.True(logged.IsSuccessStatusCode, await logged.Content.ReadAsStringAsync());
            numbers.Add((await logged.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!.Id);
            await flow.Api.RelayAsync(); // the API's reactions look for recurring incidents
        }

        return numbers;
    }

    private async Task<IReadOnlyList<ProblemCandidateResponse>> CandidatesAsync()
    {
        using var paula = flow.Api.As("paula@contoso.test");
        return (await paula.GetFromJsonAsync<IReadOnlyList<ProblemCandidateResponse>>("api/problem-candidates", ItsmJson.Options))!;
    }

    private async Task<ProblemCandidateResponse> CandidateAsync(string id)
    {
        using var paula = flow.Api.As("paula@contoso.test");
        return (await paula.GetFromJsonAsync<ProblemCandidateResponse>($"api/problem-candidates/{id}", ItsmJson.Options))!;
    }

    private async Task<IReadOnlyList<LinkView>> LinksAsync(string number)
    {
        using var alice = flow.Api.As("alice@contoso.test");
        return (await alice.GetFromJsonAsync<IReadOnlyList<LinkView>>($"api/incidents/{number}/links", ItsmJson.Options))!;
    }

    /// <summary>A button's data as the card carries it, sent back as the click's data.</summary>
    private static Dictionary<string, string?> Data(JsonElement data) =>
        data.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
}
