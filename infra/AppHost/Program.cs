var builder = DistributedApplication.CreateBuilder(args);

var api = builder.AddProject<Projects.ItsmChatOps_Api>("api")
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.ItsmChatOps_Bot>("bot")
    .WithReference(api)
    .WaitFor(api)
    .WithHttpHealthCheck("/health");

builder.Build().Run();
