extern alias api;

using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Api.Client.ServiceLevels;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>
/// The end of a major incident in Teams: the SLA's escalation contact acknowledges from the update card; once restored,
/// the review card reaches the war room and the manager, its refusals show on it, it completes the review, the incident
/// manager approves from it, and the war-room channel is archived with Graph (MAJ-05, MAJ-07, MAJ-09, SLM-13).
/// </summary>
[Collection(FlowCollection.Name)]
public sealed class MajorReviewChatTests(FlowFixture flow)
{
    [Fact]
    [Trait("Requirement", "MAJ-09")]
    [Trait("Requirement", "MAJ-07")]
    [Trait("Requirement", "SLM-13")]
    [Trait("Requirement", "MAJ-05")]
    public async Task Restored_ReviewCardInTheRoom_ErrorsOnTheCard_Completed_Approved_ChannelArchived()
    {
        foreach (var person in new[] { Heidi, Carol, Nina })
        {
            await flow.TurnAsync(Message(person, "my incidents"));
        }

        await ActiveSlaAsync("nina");
        var parent = await RaiseAsync("dave@contoso.test", "CRM search returns nothing");
        var (declared, opened) = await flow.TurnAsync(Execute(Heidi, CardVerbs.MajorDeclare, new { incidentId = parent, reason = "Sales cannot find accounts" }, "status-card"));
        var room = System.Text.Json.JsonDocument.Parse(Assert.Single(opened, r => r.Uri.AbsolutePath.EndsWith("/v3/conversations", StringComparison.Ordinal)).ResponseBody)
            .RootElement.GetProperty("id").GetString()!;
        var majorId = (await ApiAsync<IReadOnlyList<OpenMajorIncidentView>>("heidi@contoso.test", HttpMethod.Get, "api/major-incidents?serviceId=svc-crm")).Single(m => m.IncidentId == parent).Id;
        await ApiAsync<MajorIncidentResponse>("heidi@contoso.test", HttpMethod.Patch, $"api/major-incidents/{majorId}", new UpdateMajorIncidentRequest { AffectedCustomerIds = ["cust-fabrikam"] });
        await flow.NotifyAsync();

        // The SLA's emergency contact gets the update with "Acknowledge"; acknowledging replaces the card and is logged.
        await flow.TurnAsync(Execute(Heidi, CardVerbs.MajorUpdate, new
        {
            majorIncidentId = majorId, status = "Search index rebuilding", businessImpact = "Sales cannot find accounts", actions = "Rebuilding the index",
        }, "form-card"));
        var toNina = Assert.Single(await flow.NotifyAsync(), r => r.IsTo(Nina.PersonalConversationId) && r.Words().Contains("Search index rebuilding", StringComparison.Ordinal));
        var ask = toNina.Card()!.Value.ButtonData(CardVerbs.MajorAcknowledge);
        var (acknowledged, _) = await flow.TurnAsync(Execute(Nina, CardVerbs.MajorAcknowledge, new { majorIncidentId = majorId, number = ask.GetProperty("number").GetString() }, toNina.ActivityId()));
        var ackCard = acknowledged.InvokeCard();
        Assert.Contains("Acknowledged by Nina Network", ackCard.Words(), StringComparison.Ordinal);
        Assert.False(ackCard.HasButton(CardVerbs.MajorAcknowledge));
        var escalation = (await ApiAsync<MajorIncidentResponse>("heidi@contoso.test", HttpMethod.Get, $"api/major-incidents/{majorId}")).Escalations.Single(e => e.PersonId == "nina");
        Assert.Equal((EscalationRole.SlaContact, true), (escalation.Role, escalation.AcknowledgedAt is not null));

        // Restored: the review card goes to the room and to the manager, once.
        var logged = InRoom(Heidi, room, "log Index rebuilt from last night's snapshot");
        await flow.TurnAsync(logged);
        await flow.TurnAsync(TestActivities.With(InRoom(Carol, room, string.Empty), a =>
        {
            a.Type = ActivityTypes.MessageReaction;
            a.Text = null;
            a.ReplyToId = logged.Id;
            a.ReactionsAdded = [new MessageReaction { Type = "like" }];
        }));
        var reacted = (await ApiAsync<IReadOnlyList<Api.Client.Events.EventResponse>>("heidi@contoso.test", HttpMethod.Get, $"api/major-incidents/{majorId}/timeline"))
            .Single(e => e.Kind == "TimelineEntryAdded" && e.Data!["source"]!.GetValue<string>() == "Reaction");
        Assert.StartsWith("log Index rebuilt from last night's snapshot (marked by Carol Manager with like)", reacted.Data!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await flow.TurnAsync(InRoom(Heidi, room, "resolve"));
        var restored = await flow.NotifyAsync();
        var inRoom = Assert.Single(restored, r => r.Method == HttpMethod.Post && r.IsTo(room) && r.Words().Contains("Review of major incident", StringComparison.Ordinal));
        Assert.Single(restored, r => r.IsTo(Heidi.PersonalConversationId) && r.Words().Contains("Review of major incident", StringComparison.Ordinal));
        Assert.Contains("Index rebuilt from last night's snapshot", inRoom.Words(), StringComparison.Ordinal);
        Assert.True(inRoom.Card()!.Value.HasButton(CardVerbs.MajorReviewSubmit));
        Assert.DoesNotContain(await flow.NotifyAsync(), r => r.Words().Contains("Review of major incident", StringComparison.Ordinal));

        // A due date in the past: the API's refusal shows on the card, naming the action; nothing is completed.
        var yesterday = flow.Api.Clock.GetUtcNow().AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (refused, _) = await flow.TurnAsync(Execute(Heidi, CardVerbs.MajorReviewSubmit, Review(majorId, yesterday), inRoom.ActivityId(), inChannel: true));
        var errorCard = refused.InvokeCard();
        Assert.Contains("Action 1", errorCard.Words(), StringComparison.Ordinal);
        Assert.Contains("has passed", errorCard.Words(), StringComparison.Ordinal);
        Assert.True(errorCard.HasButton(CardVerbs.MajorReviewSubmit));
        Assert.Null((await ApiAsync<MajorIncidentResponse>("heidi@contoso.test", HttpMethod.Get, $"api/major-incidents/{majorId}")).Review!.CompletedAt);

        var due = flow.Api.Clock.GetUtcNow().AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (completed, _) = await flow.TurnAsync(Execute(Heidi, CardVerbs.MajorReviewSubmit, Review(majorId, due), inRoom.ActivityId(), inChannel: true));
        var completedCard = completed.InvokeCard();
        Assert.Contains($"Alert on index freshness (owner Nina Network, due {due})", completedCard.Words(), StringComparison.Ordinal);
        Assert.True(completedCard.HasButton(CardVerbs.MajorReviewApprove));
        Assert.False(completedCard.HasButton(CardVerbs.MajorReviewSubmit));

        // The manager cannot approve; the incident manager can, and the card shows the closure in place.
        var (notHers, _) = await flow.TurnAsync(Execute(Heidi, CardVerbs.MajorReviewApprove, new { majorIncidentId = majorId }, inRoom.ActivityId(), inChannel: true));
        Assert.Contains("Only the incident manager", notHers.InvokeCard().Words(), StringComparison.Ordinal);
        var graphMark = flow.Bot.Graph.Requests.Count;
        var (approved, _) = await flow.TurnAsync(Execute(Carol, CardVerbs.MajorReviewApprove, new { majorIncidentId = majorId }, inRoom.ActivityId(), inChannel: true));
        Assert.Contains("Approved by Carol Manager", approved.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.False(approved.InvokeCard().HasButton(CardVerbs.MajorReviewApprove));

        // Closed: a final message in the room, the channel archived with Graph, the API told.
        var closing = await flow.NotifyAsync();
        Assert.Contains(closing, r => r.Method == HttpMethod.Post && r.IsTo(room) && r.Words().Contains("This war room is archived", StringComparison.Ordinal));
        var archive = Assert.Single(flow.Bot.Graph.Requests.Skip(graphMark));
        Assert.EndsWith("/archive", archive.Uri.AbsolutePath, StringComparison.Ordinal);
        var closed = await ApiAsync<MajorIncidentResponse>("heidi@contoso.test", HttpMethod.Get, $"api/major-incidents/{majorId}");
        Assert.Equal(MajorIncidentState.Closed, closed.State);
        Assert.NotNull(closed.WarRoom!.ArchivedAt);
        Assert.Equal(due, closed.Review!.Actions.Single().DueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await flow.NotifyAsync();
        Assert.Single(flow.Bot.Graph.Requests.Skip(graphMark));
    }

    private static object Review(string majorId, string due) => new
    {
        majorIncidentId = majorId, whatWorked = "The rebuild runbook", whatDidNotWork = "Nobody watched index freshness", rootCauseKnown = "true",
        action1Text = "Alert on index freshness", action1Owner = "nina", action1Due = due,
    };

    private static Activity InRoom(TeamsUser user, string room, string text) =>
        TestActivities.With(Message(user, text, inChannel: true), a => a.Conversation!.Id = room);

    private async Task ActiveSlaAsync(string emergencyContact)
    {
        var request = new SaveSlaRequest
        {
            Name = $"CRM for Fabrikam {Guid.NewGuid().ToString("N")[..4]}",
            CustomerId = "cust-fabrikam",
            ServiceIds = ["svc-crm"],
            CalendarId = "office-hours",
            Targets =
            [
                new(Priority.P1, new(15, TargetUnit.Minutes), new(4, TargetUnit.Hours), TwentyFourSeven: true),
                new(Priority.P2, new(30, TargetUnit.Minutes), new(8, TargetUnit.Hours)),
                new(Priority.P3, new(2, TargetUnit.Hours), new(2, TargetUnit.Days)),
                new(Priority.P4, new(1, TargetUnit.Days), new(5, TargetUnit.Days)),
                new(Priority.P5, new(2, TargetUnit.Days), new(10, TargetUnit.Days)),
            ],
            EmergencyContactIds = [emergencyContact],
            EscalationPath = [new(Priority.P1, [emergencyContact])],
            Items = api::ItsmChatOps.Api.ServiceLevels.ServiceLevelAgreement.RequiredItems.ToDictionary(i => i, i => new SlaItem($"Agreed text for {i}.", null)),
        };
        var draft = await ApiAsync<SlaResponse>("grace@contoso.test", HttpMethod.Post, "api/slas", request);
        await ApiAsync<SlaResponse>("grace@contoso.test", HttpMethod.Post, $"api/slas/{draft.Id}/activate");
    }

    private async Task<string> RaiseAsync(string email, string summary)
    {
        using var reporter = flow.Api.As(email);
        var created = await reporter.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
        {
            Summary = $"{summary} {Guid.NewGuid().ToString("N")[..4]}", ServiceId = "svc-crm", Category = "Software", Impact = Impact.Medium, Urgency = Urgency.Medium,
        }, ItsmJson.Options);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!.Id;
    }

    private async Task<T> ApiAsync<T>(string email, HttpMethod method, string path, object? body = null)
    {
        using var client = flow.Api.As(email);
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: ItsmJson.Options) };
        using var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(ItsmJson.Options))!;
    }
}
