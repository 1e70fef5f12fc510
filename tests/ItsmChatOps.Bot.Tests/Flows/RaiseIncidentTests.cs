using System.Net.Http.Json;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Identity;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>Raising an incident from chat against the real API (INC-01, SEC-02, SEC-03).</summary>
[Collection(FlowCollection.Name)]
public sealed class RaiseIncidentTests(FlowFixture flow)
{
    [Fact]
    [Trait("Requirement", "INC-01")]
    public async Task FreeText_OneLineWithTypos_FormPrefilledWithWhatWasInferred()
    {
        var (_, sent) = await flow.TurnAsync(Message(Dave, "outlok keeps askin for my pasword since this mornin"));

        var form = Assert.Single(sent).Card()!.Value;
        Assert.True(form.HasButton(CardVerbs.IncidentCreate));
        var inputs = form.Words();
        Assert.Contains("outlok keeps askin for my pasword", inputs, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("svc-email", inputs, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    public async Task ReportCommand_Submitted_CreatesIncidentAndShowsNumberPriorityAndWhatHappensNext()
    {
        var (response, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentCreate, AgentSteps.Form("Calendar invites do not arrive"), "form-1"));

        var created = response.InvokeCard().Words();
        var number = AgentSteps.NumberIn(created);
        Assert.Contains("Thanks, we've logged your problem", created, StringComparison.Ordinal);
        var incident = await flow.Api.GetAsync(number);
        Assert.Contains($"{incident.Priority} · ", created, StringComparison.Ordinal);
        Assert.Contains("We aim to fix it by", created, StringComparison.Ordinal);
        Assert.Contains("What happens next", created, StringComparison.Ordinal);
        Assert.Equal(("dave", IncidentSource.Chat, Channel.Teams), (incident.ReporterId, incident.Source, incident.Channel));
        Assert.Equal(Dave.PersonalConversationId, incident.ChatMessage?.ConversationId);
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    public async Task Submit_DoubleClicked_CreatesOneIncidentAndUpdatesTheForm()
    {
        var form = AgentSteps.Form("Shared mailbox shows no new mail " + Guid.NewGuid().ToString("N")[..6]);

        var (_, first) = await flow.TurnAsync(Submit(Dave, CardVerbs.IncidentCreate, form, "form-double"));
        var (_, second) = await flow.TurnAsync(Submit(Dave, CardVerbs.IncidentCreate, form, "form-double"));

        var update = Assert.Single(first);
        Assert.Equal(HttpMethod.Put, update.Method);
        Assert.EndsWith("/activities/form-double", update.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(AgentSteps.NumberIn(update.Words()), AgentSteps.NumberIn(Assert.Single(second).Words()));
    }

    [Fact]
    [Trait("Requirement", "INC-01")]
    public async Task Submit_WithoutSummary_SameFormShowsTheApiFieldError()
    {
        var form = new { summary = "", serviceId = "svc-email", impact = "Low", urgency = "Low", idempotencyKey = "k-no-summary" };

        var (response, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentCreate, form, "form-2"));

        var card = response.InvokeCard();
        Assert.True(card.HasButton(CardVerbs.IncidentCreate));
        Assert.Contains("Please check these fields", card.Words(), StringComparison.Ordinal);
        Assert.Contains("**What's the problem?**", card.Words(), StringComparison.Ordinal);
        Assert.Equal("k-no-summary", card.ButtonData(CardVerbs.IncidentCreate).GetProperty("idempotencyKey").GetString());
    }

    [Fact]
    public async Task Cancel_ReplacesTheFormAndRaisesNothing()
    {
        var (response, _) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentDiscard, new { }, "form-3"));

        Assert.Contains("Nothing was reported", response.InvokeCard().Words(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task UnmappedTeamsUser_DescribesProblem_ToldWhyAndNothingIsCreated()
    {
        var phrase = "stranger-printer-" + Guid.NewGuid().ToString("N")[..6];

        var (_, sent) = await flow.TurnAsync(Message(Stranger, $"the printer {phrase} is on fire"));
        var (click, _) = await flow.TurnAsync(Execute(Stranger, CardVerbs.IncidentCreate, AgentSteps.Form(phrase), "form-4"));

        Assert.Equal(ChatUsers.NotLinked, Assert.Single(sent).Text());
        Assert.Equal(ChatUsers.NotLinked, click.InvokeText());
        using var alice = flow.Api.As("alice@contoso.test");
        var found = await alice.GetFromJsonAsync<Page<IncidentSummary>>($"api/incidents?text={phrase}", ItsmJson.Options);
        Assert.Empty(found!.Items);
    }

    [Fact]
    [Trait("Requirement", "SEC-03")]
    public async Task Channel_SecurityIncidentRaised_EveryoneSeesOnlyItsNumber()
    {
        var summary = "Someone else signed in to my account " + Guid.NewGuid().ToString("N")[..6];

        var (response, sent) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentCreate, AgentSteps.Form(summary, security: true), "channel-form", inChannel: true));

        var forEveryone = Assert.Single(sent);
        Assert.Equal(HttpMethod.Put, forEveryone.Method);
        Assert.True(forEveryone.IsTo(ChannelConversationId));
        var number = AgentSteps.NumberIn(forEveryone.Words());
        Assert.DoesNotContain(summary, forEveryone.Body, StringComparison.Ordinal);
        Assert.False(forEveryone.Card()!.Value.HasButton(CardVerbs.IncidentMeToo));
        Assert.Contains(summary, response.InvokeCard().Words(), StringComparison.Ordinal);
        Assert.True((await flow.Api.GetAsync(number, "frank@contoso.test")).Security);
    }

    [Fact]
    [Trait("Requirement", "INC-12")]
    public async Task Channel_IncidentRaised_AnnouncedWithMeToo()
    {
        var (_, sent) = await flow.TurnAsync(Execute(Dave, CardVerbs.IncidentCreate, AgentSteps.Form("Wi-Fi drops in meeting room 4"), "channel-form-2", inChannel: true));

        var card = Assert.Single(sent).Card()!.Value;
        Assert.Contains("Wi-Fi drops in meeting room 4", card.Words(), StringComparison.Ordinal);
        Assert.True(card.HasButton(CardVerbs.IncidentMeToo));
    }
}
