using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.MajorIncidents;
using Microsoft.Playwright;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>
/// A major incident in the local Web Chat: the incident manager declares it from the incident card, joins the
/// war-room conversation from its link, links two reporters' incidents, posts an update (both reporters receive
/// it), hands the manager role to Heidi (who accepts from her chat and marks service restored), and the review
/// closes it. A screenshot is saved at each step.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(LocalChatCollection.Name)]
public sealed class MajorIncidentJourneyTests(LocalChatHost host)
{
    /// <summary>Only the headline card says this (the update cards also name the major incident).</summary>
    private const string HeadlineText = "In this room:";

    [Fact]
    [Trait("Requirement", "MAJ-03")]
    [Trait("Requirement", "MAJ-05")]
    [Trait("Requirement", "MAJ-06")]
    [Trait("Requirement", "MAJ-08")]
    [Trait("Requirement", "MAJ-09")]
    public async Task IncidentManager_RunsAMajorIncidentInAWarRoom_ChildReportersGetTheUpdates()
    {
        var ellen = await ChatPage.OpenAsync(host, "ellen@contoso.test");
        var erin = await ChatPage.OpenAsync(host, "erin@fabrikam.test");
        var heidi = await ChatPage.OpenAsync(host, "heidi@contoso.test");
        var parent = await RaiseAsync("dave@contoso.test", "CRM will not load for anyone");
        var children = new[] { await RaiseAsync("ellen@contoso.test", "CRM login page spins"), await RaiseAsync("erin@fabrikam.test", "CRM reports are empty") };

        // Declared from the incident card.
        var carol = await ChatPage.OpenAsync(host, "carol@contoso.test");
        await carol.SendAsync($"status {parent}");
        var card = await carol.CardAsync("CRM will not load for anyone");
        await ChatPage.Button(card, "Declare major incident").ClickAsync();
        await card.Locator("textarea").Filter(new() { Visible = true }).Last.FillAsync("Sales cannot work with customers");
        await carol.ScreenshotAsync("major-1-declare");
        await ChatPage.Button(card, "Declare").Last.ClickAsync();
        var headline = await carol.CardAsync("Major incident MI-");
        await Assertions.Expect(headline.GetByText("Open war room")).ToBeVisibleAsync();
        await carol.ScreenshotAsync("major-2-declared");

        using var agent = host.Agent("carol@contoso.test");
        var major = (await agent.GetFromJsonAsync<IReadOnlyList<OpenMajorIncidentView>>("api/major-incidents?serviceId=svc-crm", ItsmJson.Options))!
            .Single(m => m.IncidentId == parent);
        Assert.NotNull(major.WarRoomLink);

        // The war room: link the children, post an update from the form.
        var room = await ChatPage.OpenRoomAsync(host, "carol@contoso.test", major.WarRoomLink!, $"Major incident {major.Id}");
        foreach (var child in children)
        {
            await room.SendAsync($"link {child}");
            await Assertions.Expect(room.Page.GetByText($"{child} is now a child").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        }

        await room.SendAsync("update");
        var form = await room.CardAsync("Stakeholder update for");
        var fields = form.Locator("textarea");
        await fields.Nth(0).FillAsync("CRM database failed over to the secondary");
        await fields.Nth(1).FillAsync("Sales cannot see customer accounts");
        await fields.Nth(2).FillAsync("Restoring the primary database");
        await room.ScreenshotAsync("major-3-update-form");
        await ChatPage.Button(form, "Send update").ClickAsync();
        await Assertions.Expect(room.Page.GetByText("Update 1 sent").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await room.CardAsync("Update 1 on major incident");
        await room.ScreenshotAsync("major-4-room-update");

        foreach (var (reporter, name) in new[] { (ellen, "ellen"), (erin, "erin") })
        {
            await Assertions.Expect((await reporter.CardAsync("Update 1 on major incident")).GetByText("CRM database failed over to the secondary")).ToBeVisibleAsync();
            await reporter.ScreenshotAsync($"major-5-update-to-{name}");
        }

        // Handover: offered in the room, accepted by Heidi from her chat; the headline names her.
        await room.SendAsync("handover heidi");
        var offer = await heidi.CardAsync("offered the manager role");
        await heidi.ScreenshotAsync("major-6-handover-offer");
        await ChatPage.Button(offer, "Accept the role").ClickAsync();
        await Assertions.Expect(heidi.Page.GetByText("You are now the manager").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await Assertions.Expect((await room.CardAsync(HeadlineText)).GetByText("Heidi Lead").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await room.ScreenshotAsync("major-7-handed-over");

        // The new manager marks service restored in the room.
        var heidiInRoom = await ChatPage.OpenRoomAsync(host, "heidi@contoso.test", major.WarRoomLink!, $"Major incident {major.Id}");
        await heidiInRoom.SendAsync("log Primary database back online");
        await heidiInRoom.SendAsync("resolve");
        await Assertions.Expect(heidiInRoom.Page.GetByText("is marked restored").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await heidiInRoom.ScreenshotAsync("major-8-restored");

        // The review card arrives in the room with the key moments of the timeline; the manager fills it in and submits it.
        var review = await heidiInRoom.CardAsync("Review of major incident");
        await Assertions.Expect(review.GetByText("Primary database back online").First).ToBeVisibleAsync();
        var texts = review.Locator("textarea").Filter(new() { Visible = true });
        await texts.Nth(0).FillAsync("The failover runbook worked first time");
        await texts.Nth(1).FillAsync("Monitoring missed the first ten minutes");
        await review.Locator("select").Filter(new() { Visible = true }).First.SelectOptionAsync("true");
        var actionText = review.Locator("input[aria-label^='Action 1'], input[placeholder='What will be done']").Filter(new() { Visible = true }).First;
        await actionText.FillAsync("Alert on replication lag");
        await review.Locator("input[placeholder^='ITSM id']").Filter(new() { Visible = true }).First.FillAsync("heidi");
        await review.Locator("input[type='date']").Filter(new() { Visible = true }).First.FillAsync(DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await heidiInRoom.ScreenshotAsync("major-9-review-form");
        await ChatPage.Button(review, "Complete the review").ClickAsync();

        // The card updates in place to the completed review.
        var completed = await heidiInRoom.CardAsync("Review completed by Heidi Lead");
        await Assertions.Expect(completed.GetByText("Alert on replication lag", new() { Exact = false }).First).ToBeVisibleAsync();
        await heidiInRoom.ScreenshotAsync("major-10-review-completed");

        // The incident manager approves from the same card in the room: closed, improvement items follow, the room is archived.
        await Assertions.Expect((await room.CardAsync("Review completed by Heidi Lead")).GetByText("Waiting for the incident manager").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await ChatPage.Button(await room.CardAsync("Review completed by Heidi Lead"), "Approve and close").ClickAsync();
        await Assertions.Expect(room.Page.GetByText("Approved by Carol Manager").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await Assertions.Expect(room.Page.GetByText("This war room is archived").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await Assertions.Expect((await room.CardAsync(HeadlineText)).GetByText("Closed").First).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await room.ScreenshotAsync("major-11-closed");

        var closed = (await agent.GetFromJsonAsync<MajorIncidentResponse>($"api/major-incidents/{major.Id}", ItsmJson.Options))!;
        Assert.Equal((MajorIncidentState.Closed, "heidi", "carol"), (closed.State, closed.ManagerHistory[^1].PersonId, closed.Review!.ApprovedById));
        Assert.Equal(2, closed.ChildIncidentIds.Count);
        Assert.Equal("Alert on replication lag", Assert.Single(closed.Review.Actions).Text);
        Assert.NotNull(closed.WarRoom!.ArchivedAt);
    }

    private async Task<string> RaiseAsync(string email, string summary)
    {
        using var reporter = host.Agent(email);
        using var created = await reporter.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
        {
            Summary = summary, ServiceId = "svc-crm", Category = "Software", Impact = Impact.Medium, Urgency = Urgency.Medium,
        }, ItsmJson.Options);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!.Id;
    }
}
