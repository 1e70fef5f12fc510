using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>Following one's incidents from chat: the list, the status, comments, withdrawing and "me too" (SLM-19, INC-12, INC-10).</summary>
[Collection(FlowCollection.Name)]
public sealed class FollowIncidentTests(FlowFixture flow)
{
    [Fact]
    public async Task MyIncidents_AfterReporting_ListsIt()
    {
        var number = await flow.RaiseAsync(Dave, "Teams calls drop after a minute");

        var (_, sent) = await flow.TurnAsync(Message(Dave, "my incidents"));

        var list = Assert.Single(sent).Card()!.Value.Words();
        Assert.Contains("Your open incidents", list, StringComparison.Ordinal);
        Assert.Contains(number, list, StringComparison.Ordinal);
        Assert.Contains("Teams calls drop after a minute", list, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SLM-19")]
    [Trait("Requirement", "INC-10")]
    public async Task Status_Reporter_SeesStateTeamDueAndCustomerVisibleNotesOnly()
    {
        var number = await flow.RaiseAsync(Dave, "Mail merge fails in Word");
        await flow.Api.AssignAsync(number);
        await flow.Api.TakeAsync(number);
        await flow.Api.NoteAsync(number, "Customer-visible: we are checking the add-in.", NoteVisibility.Public);
        await flow.Api.NoteAsync(number, "Internal: licence pool exhausted, ask purchasing.", NoteVisibility.Internal);

        var (_, sent) = await flow.TurnAsync(Message(Dave, $"status {number.ToLowerInvariant()}"));

        var status = Assert.Single(sent).Card()!.Value.Words();
        Assert.Contains(number, status, StringComparison.Ordinal);
        Assert.Contains("In progress", status, StringComparison.Ordinal);
        Assert.Contains("Messaging", status, StringComparison.Ordinal);
        Assert.Contains("We aim to fix it by", status, StringComparison.Ordinal);
        Assert.Contains("we are checking the add-in", status, StringComparison.Ordinal);
        Assert.DoesNotContain("licence pool", status, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SLM-19")]
    public async Task Status_UnrelatedUser_PlainRefusalWithoutDetails()
    {
        var number = await flow.RaiseAsync(Dave, "VPN token expired");

        var (_, sent) = await flow.TurnAsync(Message(Ellen, $"status {number}"));

        var refusal = Assert.Single(sent);
        Assert.Null(refusal.Card());
        Assert.Equal($"I can't show you {number}: it doesn't exist, or it isn't one you reported, watch or are affected by.", refusal.Text());
    }

    [Fact]
    [Trait("Requirement", "INC-10")]
    public async Task Comment_DoubleClicked_AddedOnceAsACustomerVisibleNote()
    {
        var number = await flow.RaiseAsync(Dave, "Printer on floor 2 prints blank pages");
        var data = new { incidentId = number, idempotencyKey = "status-card-1", comment = "It happens with PDF files only." };

        var (first, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentComment, data, "status-1"));
        var (second, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentComment, data, "status-1"));

        Assert.Contains("I've added your comment", first.InvokeText(), StringComparison.Ordinal);
        Assert.Contains("already", second.InvokeText(), StringComparison.Ordinal);
        using var alice = flow.Api.As("alice@contoso.test");
        var timeline = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<List<ItsmChatOps.Api.Client.Events.EventResponse>>(
            alice, $"api/incidents/{number}/timeline", ItsmChatOps.Api.Client.ItsmJson.Options);
        Assert.Single(timeline!, e => e.Kind == "NoteAdded" && e.Data?["text"]?.GetValue<string>() == "It happens with PDF files only.");
    }

    [Fact]
    public async Task Withdraw_OutdatedCard_GetsTheCurrentStateInstead()
    {
        var number = await flow.RaiseAsync(Dave, "Second screen flickers");
        var stale = (await flow.Api.GetAsync(number)).ETag;
        await flow.Api.NoteAsync(number, "We'll send a new cable.", NoteVisibility.Public);

        var (response, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentWithdraw, new { incidentId = number, etag = stale, idempotencyKey = "w1" }, "status-2"));

        var card = response.InvokeCard();
        Assert.Contains("This changed since the card was sent", card.Words(), StringComparison.Ordinal);
        Assert.Equal(IncidentState.New, (await flow.Api.GetAsync(number)).State);
        var (withdrawn, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentWithdraw, card.ButtonData(CardVerbs.IncidentWithdraw), "status-2"));
        Assert.Contains($"You withdrew {number}", withdrawn.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.Equal(IncidentState.Cancelled, (await flow.Api.GetAsync(number)).State);
    }

    [Fact]
    [Trait("Requirement", "INC-12")]
    public async Task MeToo_OnChannelCard_AddsTheUserUpdatesTheCardForEveryoneAndTheyHearOfTheResolution()
    {
        var number = await flow.RaiseAsync(Dave, "Shared drive S: is read-only", inChannel: true);
        await flow.TurnAsync(Message(Ellen, "my incidents"));

        var (response, sent) = await flow.TurnAsync(Execute(Ellen, CardVerbs.IncidentMeToo, new { incidentId = number }, "channel-card", inChannel: true));

        Assert.Contains("2 people", response.InvokeCard().Words(), StringComparison.Ordinal);
        var update = Assert.Single(sent);
        Assert.Equal(HttpMethod.Put, update.Method);
        Assert.Contains("2 people", update.Words(), StringComparison.Ordinal);
        Assert.Equal(1, (await flow.Api.GetAsync(number)).AffectedCount);
        await flow.NotifyAsync();
        await flow.Api.WorkToResolvedAsync(number);
        var notices = await flow.NotifyAsync();
        Assert.Contains(notices, n => n.IsTo(Ellen.PersonalConversationId) && n.Words().Contains("We think it's fixed", StringComparison.Ordinal));
    }
}
