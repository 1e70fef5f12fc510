using System.Text.Json;
using ItsmChatOps.Bot.DirectLine;
using ItsmChatOps.Bot.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>A newcomer's first minutes: open the local chat page, ask for help, click a card button.</summary>
[Trait("Category", "EndToEnd")]
[Collection(LocalChatCollection.Name)]
public sealed class LocalChatTests(LocalChatHost host)
{
    private static readonly float Timeout = 30_000;

    [Fact]
    public async Task ChatPage_UserSendsHelp_SeesWhatTheBotCanDo()
    {
        var page = await OpenChatAsync("alice@contoso.test");

        await SendAsync(page, "help");

        await Assertions.Expect(page.GetByText("Here is what I can do:").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.ScreenshotAsync(new() { Path = Path.Combine(LocalChatHost.ScreenshotDirectory, "help-answer.png") });
        await page.CloseAsync();
    }

    [Fact]
    public async Task ChatPage_CardWithExecuteAndSubmitFallback_ClickReachesVerbRoute()
    {
        const string user = "dave@contoso.test";
        var page = await OpenChatAsync(user);
        await SendCardAsync(user);
        // The Adaptive Cards renderer's button; Web Chat keeps a second, hidden copy for screen readers.
        var button = page.Locator("button.ac-pushButton", new() { HasText = "Show help" });
        await Assertions.Expect(button).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.GetByText("Here is what I can do:")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LocalChatHost.ScreenshotDirectory, "card-before-click.png") });

        await button.ClickAsync();

        await Assertions.Expect(page.GetByText("Here is what I can do:").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await page.ScreenshotAsync(new() { Path = Path.Combine(LocalChatHost.ScreenshotDirectory, "card-after-click.png") });
        await page.CloseAsync();
    }

    [Fact]
    public async Task ChatPage_CardUpdatedByBot_ShownInPlace()
    {
        const string user = "grace@contoso.test";
        var page = await OpenChatAsync(user);
        var sent = await SendCardAsync(user);
        await Assertions.Expect(page.Locator("button.ac-pushButton", new() { HasText = "Show help" })).ToBeVisibleAsync(new() { Timeout = Timeout });

        await UpdateCardAsync(user, sent, """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"Closure confirmed by Grace"}]}""");

        await Assertions.Expect(page.GetByText("Closure confirmed by Grace").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("button.ac-pushButton")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(LocalChatHost.ScreenshotDirectory, "card-updated-in-place.png") });
        await page.CloseAsync();
    }

    [Fact]
    public async Task ChatPage_TwoTabs_EachIsItsOwnUser()
    {
        var alice = await OpenChatAsync("erin@contoso.test");
        var bob = await OpenChatAsync("frank@contoso.test");

        await SendAsync(bob, "help");

        await Assertions.Expect(bob.GetByText("Here is what I can do:").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(alice.GetByText("Here is what I can do:")).ToHaveCountAsync(0);
        var conversations = host.Services.GetRequiredService<DirectLineConversations>().All;
        Assert.Contains(conversations, c => c.User.Id == "erin@contoso.test");
        Assert.Contains(conversations, c => c.User.Id == "frank@contoso.test");
        await alice.CloseAsync();
        await bob.CloseAsync();
    }

    private async Task<IPage> OpenChatAsync(string user)
    {
        var page = await host.Browser.NewPageAsync();
        return (await ChatPage.OpenAsync(host, user)).Page;
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    /// <summary>Sends a card into the user's open chat, as a notification from the bot would arrive.</summary>
    private async Task<string> SendCardAsync(string user)
    {
        await using var stream = typeof(LocalChatTests).Assembly.GetManifestResourceStream("ItsmChatOps.EndToEnd.Tests.TestCards.execute-with-submit-fallback.json")!;
        var card = (await JsonDocument.ParseAsync(stream)).RootElement.Clone();
        var sent = await Connector().SendAsync(Reference(user), Activity.CreateCardMessage(card), CancellationToken.None);
        return sent.Id!;
    }

    /// <summary>Replaces a sent card, as the bot does after a click or when a record changes.</summary>
    private Task<ResourceResponse> UpdateCardAsync(string user, string activityId, string card) =>
        Connector().UpdateAsync(Reference(user), activityId, Activity.CreateCardMessage(JsonDocument.Parse(card).RootElement.Clone()), CancellationToken.None);

    private DirectLineConnector Connector() =>
        host.Services.GetServices<ItsmChatOps.Bot.Application.IChannelConnector>().OfType<DirectLineConnector>().Single();

    private ConversationReference Reference(string user) => LocalChannel.Reference(
        host.Services.GetRequiredService<DirectLineConversations>().LatestFor(user)!,
        DirectLineApi.BotAccount(host.Services.GetRequiredService<IOptions<BotOptions>>().Value));
}
