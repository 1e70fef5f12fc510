using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Notifications;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>Progress updates and the closure conversation, driven by the API's event feed (INC-11, INC-05, INC-17).</summary>
[Collection(FlowCollection.Name)]
public sealed class ClosureTests(FlowFixture flow)
{
    [Fact]
    [Trait("Requirement", "INC-11")]
    public async Task Progress_AssignmentWorkaroundAndResolution_ReachTheReporter()
    {
        var number = await flow.RaiseAsync(Dave, "Outlook search finds nothing");
        await flow.NotifyAsync();

        await flow.Api.AssignAsync(number);
        var assigned = await flow.NotifyAsync();
        await flow.Api.TakeAsync(number);
        await flow.Api.WorkaroundAsync(number, "Search in Outlook on the web until the index is rebuilt.");
        var workaround = await flow.NotifyAsync();
        await flow.Api.ResolveAsync(number);
        var resolved = await flow.NotifyAsync();

        Assert.Contains(ToDave(assigned), n => n.Words().Contains("The Messaging team is working on it now", StringComparison.Ordinal));
        Assert.Contains(ToDave(workaround), n => n.Words().Contains("Search in Outlook on the web", StringComparison.Ordinal));
        // The resolution reaches the reporter once, on the card that asks them to confirm it, with what was done.
        var resolution = Assert.Single(ToDave(resolved), n => n.Method == HttpMethod.Post);
        Assert.Contains("Is it fixed?", resolution.Words(), StringComparison.Ordinal);
        Assert.Contains("Removed a stale app password", resolution.Words(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task ConfirmationCard_Delivered_WindowStartsAndTheCardCarriesTheCurrentVersion()
    {
        var (number, card) = await ResolvedAsync("Calendar shows wrong time zone");

        var incident = await flow.Api.GetAsync(number);
        Assert.NotNull(incident.Confirmation?.DeliveredAt);
        Assert.Equal(incident.ETag, card.Content.ButtonData(CardVerbs.IncidentConfirm).GetProperty("etag").GetString());
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task Confirm_AnotherUserClicks_RefusedAndOnlyTheReportersClickCloses_CardUpdatedForEveryone()
    {
        var (number, sent) = await ResolvedAsync("Distribution list bounces", id => flow.Api.WatchAsync(id, "ellen"));
        var activityId = sent.ActivityId;
        var data = sent.Content.ButtonData(CardVerbs.IncidentConfirm);

        var (refused, _) = await flow.TurnAsync(Execute(Ellen, CardVerbs.IncidentConfirm, data, activityId));
        Assert.Equal("Only the person who reported the incident can confirm or reject its resolution.", refused.InvokeText());
        Assert.Equal(IncidentState.Resolved, (await flow.Api.GetAsync(number)).State);

        var (confirmed, calls) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentConfirm, data, activityId));

        Assert.Contains("Fixed and closed", confirmed.InvokeCard().Words(), StringComparison.Ordinal);
        var forEveryone = Assert.Single(calls);
        Assert.Equal(HttpMethod.Put, forEveryone.Method);
        Assert.EndsWith($"/activities/{activityId}", forEveryone.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("Dave User confirmed it's fixed", forEveryone.Words(), StringComparison.Ordinal);
        Assert.False(forEveryone.Card()!.Value.HasButton(CardVerbs.IncidentConfirm));
        var closed = await flow.Api.GetAsync(number);
        Assert.Equal((IncidentState.Closed, ClosureMethod.ReporterConfirmed), (closed.State, closed.Closure?.Method));
    }

    [Fact]
    [Trait("Requirement", "INC-17")]
    public async Task NotFixed_SubmittedWithReason_ReopensAndTheClickedCardSaysSo()
    {
        var (number, sent) = await ResolvedAsync("Auto-reply cannot be switched off");
        var activityId = sent.ActivityId;
        var data = new Dictionary<string, object?>(System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(sent.Content.ButtonData(CardVerbs.IncidentReject))!)
        {
            ["reason"] = "It switches itself on again after an hour.",
        };

        var (_, calls) = await flow.TurnAsync(Submit(Dave, CardVerbs.IncidentReject, data, activityId));

        var update = Assert.Single(calls);
        Assert.Equal(HttpMethod.Put, update.Method);
        Assert.Contains("Reopened", update.Words(), StringComparison.Ordinal);
        Assert.Contains("It switches itself on again after an hour.", update.Words(), StringComparison.Ordinal);
        var reopened = await flow.Api.GetAsync(number);
        Assert.Equal((IncidentState.InProgress, 1), (reopened.State, reopened.ReopenCount));
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task Confirm_ResolvedAgainSinceTheCardWasSent_ToldItChangedAndGivenTheCurrentCard()
    {
        var (number, sent) = await ResolvedAsync("Room mailbox declines every booking");
        using (var dave = flow.Api.As("dave@contoso.test"))
        {
            using var rejected = await dave.PostAsJsonAsync($"api/incidents/{number}/confirmation", new ConfirmResolutionRequest(false, "Still declined."), ItsmJson.Options);
            Assert.True(rejected.IsSuccessStatusCode, await rejected.Content.ReadAsStringAsync());
        }

        flow.Api.Clock.Advance(TimeSpan.FromMinutes(5));
        await flow.Api.ResolveAsync(number);
        Assert.Contains(ToDave(await flow.NotifyAsync()), n => n.Method == HttpMethod.Post && n.Words().Contains("Is it fixed?", StringComparison.Ordinal));

        var (response, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentConfirm, sent.Content.ButtonData(CardVerbs.IncidentConfirm), sent.ActivityId));

        var current = response.InvokeCard();
        Assert.Contains("This changed since the card was sent", current.Words(), StringComparison.Ordinal);
        Assert.Equal((await flow.Api.GetAsync(number)).ETag, current.ButtonData(CardVerbs.IncidentConfirm).GetProperty("etag").GetString());
        Assert.Equal(IncidentState.Resolved, (await flow.Api.GetAsync(number)).State);
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task Confirm_RecordMovedOnButTheResolutionStands_TheAnswerCounts()
    {
        flow.Api.Clock.Advance(TimeSpan.FromMilliseconds(250)); // the card shows whole seconds; the record keeps the fraction
        var (number, sent) = await ResolvedAsync("Shared calendar shows no events");
        await flow.Api.NoteAsync(number, "Checked the delegate permissions too.", NoteVisibility.Internal);
        Assert.NotEqual((await flow.Api.GetAsync(number)).ETag, sent.Content.ButtonData(CardVerbs.IncidentConfirm).GetProperty("etag").GetString());

        var (response, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentConfirm, sent.Content.ButtonData(CardVerbs.IncidentConfirm), sent.ActivityId));

        Assert.Contains("Fixed and closed", response.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.Equal(IncidentState.Closed, (await flow.Api.GetAsync(number)).State);
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task Reminder_Due_UpdatesTheCardInPlaceAndNudgesTheReporter()
    {
        flow.Api.NextMonday();
        var (number, sent) = await ResolvedAsync("Signature missing on replies");
        flow.Api.Clock.Advance(TimeSpan.FromHours(25));
        await flow.Api.RunTimersAsync();

        var reminder = ToDave(await flow.NotifyAsync());

        Assert.Contains(reminder, r => r.Method == HttpMethod.Put && r.Uri.AbsolutePath.EndsWith($"/activities/{sent.ActivityId}", StringComparison.Ordinal)
            && r.Words().Contains(ClosureNotices.ReminderNotice, StringComparison.Ordinal));
        Assert.Contains(reminder, r => r.Method == HttpMethod.Post && r.Text() == $"Reminder: is {number} fixed? Please answer on the card above.");
    }

    /// <summary>Dave raises an incident, Bob resolves it, and the closure card reaches Dave: its activity and its latest version.</summary>
    private async Task<(string Number, Card Card)> ResolvedAsync(string summary, Func<string, Task>? meanwhile = null)
    {
        var number = await flow.RaiseAsync(Dave, summary + " " + Guid.NewGuid().ToString("N")[..4]);
        if (meanwhile is not null)
        {
            await meanwhile(number);
        }

        await flow.Api.WorkToResolvedAsync(number);
        var sent = ToDave(await flow.NotifyAsync());
        var posted = sent.Single(r => r.Method == HttpMethod.Post && r.Words().Contains("Is it fixed?", StringComparison.Ordinal));
        var id = posted.ActivityId();
        return (number, new Card(id, sent.Last(r => r.ActivityId() == id).Card()!.Value));
    }

    /// <summary>A card as the person has it: the activity it is in and its content.</summary>
    private sealed record Card(string ActivityId, System.Text.Json.JsonElement Content);

    private static List<RecordedRequest> ToDave(IReadOnlyList<RecordedRequest> sent) => [.. sent.Where(r => r.IsTo(Dave.PersonalConversationId))];
}
