using ItsmChatOps.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
