using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Tests.Infrastructure;
using static ItsmChatOps.Bot.Tests.Infrastructure.TeamsUsers;

namespace ItsmChatOps.Bot.Tests.Flows;

/// <summary>Welcome, help and small talk: what a person meets before reporting anything.</summary>
[Collection(FlowCollection.Name)]
public sealed class ConversationTests(FlowFixture flow)
{
    [Fact]
    public async Task BotAdded_Welcomes()
    {
        var added = TestActivities.With(Message(Dave, string.Empty), a =>
        {
            a.Type = ActivityTypes.ConversationUpdate;
            a.Text = null;
            a.MembersAdded = [new ChannelAccount { Id = TestActivities.BotId }];
        });

        var (_, sent) = await flow.TurnAsync(added);

        Assert.Contains("type **help**", Assert.Single(sent).Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsTheRegisteredCommands()
    {
        var (_, sent) = await flow.TurnAsync(Message(Dave, "Help"));

        var text = Assert.Single(sent).Text()!;
        Assert.StartsWith("Here is what I can do:", text, StringComparison.Ordinal);
        Assert.Contains("**my incidents**", text, StringComparison.Ordinal);
        Assert.Contains("**status**", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hi")]
    [InlineData("Thanks!")]
    [InlineData("good morning bot")]
    public async Task SmallTalk_AnsweredWithoutRaisingAnything(string text)
    {
        var (_, sent) = await flow.TurnAsync(Message(Dave, text));

        var answer = Assert.Single(sent);
        Assert.Null(answer.Card());
        Assert.StartsWith("Hello!", answer.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyMessage_SaysWhatTheBotCanDo()
    {
        var (_, sent) = await flow.TurnAsync(Message(Dave, "   "));

        Assert.Contains("Here is what I can do:", Assert.Single(sent).Text(), StringComparison.Ordinal);
    }
}
