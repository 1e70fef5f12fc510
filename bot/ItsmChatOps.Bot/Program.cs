using ItsmChatOps.Bot.DirectLine;
using ItsmChatOps.Bot.Protocol;
using ItsmChatOps.Bot.Slack;
using ItsmChatOps.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddBotFramework();
builder.AddItsmBot();
builder.AddSlack();
if (builder.Environment.IsDevelopment())
{
    builder.AddLocalChat();
}

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapBotFramework();
app.MapSlack();
if (app.Environment.IsDevelopment())
{
    app.MapLocalChat();
}

app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
