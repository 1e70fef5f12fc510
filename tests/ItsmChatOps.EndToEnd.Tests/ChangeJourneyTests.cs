using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using Microsoft.Playwright;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>
/// The change issue's "done when", in the local Web Chat: Charlie (change manager) raises a normal change on the
/// Live VPN gateway, sees its assessment with a conflicting change, and both required approvers (Charlie and Nina,
/// the gateway's owner) approve on their cards, each seeing the other's vote arrive. The change is then scheduled,
/// implemented by Nina, verified, signed off and closed with a review. A screenshot is saved of each card.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(LocalChatCollection.Name)]
public sealed class ChangeJourneyTests(LocalChatHost host)
{
    private const string VpnGateway = "CI-000006";

    [Fact]
    [Trait("Requirement", "CHG-03")]
    [Trait("Requirement", "CHG-05")]
    [Trait("Requirement", "CHG-06")]
    [Trait("Requirement", "CFG-14")]
    public async Task NormalChange_RaisedAssessedApprovedByTwo_ScheduledImplementedAndClosed_InWebChat()
    {
        var charlie = await ChatPage.OpenAsync(host, "charlie@contoso.test");
        var nina = await ChatPage.OpenAsync(host, "nina@contoso.test");
        await nina.SendAsync("ci vpn-gw-01");
        await Assertions.Expect(nina.Page.GetByText("Owner: Nina Network").Last).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await nina.ScreenshotAsync("change-0-ci-lookup");

        await charlie.SendAsync("change Apply the VPN gateway firmware update on vpn-gw-01");
        var draft = await charlie.CardAsync("is raised as a draft");
        var number = Regex.Match(await draft.InnerTextAsync(), @"CHG-\d{6}").Value;
        Assert.NotEmpty(number);
        await charlie.ScreenshotAsync("change-1-draft");

        using var api = host.Agent("charlie@contoso.test");
        var window = new ChangeWindow(DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(20), DateTimeOffset.UtcNow.Date.AddDays(2).AddHours(22));
        var other = await ClashingChangeAsync(window);
        await CompleteAndAssessAsync(api, number, window);
        await charlie.SendAsync($"chg {number}");
        var assessed = await charlie.CardAsync("Waiting for Charlie Change: request for approval.");
        await Assertions.Expect(assessed.GetByText("overlapping change").First).ToBeVisibleAsync();
        await charlie.ScreenshotAsync("change-2-assessed");

        await MoveAsync(api, number, new() { To = ChangeState.PendingApproval });
        var charlieCard = await charlie.CardAsync("Everyone listed must approve: 0 of 2 so far.");
        await Assertions.Expect(charlieCard.GetByText(other).First).ToBeVisibleAsync();
        var ninaCard = await nina.CardAsync("Everyone listed must approve: 0 of 2 so far.");
        await charlie.ScreenshotAsync("change-3-approval-card-charlie");
        await nina.ScreenshotAsync("change-3-approval-card-nina");

        await ChatPage.Button(charlieCard, "Approve").ClickAsync();
        await charlie.CardAsync($"Charlie Change approved {number}.");
        await charlie.ScreenshotAsync("change-4-charlie-approved");
        ninaCard = await nina.CardAsync("Everyone listed must approve: 1 of 2 so far.");
        await nina.ScreenshotAsync("change-4-nina-sees-charlies-vote");

        await ChatPage.Button(ninaCard, "Approve").ClickAsync();
        await nina.CardAsync("Everyone listed must approve: 2 of 2 so far.");
        await nina.ScreenshotAsync("change-5-nina-approved");
        await charlie.CardAsync($"{number} is approved.");
        await charlie.ScreenshotAsync("change-5-charlie-sees-the-outcome");

        await MoveAsync(api, number, new() { To = ChangeState.Scheduled, OverrideReason = "The other update waits; this one fixes a vulnerability." });
        using (var early = await api.PostAsJsonAsync($"api/changes/{number}/window-override", new WindowOverrideRequest("The vendor engineer is here today."), ItsmJson.Options))
        {
            Assert.True(early.IsSuccessStatusCode, await early.Content.ReadAsStringAsync());
        }

        await nina.CardAsync($"{number} is scheduled.");
        await nina.ScreenshotAsync("change-6-scheduled");

        using var ninaApi = host.Agent("nina@contoso.test");
        await MoveAsync(ninaApi, number, new() { To = ChangeState.Implementing });
        await MoveAsync(ninaApi, number, new() { To = ChangeState.Implemented, Verification = new("Laptops connect; the gateway reports the new firmware.", true) });
        await MoveAsync(api, number, new() { To = ChangeState.Review, SignOffNote = "Checked from two sites." });
        await MoveAsync(api, number, new() { To = ChangeState.Closed, Outcome = ChangeOutcome.Successful, ReviewNote = "Went as planned, no side effects." });

        await charlie.SendAsync($"chg {number}");
        await Assertions.Expect((await charlie.CardAsync("Closed")).GetByText("Nothing is awaited from anyone.")).ToBeVisibleAsync();
        await charlie.ScreenshotAsync("change-7-closed");

        var closed = await api.GetFromJsonAsync<ChangeResponse>($"api/changes/{number}", ItsmJson.Options);
        Assert.Equal((ChangeState.Closed, ChangeOutcome.Successful), (closed!.State, closed.Outcome));
        Assert.Equal(["charlie", "nina"], closed.Approvals.Select(a => a.ApproverId).Order());
        await charlie.Page.CloseAsync();
        await nina.Page.CloseAsync();
    }

