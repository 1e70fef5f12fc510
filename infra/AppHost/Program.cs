using ItsmChatOps.AppHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

var api = builder.AddProject<Projects.ItsmChatOps_Api>("api")
    .WithHttpHealthCheck("/health");

var bot = builder.AddProject<Projects.ItsmChatOps_Bot>("bot")
    .WithReference(api)
    .WaitFor(api)
    .WithEnvironment("Api__BaseUrl", "http://api")
    .WithHttpHealthCheck("/health");

if (builder.Environment.IsDevelopment())
{
    // The bot mints its own development tokens for the API with this key; the API refuses such keys outside Development.
    var serviceKey = builder.AddParameter("itsm-dev-service-key", LocalSecrets.NewKey(), secret: true);
    api.WithEnvironment(LocalSecrets.ServiceKeySetting, serviceKey);
    bot.WithEnvironment(LocalSecrets.ServiceKeySetting, serviceKey);
}

if (builder.Configuration.GetValue<bool>(CosmosEmulator.UseCosmosSetting))
{
    api.WithCosmosStore(builder.AddCosmosEmulator());
}

builder.Build().Run();
