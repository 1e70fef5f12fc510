using System.Net.Http.Json;
using System.Text.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>Service levels in chat: warnings and breaches delivered as cards, the at-risk view and the SLA report with its charts.</summary>
[Collection(FlowCollection.Name)]
public sealed class ServiceLevelTests(FlowFixture flow)
{
    [Fact]
    [Trait("Requirement", "SLM-09")]
    [Trait("Requirement", "SLM-10")]
    public async Task TargetRunsOut_WorkerWarnedAtEachThresholdOnce_AndTheBreachCardSaysSo()
    {
        await flow.TurnAsync(Message(Bob, "my incidents"));
        await flow.TurnAsync(Message(Carol, "my incidents"));
        var number = await RaiseP2AsWorkedByBobAsync("Payroll export stalls at 40% " + Guid.NewGuid().ToString("N")[..4]);
        await flow.NotifyAsync();
        var due = (await flow.Api.GetAsync(number)).ResolutionDue!.Value;

        flow.Api.Clock.SetUtcNow(due.AddMinutes(1));
        await flow.Api.RunTimersAsync();
        await flow.Api.RelayAsync();
        var sent = await flow.NotifyAsync();
        await flow.Api.RunTimersAsync();
        await flow.Api.RelayAsync();
        sent = [.. sent, .. await flow.NotifyAsync()];

        var toBob = sent.Where(r => r.IsTo(Bob.PersonalConversationId) && r.Words().Contains(number, StringComparison.Ordinal)).Select(r => r.Words()).ToList();
        Assert.Single(toBob, w => w.Contains($"{number} has used 75% of its resolution time", StringComparison.Ordinal));
        Assert.Single(toBob, w => w.Contains($"{number} has used 90% of its resolution time", StringComparison.Ordinal));
        var alert = sent.First(r => r.IsTo(Bob.PersonalConversationId) && r.Words().Contains("75%", StringComparison.Ordinal)).Card()!.Value;
        Assert.Equal(number, alert.ButtonData(CardVerbs.IncidentView).GetProperty("incidentId").GetString());
        Assert.True(alert.HasButton(CardVerbs.AtRiskShow));
        var breach = Assert.Single(sent, r => r.IsTo(Carol.PersonalConversationId) && r.Words().Contains(number, StringComparison.Ordinal)).Words();
        Assert.Contains($"{number} missed its resolution target", breach, StringComparison.Ordinal);
        Assert.DoesNotContain(toBob, w => w.Contains("missed", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "RPT-03")]
    public async Task AtRisk_ForATeam_ListsTheIncidentAboutToBreachWithTimeLeftAndAButton()
    {
        var number = await RaiseP2AsWorkedByBobAsync("CRM search returns nothing " + Guid.NewGuid().ToString("N")[..4]);
        var due = (await flow.Api.GetAsync(number)).ResolutionDue!.Value;
        flow.Api.Clock.SetUtcNow(due.AddMinutes(-30));

        var (_, sent) = await flow.TurnAsync(Message(Bob, "at-risk messag"));

        var card = Assert.Single(sent).Card()!.Value;
        var words = card.Words();
        Assert.Contains("At risk: Messaging", words, StringComparison.Ordinal);
        Assert.Contains(number, words, StringComparison.Ordinal);
        Assert.Contains("30 min left", words, StringComparison.Ordinal);
        Assert.True(card.HasButton(CardVerbs.SlaReport));
    }

    [Fact]
    [Trait("Requirement", "RPT-03")]
    public async Task AtRisk_UnknownTeamOrCustomer_AnswersInWordsWithoutACard()
    {
        var (_, unknown) = await flow.TurnAsync(Message(Bob, "at-risk plumbing"));
        var (_, customer) = await flow.TurnAsync(Message(Dave, "at-risk"));

        Assert.StartsWith("I don't know a team called \"plumbing\". Teams: ", Assert.Single(unknown).Text(), StringComparison.Ordinal);
        Assert.Null(Assert.Single(customer).Card());
        Assert.NotEmpty(Assert.Single(customer).Text()!);
    }

    [Fact]
    [Trait("Requirement", "RPT-02")]
    public async Task SlaReport_ForAService_ShowsTheTableAndAChart_AndItsButtonsSwitchTheChartInPlace()
    {
        await RaiseP2AsWorkedByBobAsync("Payslips missing for March " + Guid.NewGuid().ToString("N")[..4]);

        var (_, sent) = await flow.TurnAsync(Message(Alice, "sla report payroll 14 days"));

        var card = Assert.Single(sent).Card()!.Value;
        Assert.Contains("SLA report: Payroll", card.Words(), StringComparison.Ordinal);
        Assert.Contains("Within target by priority", card.Words(), StringComparison.Ordinal);
        var image = Image(card);
        Assert.StartsWith("data:image/png;base64,", image, StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Convert.FromBase64String(image["data:image/png;base64,".Length..])[..4]);
        var causes = card.Objects().First(o => o.TryGetProperty("title", out var t) && t.GetString() == "Breaches by cause" && o.TryGetProperty("data", out _))
            .GetProperty("data");
        Assert.Equal("svc-payroll", causes.GetProperty("serviceId").GetString());
        var period = causes.GetProperty("to").GetDateTimeOffset() - causes.GetProperty("from").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(14), period);

        var (response, _) = await flow.TurnAsync(Execute(Alice, CardVerbs.SlaChart, JsonSerializer.Deserialize<Dictionary<string, string>>(causes.GetRawText())!, "report-card"));

        var replaced = response.InvokeCard();
        Assert.Contains("Breaches by cause", replaced.Words(), StringComparison.Ordinal);
        Assert.NotEqual(image, Image(replaced));
        Assert.True(replaced.HasButton(CardVerbs.SlaChart));
    }

    [Fact]
    [Trait("Requirement", "RPT-02")]
    public async Task SlaReport_UnknownServiceOrStaleButton_AnswersInWords()
    {
        var (_, unknown) = await flow.TurnAsync(Message(Alice, "sla report submarines"));
        var (response, _) = await flow.TurnAsync(Execute(Alice, CardVerbs.SlaChart, new { chart = "pie", from = "x", to = "y" }, "report-card"));

        Assert.StartsWith("I don't know a service called \"submarines\".", Assert.Single(unknown).Text(), StringComparison.Ordinal);
        Assert.Contains("out of date", response.InvokeText(), StringComparison.Ordinal);
    }

    /// <summary>A P2 on the payroll service, assigned to Messaging and taken by Bob (its response is then met).</summary>
    private async Task<string> RaiseP2AsWorkedByBobAsync(string summary)
    {
        flow.Api.NextMonday();
        using var alice = flow.Api.As("alice@contoso.test");
        var created = await alice.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
        {
            Summary = summary,
            ServiceId = "svc-payroll",
            Category = "Software > Email",
            Impact = Impact.Medium,
            Urgency = Urgency.High,
            Source = IncidentSource.Phone,
            ReporterId = "ellen",
        }, ItsmJson.Options);
        var incident = (await created.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!;
        Assert.Equal(Priority.P2, incident.Priority);
        await flow.Api.AssignAsync(incident.Id);
        await flow.Api.TakeAsync(incident.Id);
        return incident.Id;
    }

    private static string Image(JsonElement card) =>
        card.Objects().Single(o => o.TryGetProperty("type", out var t) && t.GetString() == "Image").GetProperty("url").GetString()!;
}
