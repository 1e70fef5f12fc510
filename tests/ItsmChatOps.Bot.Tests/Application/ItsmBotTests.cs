using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ItsmChatOps.Bot.Tests.Application;

public sealed class ItsmBotTests
{
    private readonly RecordingConnector connector = new();
    private readonly TurnRunner runner;

    public ItsmBotTests()
    {
        var bot = new ItsmBot(NullLogger<ItsmBot>.Instance);
        runner = new TurnRunner(bot, new ChannelConnectors([connector]), new TurnErrorHandler(NullLogger<TurnErrorHandler>.Instance), NullLogger<TurnRunner>.Instance);
    }

    [Fact]
    public async Task ConversationUpdate_BotAdded_SendsWelcome()
    {
        await runner.RunAsync(TestActivities.BotAdded(), CancellationToken.None);

        Assert.Contains("Type **help**", Assert.Single(connector.Calls).Activity!.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConversationUpdate_OtherMemberAdded_SendsNothing()
    {
        var userAdded = TestActivities.With(TestActivities.BotAdded(), a => a.MembersAdded = [new ChannelAccount { Id = "29:someone-else" }]);

        await runner.RunAsync(userAdded, CancellationToken.None);

        Assert.Empty(connector.Calls);
    }

    [Fact]
    public async Task Message_Help_ListsRegisteredCommands()
    {
        await runner.RunAsync(TestActivities.Message("Help"), CancellationToken.None);

        var text = Assert.Single(connector.Calls).Activity!.Text;
        Assert.StartsWith("Here is what I can do:", text, StringComparison.Ordinal);
        Assert.Contains("**help**: shows what I can do", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_Unknown_SaysWhatBotCanDoWithoutEcho()
    {
        await runner.RunAsync(TestActivities.Message("please reset my zebra-password-7781"), CancellationToken.None);

        var text = Assert.Single(connector.Calls).Activity!.Text;
        Assert.StartsWith("Sorry, I did not understand that.", text, StringComparison.Ordinal);
        Assert.Contains("Here is what I can do:", text, StringComparison.Ordinal);
        Assert.DoesNotContain("zebra", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CardAction_HelpVerbBySubmit_AnswersHelp()
    {
        await runner.RunAsync(TestActivities.Submit(new { verb = ItsmBot.HelpVerb }), CancellationToken.None);

        Assert.StartsWith("Here is what I can do:", Assert.Single(connector.Calls).Activity!.Text, StringComparison.Ordinal);
    }
}