    /// <summary>Charlie fills in what the chat draft left out, submits it and assesses it as medium risk.</summary>
    private static async Task CompleteAndAssessAsync(HttpClient api, string number, ChangeWindow window)
    {
        using (var edited = await api.PatchAsJsonAsync($"api/changes/{number}", new UpdateChangeRequest
        {
            Description = "Install the vendor's firmware 11.1.3 on the VPN gateway.",
            Scope = new ChangeScope("The VPN gateway", "Client laptops"),
            BenefitCategory = BenefitCategory.Security,
            Justification = "Closes a vulnerability the vendor rates as critical.",
            Window = window,
            ImplementerId = "nina",
            ImplementationPlan = "Upload the image, install it, reboot the gateway.",
            BackoutPlan = "Boot the previous image from the second partition.",
            TestPlan = "Connect from a laptop at home and at a branch.",
        }, ItsmJson.Options))
        {
            Assert.True(edited.IsSuccessStatusCode, await edited.Content.ReadAsStringAsync());
        }

        await MoveAsync(api, number, new() { To = ChangeState.Submitted });
        using (var assessed = await api.PutAsJsonAsync($"api/changes/{number}/assessment", new AssessChangeRequest
        {
            RiskAnswers = new Dictionary<string, int> { ["history"] = 3, ["complexity"] = 3, ["testing"] = 3, ["reach"] = 3, ["backout"] = 3 },
            Urgency = Urgency.High,
            Cost = 400,
            Resources = "One network engineer for two hours",
        }, ItsmJson.Options))
        {
            Assert.True(assessed.IsSuccessStatusCode, await assessed.Content.ReadAsStringAsync());
        }

        await MoveAsync(api, number, new() { To = ChangeState.Assessed });
    }

    /// <summary>Priya's change on the same gateway in an overlapping window, assessed: it takes the window.</summary>
    private async Task<string> ClashingChangeAsync(ChangeWindow window)
    {
        using var priya = host.Agent("priya@contoso.test");
        using var charlie = host.Agent("charlie@contoso.test");
        using var created = await priya.PostAsJsonAsync("api/changes", new CreateChangeRequest
        {
            Model = ChangeModel.Normal,
            Title = "Renew the VPN gateway certificate",
            Description = "Replace the gateway's TLS certificate before it expires.",
            Scope = new ChangeScope("The VPN gateway", null),
            BenefitCategory = BenefitCategory.Security,
            Justification = "The certificate expires next month.",
            CiIds = [VpnGateway],
            Window = new ChangeWindow(window.Start.AddHours(1), window.End.AddHours(1)),
            ImplementerId = "nina",
            ImplementationPlan = "Import the certificate and bind it.",
            BackoutPlan = "Bind the old certificate again.",
            TestPlan = "Connect from a laptop.",
        }, ItsmJson.Options);
        var change = (await created.Content.ReadFromJsonAsync<ChangeResponse>(ItsmJson.Options))!;
        await MoveAsync(priya, change.Id, new() { To = ChangeState.Submitted });
        using (var assessed = await charlie.PutAsJsonAsync($"api/changes/{change.Id}/assessment", new AssessChangeRequest
        {
            RiskAnswers = new Dictionary<string, int> { ["history"] = 1, ["complexity"] = 1, ["testing"] = 1, ["reach"] = 1, ["backout"] = 1 },
        }, ItsmJson.Options))
        {
            Assert.True(assessed.IsSuccessStatusCode, await assessed.Content.ReadAsStringAsync());
        }

        await MoveAsync(charlie, change.Id, new() { To = ChangeState.Assessed });
        return change.Id;
    }

    private static async Task MoveAsync(HttpClient client, string number, TransitionChangeRequest request)
    {
        using var moved = await client.PostAsJsonAsync($"api/changes/{number}/transitions", request, ItsmJson.Options);
        Assert.True(moved.IsSuccessStatusCode, $"{request.To}: {await moved.Content.ReadAsStringAsync()}");
    }
}
