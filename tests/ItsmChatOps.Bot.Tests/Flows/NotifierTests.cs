using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Notifications;
using ItsmChatOps.Bot.State;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>The notifier keeps no state of its own: instances share the cursor and the claims kept by the API.</summary>
[Collection(FlowCollection.Name)]
public sealed class NotifierTests(FlowFixture flow)
{
    [Fact]
    [Trait("Requirement", "INC-11")]
    public async Task TwoInstances_PollTogether_EachNotificationSentOnce_AndARestartedOneSendsNothingAgain()
    {
        var number = await flow.RaiseAsync(Dave, "Outlook rules stopped running " + Guid.NewGuid().ToString("N")[..4]);
        await flow.NotifyAsync();
        using var second = FlowFixture.StartBot(flow.Api);
        second.Connector.Responder = flow.Respond;
        await flow.Api.AssignAsync(number);
        await flow.Api.RelayAsync();
        var marks = (flow.Connector.Requests.Count, second.Connector.Requests.Count);

        await Task.WhenAll(Poll(flow.Bot), Poll(second), Poll(flow.Bot), Poll(second));
        using var restarted = FlowFixture.StartBot(flow.Api);
        restarted.Connector.Responder = flow.Respond;
        await Poll(restarted);

        var sent = flow.Connector.Requests.Skip(marks.Item1).Concat(second.Connector.Requests.Skip(marks.Item2)).Concat(restarted.Connector.Requests)
            .Where(r => r.IsTo(Dave.PersonalConversationId) && r.Words().Contains(number, StringComparison.Ordinal))
            .ToList();
        Assert.Single(sent, r => r.Words().Contains("working on it now", StringComparison.Ordinal));
        Assert.Empty(restarted.Connector.Requests);
        var cursor = await flow.Api.AsBot().GetStateAsync(BotStateKeys.NotifierCursor);
        Assert.NotNull(cursor);
    }

    [Fact]
    [Trait("Requirement", "INC-05")]
    public async Task ConfirmationRequest_ReporterNeverTalkedToTheBot_ReportedUndeliveredAndTheServiceDeskIsTold()
    {
        await flow.TurnAsync(Message(Alice, "my incidents"));
        using var alice = flow.Api.As("alice@contoso.test");
        var logged = await alice.PostAsJsonAsync("api/incidents", new CreateIncidentRequest
        {
            Summary = "Caller cannot print payslips " + Guid.NewGuid().ToString("N")[..4],
            ServiceId = "svc-email",
            Category = "Software > Email",
            Impact = Impact.Low,
            Urgency = Urgency.Low,
            Source = IncidentSource.Phone,
            ReporterId = "oscar",
        }, ItsmJson.Options);
        var number = (await logged.Content.ReadFromJsonAsync<IncidentResponse>(ItsmJson.Options))!.Id;
        await flow.Api.WorkToResolvedAsync(number);

        var sent = await flow.NotifyAsync();
        await flow.Api.RelayAsync();
        sent = [.. sent, .. await flow.NotifyAsync()];

        var incident = await flow.Api.GetAsync(number);
        Assert.True(incident.Confirmation?.DeliveryFailed);
        Assert.Null(incident.Confirmation?.DeliveredAt);
        Assert.Contains(sent, r => r.IsTo(Alice.PersonalConversationId) && r.Words().Contains($"We couldn't reach the reporter of {number}", StringComparison.Ordinal));
    }

    private static Task<int> Poll(BotFactory bot) => bot.Services.GetRequiredService<Notifier>().PollOnceAsync(CancellationToken.None);
}
