using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>A major incident run from Teams: declared from the incident card, coordinated in its war-room channel (MAJ-01 … MAJ-08).</summary>
[Collection(FlowCollection.Name)]
public sealed class MajorIncidentChatTests(FlowFixture flow)
{
    [Fact]
    [Trait("Requirement", "MAJ-05")]
    [Trait("Requirement", "MAJ-06")]
    [Trait("Requirement", "MAJ-03")]
    [Trait("Requirement", "MAJ-08")]
    public async Task Declare_OpensTheWarRoom_UpdatesReachChildReportersOnce_HeadlineFollowsHandoverAndRestore()
    {
        foreach (var person in new[] { Alice, Ellen, Bob })
        {
            await flow.TurnAsync(Message(person, "my incidents")); // the bot can reach people who talked to it
        }

        var parent = await RaiseAsync("fred@fabrikam.test", "CRM will not load for anyone");
        var graphMark = flow.Bot.Graph.Requests.Count;

        // Declared from the incident card by the service desk lead, who becomes the manager.
        var (declared, opened) = await flow.TurnAsync(Execute(Heidi, CardVerbs.MajorDeclare, new { incidentId = parent, reason = "Sales cannot work" }, "status-card"));
        var headline = declared.InvokeCard();
        Assert.Contains("Heidi Lead", headline.Words(), StringComparison.Ordinal);
        Assert.Contains(headline.EnumerateObject().First(p => p.Name == "actions").Value.EnumerateArray(), a => a.GetProperty("type").GetString() == "Action.OpenUrl");
        var channel = Assert.Single(flow.Bot.Graph.Requests.Skip(graphMark));
        Assert.EndsWith($"/teams/{FlowFixture.WarRoomTeamId}/channels", channel.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith($"mi-{parent}-customer-relationship-management", channel.Json.GetProperty("displayName").GetString(), StringComparison.Ordinal);
        var thread = Assert.Single(opened, r => r.Uri.AbsolutePath.EndsWith("/v3/conversations", StringComparison.Ordinal));
        var room = JsonIdOf(thread);
        var open = await ApiAsync<IReadOnlyList<OpenMajorIncidentView>>("heidi@contoso.test", HttpMethod.Get, "api/major-incidents?serviceId=svc-crm");
        var major = await ApiAsync<MajorIncidentResponse>("heidi@contoso.test", HttpMethod.Get, $"api/major-incidents/{open.Single(m => m.IncidentId == parent).Id}");
        Assert.Equal(WarRoomMode.Channel, major.WarRoom!.Mode);

        // Two children: Ellen joins from the offer she is sent; Alice, on the service desk, links her own from the room.
        var ellens = await RaiseAsync("ellen@contoso.test", "CRM login page spins");
        var alices = await RaiseAsync("alice@contoso.test", "CRM reports are empty");
        var offers = await flow.NotifyAsync();
        var offer = Assert.Single(offers, r => r.IsTo(Ellen.PersonalConversationId) && r.Words().Contains("Join the major incident", StringComparison.Ordinal));
        var (joined, _) = await flow.TurnAsync(Execute(Ellen, CardVerbs.MajorJoin, new { majorIncidentId = major.Id, incidentId = ellens }, offer.ActivityId()));
        Assert.Contains("now part of major incident", joined.InvokeText(), StringComparison.Ordinal);
        var (_, linked) = await flow.TurnAsync(InRoom(Alice, room, $"link {alices}"));
        Assert.Contains("is now a child", Assert.Single(linked).Text(), StringComparison.Ordinal);

        // The manager posts an update from the form the room command gives.
        var (_, form) = await flow.TurnAsync(InRoom(Heidi, room, "update"));
        Assert.True(Assert.Single(form).Card()!.Value.HasButton(CardVerbs.MajorUpdate));
        await flow.NotifyAsync();
        var (posted, _) = await flow.TurnAsync(Execute(Heidi, CardVerbs.MajorUpdate, new
        {
            majorIncidentId = major.Id, status = "CRM database failed over", businessImpact = "Sales cannot see accounts", actions = "Restoring the primary", nextUpdateInMinutes = "20",
        }, "form-card"));
        Assert.StartsWith("Update 1 sent", posted.InvokeText(), StringComparison.Ordinal);
        var fanOut = await flow.NotifyAsync();
        var updates = fanOut.Where(r => r.Words().Contains("CRM database failed over", StringComparison.Ordinal)).ToList();
        Assert.Single(updates, r => r.IsTo(Ellen.PersonalConversationId));
        Assert.Single(updates, r => r.IsTo(Alice.PersonalConversationId)); // a child's reporter and on the service desk: still once
        Assert.Single(updates, r => r.IsTo(room) && r.Method == HttpMethod.Post);
        Assert.Contains(fanOut, r => r.Method == HttpMethod.Put && r.IsTo(room) && r.Words().Contains("CRM database failed over", StringComparison.Ordinal));
        Assert.Empty(await flow.NotifyAsync());

        // Handover: offered in the room, accepted by Bob from the card he is sent; the headline names him.
        var (_, offered) = await flow.TurnAsync(InRoom(Heidi, room, "handover bob"));
        Assert.Contains("You stay responsible", Assert.Single(offered).Text(), StringComparison.Ordinal);
        var handover = Assert.Single(await flow.NotifyAsync(), r => r.IsTo(Bob.PersonalConversationId));
        var (accepted, _) = await flow.TurnAsync(Execute(Bob, CardVerbs.MajorAccept, new { majorIncidentId = major.Id }, handover.ActivityId()));
        Assert.Contains("You are now the manager", accepted.InvokeText(), StringComparison.Ordinal);
        Assert.Contains(await flow.NotifyAsync(), r => r.Method == HttpMethod.Put && r.IsTo(room) && r.Words().Contains("Bob Resolver", StringComparison.Ordinal));
        var (_, refused) = await flow.TurnAsync(InRoom(Heidi, room, "handover heidi"));
        Assert.Contains("Only the major incident manager or the incident manager", Assert.Single(refused).Text(), StringComparison.Ordinal);

        // The timeline takes typed lines and reactions; the new manager marks service restored.
        await flow.TurnAsync(InRoom(Bob, room, "log Primary database back online"));
        await flow.TurnAsync(TestActivities.With(InRoom(Bob, room, string.Empty), a =>
        {
            a.Type = ActivityTypes.MessageReaction;
            a.Text = null;
            a.ReplyToId = "1700000000999";
            a.ReactionsAdded = [new MessageReaction { Type = "like" }];
        }));
        var (_, resolved) = await flow.TurnAsync(InRoom(Bob, room, "resolve"));
        Assert.Contains("marked restored", Assert.Single(resolved).Text(), StringComparison.Ordinal);
        var timeline = await ApiAsync<IReadOnlyList<Api.Client.Events.EventResponse>>("bob@contoso.test", HttpMethod.Get, $"api/major-incidents/{major.Id}/timeline");
        Assert.Contains(timeline, e => e.Kind == "TimelineEntryAdded" && e.Data!["source"]!.GetValue<string>() == "Command");
        Assert.Contains(timeline, e => e.Kind == "TimelineEntryAdded" && e.Data!["source"]!.GetValue<string>() == "Reaction");
        Assert.Contains(await flow.NotifyAsync(), r => r.Method == HttpMethod.Put && r.IsTo(room) && r.Words().Contains("Restored", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "MAJ-03")]
    public async Task Handover_ByTeamsMention_FindsThePersonByTheirEntraObjectId_ByEmailToo()
    {
        var parent = await RaiseAsync("fred@fabrikam.test", "CRM quotes fail to save");
        var (_, opened) = await flow.TurnAsync(Execute(Heidi, CardVerbs.MajorDeclare, new { incidentId = parent, reason = "Quotes cannot be sent" }, "status-card"));
        var room = JsonIdOf(Assert.Single(opened, r => r.Uri.AbsolutePath.EndsWith("/v3/conversations", StringComparison.Ordinal)));
        var majorId = (await ApiAsync<IReadOnlyList<OpenMajorIncidentView>>("heidi@contoso.test", HttpMethod.Get, "api/major-incidents?serviceId=svc-crm")).Single(m => m.IncidentId == parent).Id;

        // "@Bob Resolver": the entity carries Bob's "29:" id only; the Connector's member lookup gives his Entra object id.
        var mention = TestActivities.With(InRoom(Heidi, room, "<at>ItsmChatOps</at> handover <at>Bob Resolver</at>"), a => a.Entities =
        [
            new Entity { Type = Entity.MentionType, Mentioned = new ChannelAccount { Id = a.Recipient!.Id, Name = "ItsmChatOps" }, Text = "<at>ItsmChatOps</at>" },
            new Entity { Type = Entity.MentionType, Mentioned = new ChannelAccount { Id = Bob.ChatId, Name = "Bob Resolver" }, Text = "<at>Bob Resolver</at>" },
        ]);
        var (_, offered) = await flow.TurnAsync(mention);
        Assert.Contains("Offered the manager role", Assert.Single(offered, r => r.Method == HttpMethod.Post).Text(), StringComparison.Ordinal);
        var lookup = Assert.Single(offered, r => r.Method == HttpMethod.Get);
        Assert.EndsWith($"/v3/conversations/{Uri.EscapeDataString(room)}/members/{Uri.EscapeDataString(Bob.ChatId)}", lookup.Uri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("bob", (await ApiAsync<MajorIncidentResponse>("heidi@contoso.test", HttpMethod.Get, $"api/major-incidents/{majorId}")).PendingHandover!.ToId);

        // Typed: an email works; a name nobody has is refused in plain words before the API is asked.
        await flow.TurnAsync(InRoom(Heidi, room, "handover nina@contoso.test"));
        Assert.Equal("nina", (await ApiAsync<MajorIncidentResponse>("heidi@contoso.test", HttpMethod.Get, $"api/major-incidents/{majorId}")).PendingHandover!.ToId);
        var (_, unknown) = await flow.TurnAsync(InRoom(Heidi, room, "handover Nobody Known"));
        Assert.Contains("I don't know who Nobody Known is", Assert.Single(unknown).Text(), StringComparison.Ordinal);

        using var carol = flow.Api.As("carol@contoso.test");
        (await carol.PostAsJsonAsync($"api/major-incidents/{majorId}/transitions", new TransitionMajorIncidentRequest { To = MajorIncidentState.Downgraded, Reason = "Handled as a normal incident" },
            ItsmJson.Options)).EnsureSuccessStatusCode();
        await flow.NotifyAsync();
    }

    [Fact]
    [Trait("Requirement", "MAJ-02")]
    public async Task Declare_ByTheReporter_RefusedInPlainWords_NoRoomOpened()
    {
        var number = await RaiseAsync("ellen@contoso.test", "CRM exports time out");
        var graphMark = flow.Bot.Graph.Requests.Count;

        var (response, _) = await flow.TurnAsync(Execute(Ellen, CardVerbs.MajorDeclare, new { incidentId = number, reason = "It is urgent for me" }, "status-card"));

        Assert.StartsWith("Declaring a major incident is for", response.InvokeText(), StringComparison.Ordinal);
        Assert.Equal(graphMark, flow.Bot.Graph.Requests.Count);
    }

    [Fact]
    public async Task RoomCommand_OutsideAWarRoom_SaysWhereItWorks()
    {
        var (_, sent) = await flow.TurnAsync(Message(Alice, "resolve", inChannel: true));

        Assert.Equal(Bot.Flows.MajorIncidentFlows.NotInARoom, Assert.Single(sent).Text());
    }

    private static Activity InRoom(TeamsUser user, string room, string text) =>
        TestActivities.With(Message(user, text, inChannel: true), a => a.Conversation!.Id = room);

    private static string JsonIdOf(RecordedRequest request) =>
        System.Text.Json.JsonDocument.Parse(request.ResponseBody).RootElement.GetProperty("id").GetString()!;

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

    private async Task<T> ApiAsync<T>(string email, HttpMethod method, string path)
    {
        using var client = flow.Api.As(email);
        using var response = await client.SendAsync(new HttpRequestMessage(method, path));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<T>(ItsmJson.Options))!;
    }
}
