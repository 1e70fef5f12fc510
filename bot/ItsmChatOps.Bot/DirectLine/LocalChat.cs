using ItsmChatOps.Bot.Application;

namespace ItsmChatOps.Bot.DirectLine;

/// <summary>
/// The local chat: Microsoft's Web Chat page and a Direct Line endpoint, so anyone can talk to the bot
/// without Teams or an Azure Bot. Registered and mapped only in Development.
/// </summary>
internal static class LocalChat
{
    public const string PagePath = "/chat";

    public static WebApplicationBuilder AddLocalChat(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("The local chat exists only in Development.");
        }

        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<DirectLineConversations>();
        builder.Services.AddSingleton<IChannelConnector, DirectLineConnector>();
        return builder;
    }

    public static WebApplication MapLocalChat(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("The local chat exists only in Development.");
        }

        app.UseStaticFiles();
        app.MapGet("/", () => TypedResults.Redirect(PagePath)).ExcludeFromDescription();
        app.MapGet(PagePath, (IWebHostEnvironment environment) =>
            TypedResults.PhysicalFile(Path.Combine(environment.WebRootPath, "chat.html"), "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        app.MapDirectLine();
        return app;
    }
}
