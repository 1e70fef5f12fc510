using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Cards;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ItsmChatOps.Bot.Tests.Application;

/// <summary>Every verb a card may send has a route in the bot, the change cards' verbs included.</summary>
[Collection(FlowCollection.Name)]
public sealed class VerbRoutingTests(FlowFixture flow)
{
    [Fact]
    public void ItsmBot_EveryCardVerb_HasARoute()
    {
        var bot = flow.Bot.Services.GetRequiredService<BotApplication>();

        Assert.Subset(bot.CardVerbs.ToHashSet(StringComparer.Ordinal), CardVerbs.All.ToHashSet(StringComparer.Ordinal));
    }
}
