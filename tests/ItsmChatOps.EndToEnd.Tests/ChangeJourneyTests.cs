using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Client.Policies;
using Microsoft.Playwright;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>
/// The change issue's "done when", in the local Web Chat: Charlie (change manager) opens Dave's incident about the
/// Live VPN gateway and presses "Raise change"; the form comes prefilled from the incident, a first submit without a
/// backout plan is refused on the form, the second one shows the assessment with a conflicting change and the link to
/// the incident (which names the change too). Both required approvers (Charlie and Nina, the gateway's owner) approve
/// on their cards, each seeing the other's vote arrive. The change is then scheduled,
/// implemented by Nina, verified, signed off and closed with a review. A screenshot is saved of each card.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(LocalChatCollection.Name)]
public sealed class ChangeJourneyTests(LocalChatHost host)
{
    private const string VpnGateway = "CI-000006";

    [Fact]
    [Trait("Requirement", "CHG-01")]
    [Trait("Requirement", "CHG-03")]
    [Trait("Requirement", "CHG-05")]
    [Trait("Requirement", "CHG-06")]
    [Trait("Requirement", "CHG-15")]
    [Trait("Requirement", "CFG-14")]
    public async Task NormalChange_RaisedFromAnIncidentCardOnTheForm_AssessedApprovedByTwo_ScheduledImplementedAndClosed_InWebChat()
    {
        var charlie = await ChatPage.OpenAsync(host, "charlie@contoso.test");
        var nina = await ChatPage.OpenAsync(host, "nina@contoso.test");
        await nina.SendAsync("ci vpn-gw-01");
        await Assertions.Expect(nina.Page.GetByText("Owner: Nina Network").Last).ToBeVisibleAsync(new() { Timeout = ChatPage.Timeout });
        await nina.ScreenshotAsync("change-0-ci-lookup");

        using var api = host.Agent("charlie@contoso.test");
        var window = await QuietEveningAsync();
        var other = await ClashingChangeAsync(window);
        var incident = await IncidentOnTheGatewayAsync();
        await charlie.SendAsync($"status {incident}");
        var incidentCard = await charlie.CardAsync("VPN drops every few minutes");
        await charlie.ScreenshotAsync("change-1-incident-card");
        await ChatPage.Button(incidentCard, "Raise change").ClickAsync();

        var form = await charlie.CardAsync($"From incident {incident}");
        await FillAsync(form, window);
        await charlie.TallScreenshotAsync("change-1-form-from-incident");
        await ChatPage.Button(form, "Submit").ClickAsync();
        var refused = await charlie.CardAsync("Please check these fields");
        var number = Regex.Match(await refused.InnerTextAsync(), @"CHG-\d{6}").Value;
        Assert.NotEmpty(number);
        Assert.Contains("Backout plan", await refused.InnerTextAsync(), StringComparison.Ordinal);
        await charlie.TallScreenshotAsync("change-1-form-refused");
        await refused.GetByLabel("Backout plan", new() { Exact = true }).FillAsync("Boot the previous image from the second partition.");
        await ChatPage.Button(refused, "Submit").ClickAsync();

        var assessed = await charlie.CardAsync($"{number} is submitted and assessed");
        var shown = await assessed.InnerTextAsync();
        Assert.Contains("Waiting for Charlie Change: request for approval.", shown, StringComparison.Ordinal);
        Assert.Contains(other, shown, StringComparison.Ordinal);
        Assert.Contains($"fixes incident {incident}", shown, StringComparison.Ordinal);
        await charlie.ScreenshotAsync("change-2-assessed");
        await charlie.SendAsync($"status {incident}");
        await charlie.CardAsync($"{number} fixes incident");
        await charlie.ScreenshotAsync("change-2-incident-names-the-change");

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

    /// <summary>
    /// 20:00 to 22:00 UTC (the form reads UTC) on the first evening two or more days ahead that no freeze or critical period of
    /// the blackout policy touches, the clashing change's later hour included: in one the approvers would be escalated to the
    /// board, and the journey would depend on the date it runs (the seeded year-end freeze).
    /// </summary>
    private async Task<ChangeWindow> QuietEveningAsync()
    {
        using var admin = host.Agent("grace@contoso.test");
        var policy = (await admin.GetFromJsonAsync<PolicyResponse>("api/policies/change-blackouts", ItsmJson.Options))!;
        var periods = policy.Body["periods"]!.AsArray().Select(p => (Start: p!["start"]!.GetValue<DateTimeOffset>(), End: p["end"]!.GetValue<DateTimeOffset>())).ToList();
        var first = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(2);
        for (var day = first; day < first.AddYears(1); day = day.AddDays(1))
        {
            if (!periods.Any(p => p.Start < day.AddHours(23) && day.AddHours(20) < p.End))
            {
                return new ChangeWindow(day.AddHours(20), day.AddHours(22));
            }
        }

        throw new InvalidOperationException("The blackout policy leaves no evening free in the coming year.");
    }

    /// <summary>What Charlie adds to the form the incident prefilled: scope, window (the form takes UTC), plans (all but the backout plan), implementer, risk.</summary>
    private static async Task FillAsync(ILocator form, ChangeWindow window)
    {
        await form.GetByLabel("Description", new() { Exact = true }).FillAsync("Install the vendor's firmware 11.1.3 on the VPN gateway.");
        await form.GetByLabel("In scope", new() { Exact = true }).FillAsync("The VPN gateway");
        await form.GetByLabel("Benefit", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "Security" });
        await form.GetByLabel("Justification", new() { Exact = true }).FillAsync("Closes a vulnerability the vendor rates as critical.");
        await form.GetByLabel("Start date", new() { Exact = true }).FillAsync(window.Start.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await form.GetByLabel("Start time", new() { Exact = true }).FillAsync(window.Start.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        await form.GetByLabel("End date", new() { Exact = true }).FillAsync(window.End.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await form.GetByLabel("End time", new() { Exact = true }).FillAsync(window.End.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture));
        await form.GetByLabel("Implementation plan", new() { Exact = true }).FillAsync("Upload the image, install it, reboot the gateway.");
        await form.GetByLabel("Test plan", new() { Exact = true }).FillAsync("Connect from a laptop at home and at a branch.");
        await form.GetByLabel("Implementer", new() { Exact = true }).FillAsync("nina");
        foreach (var question in (string[])["How often has this kind of change caused trouble before?", "How complex is the work?", "How well has it been tested?",
                     "If it goes wrong, who is affected?", "How hard is it to back out?"])
        {
            await form.GetByLabel(question, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "3" });
        }
    }

    /// <summary>Dave reports that the VPN keeps dropping, on the gateway: the incident the change will fix.</summary>
    private async Task<string> IncidentOnTheGatewayAsync()
    {
        using var dave = host.Agent("dave@contoso.test");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/incidents")
        {
            Content = JsonContent.Create(new CreateIncidentRequest
            {
                Summary = "VPN drops every few minutes " + Guid.NewGuid().ToString("N")[..4],
                Description = "Home workers lose the VPN every few minutes.",
                ServiceId = "svc-vpn",
                Impact = Impact.Medium,
                Urgency = Urgency.High,
                CiIds = [VpnGateway],
            }, options: ItsmJson.Options),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var created = await dave.SendAsync(request);
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.IsSuccessStatusCode, body);
        return System.Text.Json.Nodes.JsonNode.Parse(body)!["id"]!.GetValue<string>();
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
