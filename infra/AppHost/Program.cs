using System.Security.Cryptography;

var builder = DistributedApplication.CreateBuilder(args);

var api = builder.AddProject<Projects.ItsmChatOps_Api>("api")
    .WithHttpHealthCheck("/health");

var bot = builder.AddProject<Projects.ItsmChatOps_Bot>("bot")
    .WithReference(api)
    .WaitFor(api)
    .WithEnvironment("Api__BaseUrl", "http://api")
    .WithHttpHealthCheck("/health");

if (builder.ExecutionContext.IsRunMode)
{
    // A new development key each local run: the bot signs its API tokens with it, and the API accepts it in Development only.
    var serviceKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    api.WithEnvironment("Itsm__Development__ServiceKey", serviceKey);
    bot.WithEnvironment("Itsm__Development__ServiceKey", serviceKey);
}

builder.Build().Run();
