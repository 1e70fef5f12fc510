using System.Net;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Tests.Infrastructure;

namespace ItsmChatOps.Api.Tests.Changes;

/// <summary>
/// Fifty approvers click at the same moment (CHG-05, CHG-06): every decision is counted exactly once, no write is
/// lost, and the quorum decides the outcome exactly when it is reached.
/// </summary>
public sealed class ConcurrentApprovalTests : IClassFixture<ApiFactory>
{
    private const int Board = 50;
    private readonly ApiFactory _api;
    private readonly ChangeSteps _steps;

    public ConcurrentApprovalTests(ApiFactory api)
    {
        _api = api;
        _steps = new ChangeSteps(api);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    [Trait("Requirement", "CHG-06")]
    public async Task FiftyApproversAtOnce_AllRequired_EachCountedOnce_ApprovedByTheLast()
    {
        _api.NextMonday();
        var change = await BoardChangeAsync("All");

        var responses = await Task.WhenAll(change.Approvers.Select(a => _steps.DecideAsync(_steps.As(a.PersonId), change)));
        var after = await _steps.GetAsync(change.Id);
        var decisions = (await _steps.TimelineAsync(change.Id)).Where(e => e.Kind == "ChangeDecisionRecorded").ToList();

        Assert.Equal(Board, change.Approvers.Count);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(ChangeState.Approved, after.State);
        Assert.Equal(Board, after.Approvals.Count);
        Assert.Equal(change.Approvers.Select(a => a.PersonId).Order(), after.Approvals.Select(a => a.ApproverId).Order());
        Assert.Equal(Board, decisions.Count);
        Assert.Equal(Enumerable.Range(1, Board), decisions.Select(e => e.Data!["approvals"]!.GetValue<int>()).Order());
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    [Trait("Requirement", "CHG-06")]
    public async Task FiftyApproversAtOnce_Majority_ExactlyTheQuorumIsCounted_TheRestAreToldItIsDecided()
    {
        _api.NextMonday();
        var change = await BoardChangeAsync("Majority");

        var responses = await Task.WhenAll(change.Approvers.Select(a => _steps.DecideAsync(_steps.As(a.PersonId), change)));
        var after = await _steps.GetAsync(change.Id);

        Assert.Equal(Board / 2 + 1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(Board / 2 - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(ChangeState.Approved, after.State);
        Assert.Equal(Board / 2 + 1, after.Approvals.Count);
        Assert.Equal(after.Approvals.Count, after.Approvals.Select(a => a.ApproverId).Distinct().Count());
    }

    /// <summary>A change on the payroll agreement document whose approval level is a board of fifty: Charlie, Oscar and 48 business representatives.</summary>
    private async Task<ChangeResponse> BoardChangeAsync(string quorum)
    {
        var representatives = Enumerable.Range(1, Board - 2).Select(i => $"board-{i:D2}").ToList();
        foreach (var id in representatives)
        {
            var person = await _steps.Grace.PutJsonAsync($"/api/people/{id}", new UpsertPersonRequest { DisplayName = $"Board member {id[^2..]}", Email = $"{id}@contoso.test" });
            Assert.True(person.IsSuccessStatusCode);
        }

        await _steps.EditPolicyAsync("change", body =>
        {
            body["businessRepresentativeIds"] = new JsonArray([.. representatives.Select(r => (JsonNode)r)]);
            foreach (var level in body["approvalLevels"]!.AsArray().Select(l => l!.AsObject()).Where(l => l["model"]!.GetValue<string>() == "Normal"))
            {
                level["authority"] = "ChangeAdvisoryBoard";
                level["quorum"] = quorum;
            }
        });
        return await _steps.PendingApprovalAsync(_steps.Normal(ChangeSteps.PayrollSla));
    }
}
