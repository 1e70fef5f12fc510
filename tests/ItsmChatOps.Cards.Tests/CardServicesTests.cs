using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Cards.ViewModels;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Cards.Tests;

public sealed class CardServicesTests
{
    [Fact]
    public void AddCardTemplates_Resolved_RendersAnAttachment()
    {
        using var services = new ServiceCollection().AddCardTemplates().BuildServiceProvider();

        var attachment = services.GetRequiredService<CardRenderer>().RenderAttachment(new HelpCard("Alex", IsWelcome: false));

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", attachment["content"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Templates_Embedded_AreExactlyTheCardsInTheFolder()
    {
        var templates = new CardTemplates();

        Assert.Equal(
            ["closure-confirmation", "help", "incident-channel", "incident-created", "incident-form", "incident-list",
             "incident-status", "incident-update", "major-incident-headline", "major-incident-update", "major-incident-update-form", "message",
             "satisfaction-survey"],
            templates.Names.Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentException>(() => templates.Get("incident-form.data"));
    }

    [Fact]
    public void VerbsOf_ClosureConfirmation_ListsAnswerAndRefreshVerbs()
    {
        var verbs = new CardTemplates().VerbsOf("closure-confirmation");

        Assert.Equal(
            [CardVerbs.IncidentClosureRefresh, CardVerbs.IncidentConfirm, CardVerbs.IncidentReject],
            verbs.Order(StringComparer.Ordinal));
    }
}
