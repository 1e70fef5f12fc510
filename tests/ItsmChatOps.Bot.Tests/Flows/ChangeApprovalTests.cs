using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Flows;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>
/// Approving changes in chat (CHG-05, CHG-06): each required approver gets the card, the API decides who may vote,
/// and every approver's card is replaced in place after each decision. A medium-risk change on the VPN gateway
/// needs Charlie (change manager) and Nina (the gateway's owner).
/// </summary>
[Collection(FlowCollection.Name)]
public sealed class ChangeApprovalTests(FlowFixture flow)
{
    private const string VpnGateway = "CI-000006";

    [Fact]
    [Trait("Requirement", "CHG-05")]
    [Trait("Requirement", "CHG-06")]
    public async Task ApprovalRequested_EachApproverGetsTheCard_OthersAreRefused_EachDecisionUpdatesEveryCopy()
    {
        var change = await PendingApprovalAsync();
        var sent = await flow.NotifyAsync();
        var charlieCard = CardTo(sent, Charlie);
        var ninaCard = CardTo(sent, Nina);
        Assert.All([charlieCard.Content, ninaCard.Content], c =>
        {
            Assert.Equal(change.ApprovalTag, c.ButtonData(CardVerbs.ChangeApprove).GetProperty("etag").GetString());
            Assert.Equal([Charlie.ChatId, Nina.ChatId], c.GetProperty("refresh").GetProperty("userIds").EnumerateArray().Select(u => u.GetString()).Order());
            Assert.Contains("vpn-gw-01 (", c.Words(), StringComparison.Ordinal);
            Assert.Contains("Uninstall the update", c.Words(), StringComparison.Ordinal);
        });

        // A forwarded card: Ellen is no approver. The API says why and nothing changes.
        var (refused, _) = await flow.TurnAsync(Execute(Ellen, CardVerbs.ChangeApprove, Data(ninaCard.Content), ninaCard.ActivityId));
        Assert.DoesNotContain("Approved", refused.InvokeText(), StringComparison.Ordinal);
        Assert.Equal(ChangeState.PendingApproval, (await GetAsync(change.Id)).State);

        var (charlieVoted, charlieCalls) = await flow.TurnAsync(Execute(Charlie, CardVerbs.ChangeApprove, Data(charlieCard.Content), charlieCard.ActivityId));
        Assert.Contains($"You approved {change.Id}.", charlieVoted.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.False(charlieVoted.InvokeCard().HasButton(CardVerbs.ChangeApprove));
        Assert.Contains(charlieCalls, c => c.Method == HttpMethod.Put && c.Uri.AbsolutePath.EndsWith($"/activities/{charlieCard.ActivityId}", StringComparison.Ordinal));
        var ninaUpdate = Assert.Single(await flow.NotifyAsync(), r => r.IsTo(Nina.PersonalConversationId));
        Assert.Equal(HttpMethod.Put, ninaUpdate.Method);
        Assert.EndsWith($"/activities/{ninaCard.ActivityId}", ninaUpdate.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.True(ninaUpdate.Card()!.Value.HasButton(CardVerbs.ChangeApprove));
        Assert.Contains("Everyone listed must approve: 1 of 2 so far.", ninaUpdate.Words(), StringComparison.Ordinal);

        // A second vote is refused with the API's words.
        var (second, _) = await flow.TurnAsync(Execute(Charlie, CardVerbs.ChangeApprove, Data(charlieCard.Content), charlieCard.ActivityId));
        Assert.DoesNotContain("You approved", second.InvokeText(), StringComparison.Ordinal);

        // Web Chat's fallback: Action.Submit.
        var (_, ninaCalls) = await flow.TurnAsync(Submit(Nina, CardVerbs.ChangeApprove, Data(ninaCard.Content), ninaCard.ActivityId));
        Assert.Contains(ninaCalls, c => c.Method == HttpMethod.Put && c.Words().Contains("Approved", StringComparison.Ordinal));
        Assert.Equal(ChangeState.Approved, (await GetAsync(change.Id)).State);
        // Nina's vote and the outcome each replace Charlie's card where it is; the last shows the outcome.
        var charlieUpdates = (await flow.NotifyAsync()).Where(r => r.IsTo(Charlie.PersonalConversationId)).ToList();
        Assert.All(charlieUpdates, r => Assert.Equal((HttpMethod.Put, $"/activities/{charlieCard.ActivityId}"), (r.Method, r.Uri.AbsolutePath[r.Uri.AbsolutePath.LastIndexOf("/activities/", StringComparison.Ordinal)..])));
        var charlieUpdate = charlieUpdates[^1];
        Assert.Contains($"{change.Id} is approved.", charlieUpdate.Words(), StringComparison.Ordinal);
        Assert.False(charlieUpdate.Card()!.Value.HasButton(CardVerbs.ChangeApprove));
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task Approve_StaleCard_GetsTheCurrentCardToDecideOn_AndNothingIsCounted()
    {
        var change = await PendingApprovalAsync();
        var card = CardTo(await flow.NotifyAsync(), Charlie);
        var data = Data(card.Content);
        data["etag"] = "\"an-older-version\"";

        var (response, _) = await flow.TurnAsync(Execute(Charlie, CardVerbs.ChangeApprove, data, card.ActivityId));

        var current = response.InvokeCard();
        Assert.Contains(ChangeFlows.StaleCard, current.Words(), StringComparison.Ordinal);
        Assert.Equal(change.ApprovalTag, current.ButtonData(CardVerbs.ChangeApprove).GetProperty("etag").GetString());
        Assert.Empty((await GetAsync(change.Id)).Approvals);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task Reject_WithoutAReason_IsAskedForOne_WithAReason_RejectsForEveryone()
    {
        var change = await PendingApprovalAsync();
        var card = CardTo(await flow.NotifyAsync(), Nina);

        var (noReason, _) = await flow.TurnAsync(Execute(Nina, CardVerbs.ChangeReject, Data(card.Content), card.ActivityId));
        var data = Data(card.Content);
        data["reason"] = "The gateway firmware has a known bug with this update.";
        var (rejected, _) = await flow.TurnAsync(Execute(Nina, CardVerbs.ChangeReject, data, card.ActivityId));

        Assert.Equal("Please say why you reject the change.", noReason.InvokeText());
        Assert.Contains("\"The gateway firmware has a known bug with this update.\"", rejected.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.Equal(ChangeState.Rejected, (await GetAsync(change.Id)).State);
    }

    [Fact]
    [Trait("Requirement", "CFG-14")]
    public async Task CiCommand_ShowsStateOwnerAndServices_FscShowsTheSchedule()
    {
        await flow.TurnAsync(Message(Charlie, "my incidents"));

        var (_, ci) = await flow.TurnAsync(Message(Charlie, "ci vpn-gw-01"));
        var (_, fsc) = await flow.TurnAsync(Message(Charlie, "fsc Remote access"));

        var lookup = Assert.Single(ci).Text()!;
        Assert.Contains("**vpn-gw-01**", lookup, StringComparison.Ordinal);
        Assert.Contains("Live", lookup, StringComparison.Ordinal);
        Assert.Contains("Owner: Nina Network.", lookup, StringComparison.Ordinal);
        Assert.Contains("Forward schedule of changes: Remote access (VPN)", Assert.Single(fsc).Words(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    public async Task RequestInfo_QuestionReachesTheOriginator_WhoAnswersOnTheirCard_AndTheApproversCardsShowIt()
    {
        await flow.TurnAsync(Message(Bob, "my incidents"));
        var change = await PendingApprovalAsync("bob@contoso.test");
        var card = CardTo(await flow.NotifyAsync(), Charlie);
        var data = Data(card.Content);

        var (noQuestion, _) = await flow.TurnAsync(Execute(Charlie, CardVerbs.ChangeAskInfo, data, card.ActivityId));
        data["question"] = "Who is on call if the gateway does not come back?";
        var (asked, _) = await flow.TurnAsync(Execute(Charlie, CardVerbs.ChangeAskInfo, data, card.ActivityId));

        Assert.Equal("Please write what you need to know.", noQuestion.InvokeText());
        var askedCard = asked.InvokeCard();
        Assert.Contains($"You asked the originator about {change.Id}.", askedCard.Words(), StringComparison.Ordinal);
        Assert.Contains("Charlie Change asked: \"Who is on call if the gateway does not come back?\" (waiting for the answer)", askedCard.Words(), StringComparison.Ordinal);
        Assert.True(askedCard.HasButton(CardVerbs.ChangeApprove)); // still pending: Charlie decides later
        var question = Assert.Single(await flow.NotifyAsync(), r => r.IsTo(Bob.PersonalConversationId) && r.Card() is { } c && c.HasButton(CardVerbs.ChangeAnswer));
        var answerData = JsonSerializer.Deserialize<Dictionary<string, object?>>(question.Card()!.Value.ButtonData(CardVerbs.ChangeAnswer))!;
        answerData["answer"] = "Nina, with the vendor's engineer on the phone.";

        var (answered, _) = await flow.TurnAsync(Execute(Bob, CardVerbs.ChangeAnswer, answerData, question.ActivityId()));
        var (intruder, _) = await flow.TurnAsync(Execute(Ellen, CardVerbs.ChangeAnswer, answerData, question.ActivityId()));

        Assert.Contains("Your answer: Nina, with the vendor's engineer on the phone.", answered.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.False(answered.InvokeCard().HasButton(CardVerbs.ChangeAnswer));
        Assert.DoesNotContain("Your answer", intruder.InvokeText(), StringComparison.Ordinal);
        var updates = await flow.NotifyAsync();
        var charlieUpdate = Assert.Single(updates, r => r.IsTo(Charlie.PersonalConversationId));
        Assert.Equal(HttpMethod.Put, charlieUpdate.Method);
        Assert.Contains("Answer: Nina, with the vendor's engineer on the phone.", charlieUpdate.Words(), StringComparison.Ordinal);
        Assert.Contains(updates, r => r.IsTo(Nina.PersonalConversationId) && r.Words().Contains("Answer: Nina", StringComparison.Ordinal));
        var current = await GetAsync(change.Id);
        Assert.Equal((ChangeState.PendingApproval, "Nina, with the vendor's engineer on the phone."), (current.State, current.InfoRequests.Single().Answer));
    }

    [Fact]
    [Trait("Requirement", "CHG-05")]
    [Trait("Requirement", "CHG-06")]
    public async Task Deputy_GetsTheCardForTheApproverWhoDelegated_DecidesOnTheirBehalf_OthersCannot()
    {
        await flow.TurnAsync(Message(Paula, "my incidents"));
        flow.Api.NextMonday();
        var now = flow.Api.Clock.GetUtcNow();
        using (var nina = flow.Api.As("nina@contoso.test"))
        using (var delegated = await nina.PostAsJsonAsync("api/approval-delegations", new DelegationRequest("paula", now, now.AddHours(2)), ItsmJson.Options))
        {
            Assert.True(delegated.IsSuccessStatusCode, await delegated.Content.ReadAsStringAsync());
        }

        var change = await PendingApprovalAsync(moveClock: false);
        var sent = await flow.NotifyAsync();
        var paulaCard = CardTo(sent, Paula);
        Assert.Contains("You decide on behalf of Nina Network", paulaCard.Content.Words(), StringComparison.Ordinal);
        var data = Data(paulaCard.Content);
        Assert.Equal("nina", data["onBehalfOfId"]?.ToString());

        var (ellen, _) = await flow.TurnAsync(Execute(Ellen, CardVerbs.ChangeApprove, data, paulaCard.ActivityId));
        var (paula, _) = await flow.TurnAsync(Execute(Paula, CardVerbs.ChangeApprove, data, paulaCard.ActivityId));

        Assert.DoesNotContain("approved", ellen.InvokeText(), StringComparison.Ordinal);
        Assert.Contains($"You approved {change.Id} on behalf of Nina Network.", paula.InvokeCard().Words(), StringComparison.Ordinal);
        var vote = Assert.Single((await GetAsync(change.Id)).Approvals);
        Assert.Equal(("paula", "nina"), (vote.ApproverId, vote.OnBehalfOfId));
        var ninaUpdate = Assert.Single(await flow.NotifyAsync(), r => r.IsTo(Nina.PersonalConversationId));
        Assert.False(ninaUpdate.Card()!.Value.HasButton(CardVerbs.ChangeApprove)); // her vote is in: no buttons left for her
        flow.Api.NextMonday(); // the delegation ends before any other test's change
    }

    /// <summary>Both approvers have talked to the bot; the originator (Priya unless named) raises the change and Charlie sends it for approval.</summary>
    private async Task<ChangeResponse> PendingApprovalAsync(string originator = "priya@contoso.test", bool moveClock = true)
    {
        await flow.TurnAsync(Message(Charlie, "my incidents"));
        await flow.TurnAsync(Message(Nina, "my incidents"));
        await flow.NotifyAsync();
        if (moveClock)
        {
            flow.Api.NextMonday();
        }

        using var priya = flow.Api.As(originator);
        using var charlie = flow.Api.As("charlie@contoso.test");
        var monday = flow.Api.Clock.GetUtcNow().Date;
        var start = new DateTimeOffset(monday.AddDays(1).AddHours(20), TimeSpan.Zero);
        var change = await ReadAsync(await priya.PostAsJsonAsync("api/changes", new CreateChangeRequest
        {
            Model = ChangeModel.Normal,
            Title = "Apply the vendor's quarterly update " + Guid.NewGuid().ToString("N")[..4],
            Description = "Install the vendor's quarterly update and restart the gateway.",
            Scope = new ChangeScope("The VPN gateway", "Client laptops"),
            BenefitCategory = BenefitCategory.Security,
            Justification = "Closes two vulnerabilities the vendor rates as important.",
            CiIds = [VpnGateway],
            Window = new ChangeWindow(start, start.AddHours(2)),
            ImplementerId = "nina",
            ImplementationPlan = "Stop the services, install the update, start the services.",
            BackoutPlan = "Uninstall the update and restart the services.",
            TestPlan = "Connect from a laptop and run the smoke test.",
        }, ItsmJson.Options));
        await ReadAsync(await priya.PostAsJsonAsync($"api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Submitted }, ItsmJson.Options));
        await ReadAsync(await charlie.PutAsJsonAsync($"api/changes/{change.Id}/assessment", new AssessChangeRequest
        {
            RiskAnswers = new Dictionary<string, int> { ["history"] = 3, ["complexity"] = 3, ["testing"] = 3, ["reach"] = 3, ["backout"] = 3 },
            Urgency = Urgency.Medium,
            Cost = 300,
            Resources = "One engineer for two hours",
        }, ItsmJson.Options));
        await ReadAsync(await charlie.PostAsJsonAsync($"api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.Assessed }, ItsmJson.Options));
        var pending = await ReadAsync(await charlie.PostAsJsonAsync($"api/changes/{change.Id}/transitions", new TransitionChangeRequest { To = ChangeState.PendingApproval }, ItsmJson.Options));
        Assert.Equal(["charlie", "nina"], pending.Approvers.Select(a => a.PersonId));
        return pending;
    }

    private async Task<ChangeResponse> GetAsync(string id)
    {
        using var charlie = flow.Api.As("charlie@contoso.test");
        return await ReadAsync(await charlie.GetAsync($"api/changes/{id}"));
    }

    private static async Task<ChangeResponse> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonSerializer.Deserialize<ChangeResponse>(body, ItsmJson.Options)!;
    }

    private static Dictionary<string, object?> Data(JsonElement card) =>
        JsonSerializer.Deserialize<Dictionary<string, object?>>(card.ButtonData(CardVerbs.ChangeApprove))!;

    private static (string ActivityId, JsonElement Content) CardTo(IReadOnlyList<RecordedRequest> sent, TeamsUser user)
    {
        var posted = Assert.Single(sent, r => r.IsTo(user.PersonalConversationId) && r.Method == HttpMethod.Post && r.Card() is { } c && c.HasButton(CardVerbs.ChangeApprove));
        return (posted.ActivityId(), posted.Card()!.Value);
    }
}
