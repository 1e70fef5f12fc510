using Microsoft.Playwright;

namespace ItsmChatOps.EndToEnd.Tests;

/// <summary>The local chat page as a person uses it: open it as someone, type, find cards and click their buttons.</summary>
public sealed class ChatPage(IPage page)
{
    public static readonly float Timeout = 30_000;

    public IPage Page => page;

    public static async Task<ChatPage> OpenAsync(LocalChatHost host, string user)
    {
        var page = await host.Browser.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}chat?user={Uri.EscapeDataString(user)}");
        await Assertions.Expect(page.GetByText("type help to see what I can do").First).ToBeVisibleAsync(new() { Timeout = Timeout });
        return new ChatPage(page);
    }

    /// <summary>Joins a shared room (a war room) from its link as <paramref name="user"/>, once its first card shows <paramref name="expect"/>.</summary>
    public static async Task<ChatPage> OpenRoomAsync(LocalChatHost host, string user, string link, string expect)
    {
        var page = await host.Browser.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}{link.TrimStart('/')}&user={Uri.EscapeDataString(user)}");
        var room = new ChatPage(page);
        await room.CardAsync(expect);
        return room;
    }

    public async Task SendAsync(string text)
    {
        var input = page.Locator("[data-id='webchat-sendbox-input']");
        await input.FillAsync(text);
        await input.PressAsync("Enter");
    }

    /// <summary>The newest card showing <paramref name="text"/>, once it is there.</summary>
    public async Task<ILocator> CardAsync(string text, float? timeout = null)
    {
        var card = page.Locator(".ac-adaptiveCard", new() { HasText = text }).Filter(new() { Visible = true }).Last;
        try
        {
            await Assertions.Expect(card).ToBeVisibleAsync(new() { Timeout = timeout ?? Timeout });
        }
        catch (PlaywrightException)
        {
            // What the person saw instead is the quickest way to the cause.
            await ScreenshotAsync("failed-waiting-for-card");
            throw;
        }

        return card;
    }

    /// <summary>An Adaptive Card button; Web Chat keeps a second, hidden copy of each card for screen readers.</summary>
    public static ILocator Button(ILocator card, string title) => card.Locator("button.ac-pushButton", new() { HasText = title });

    /// <summary>A tall card whole: the page grows to fit it for the picture (the chat scrolls inside the page), then shrinks back.</summary>
    public async Task TallScreenshotAsync(string name, int height = 2600)
    {
        var before = page.ViewportSize;
        await page.SetViewportSizeAsync(before?.Width ?? 1000, height);
        // Two animation frames: the resize has been laid out and painted, whatever the machine's speed.
        await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
        await ScreenshotAsync(name);
        if (before is not null)
        {
            await page.SetViewportSizeAsync(before.Width, before.Height);
        }
    }

    public Task ScreenshotAsync(string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(LocalChatHost.ScreenshotDirectory, name + ".png"), FullPage = false });
}
