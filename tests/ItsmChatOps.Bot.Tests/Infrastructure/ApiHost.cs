extern alias api;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.People;
using ItsmChatOps.Api.Client.Security;
using ItsmChatOps.Bot.ApiConnection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ApiEvents = api::ItsmChatOps.Api.Events;
using ApiIncidents = api::ItsmChatOps.Api.Incidents;

namespace ItsmChatOps.Bot.Tests.Infrastructure;

/// <summary>
/// The real API on Kestrel (a free loopback port) over a fresh SQLite file, seeded, accepting the
/// development service key and the test tenant's Teams identities, with a clock the tests control
/// (Monday 2 March 2026, 10:00 in London). Events are relayed and reacted to when a test says so.
/// </summary>
public sealed class ApiHost : IDisposable
{
    public static readonly DateTimeOffset MondayTenAm = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    public static readonly string ServiceKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"itsm-bot-tests-{Guid.NewGuid():N}.db");
    private readonly WebApplicationFactory<api::Program> factory;

    public ApiHost()
    {
        factory = new WebApplicationFactory<api::Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Storage:Provider", "Sqlite");
            builder.UseSetting("Storage:Sqlite:Path", databasePath);
            builder.UseSetting(DevelopmentAuth.ServiceKeySetting, ServiceKey);
            builder.UseSetting("Itsm:Seed:Enabled", "true");
            builder.UseSetting("Itsm:ChatIdentity:AllowedTenants:0", "WebChat|local");
            builder.UseSetting("Itsm:ChatIdentity:AllowedTenants:1", $"Teams|{TestActivities.TenantId}");
            builder.UseSetting("Itsm:ChatIdentity:AllowedTenants:2", $"Slack|{SlackRequests.TeamId}");
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0"); // a free port; Kestrel reports the one it got
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
        factory.UseKestrel(0);
        factory.StartServer();
        BaseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
    }

    public FakeTimeProvider Clock { get; } = new(MondayTenAm);

    public string BaseUrl { get; }

    /// <summary>Moves the clock on to the next Monday at 10:00 in London, so a test of service-day timers starts on a quiet working week.</summary>
    public void NextMonday()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), london).DateTime);
        var days = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        var local = today.AddDays(days == 0 ? 7 : days).ToDateTime(new TimeOnly(10, 0));
        Clock.SetUtcNow(new DateTimeOffset(local, london.GetUtcOffset(local)).ToUniversalTime());
    }

    /// <summary>A person calling the API directly with a development token, as an agent with curl would.</summary>
    public HttpClient As(string email, params string[] roles)
    {
        var token = DevelopmentTokens.Mint(ServiceKey, [new Claim("name", email), new Claim("email", email), .. roles.Select(r => new Claim("role", r))],
            DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The API's typed client as the bot's service identity sees it (bot state, the event feed).</summary>
    public ItsmApiClient AsBot()
    {
        var token = DevelopmentTokens.Mint(ServiceKey, [new Claim("azp", DevelopmentAuth.BotClientId), new Claim("roles", DevelopmentAuth.BotRole)],
            DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ItsmApiClient(http);
    }

    /// <summary>Links a Teams identity of the test tenant to a seeded person, as an administrator would (SEC-02).</summary>
    public async Task LinkTeamsAsync(string personId, string objectId)
    {
        using var admin = As("grace@contoso.test");
        var person = await admin.GetFromJsonAsync<PersonResponse>($"api/people/{personId}", ItsmJson.Options)
            ?? throw new InvalidOperationException($"Person {personId} is not seeded.");
        var request = new UpsertPersonRequest
        {
            DisplayName = person.DisplayName,
            Email = person.Email,
            ChatIdentities = [.. person.ChatIdentities, new ChatIdentity(ChatPlatform.Teams, TestActivities.TenantId, objectId)],
            Roles = person.Roles,
            GroupIds = person.GroupIds,
            CustomerId = person.CustomerId,
            ManagerId = person.ManagerId,
            EntraObjectId = person.EntraObjectId,
        };
        using var response = await admin.PutAsJsonAsync($"api/people/{personId}", request, ItsmJson.Options);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every closure is surveyed (the default asks a person at most once a day), so each test gets its own survey.</summary>
    public async Task SurveyEveryClosureAsync()
    {
        using var admin = As("grace@contoso.test");
        using var response = await admin.PutAsJsonAsync("api/policies/survey", new api::ItsmChatOps.Api.Surveys.SurveyPolicy { AtMostOnePerHours = 0 }, ItsmJson.Options);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Copies pending events to the feed, runs the API's reactions (surveys after closure), and relays what they raised.</summary>
    public async Task RelayAsync()
    {
        await factory.Services.GetRequiredService<ApiEvents.EventReactions>().RunPendingAsync(CancellationToken.None);
        await factory.Services.GetRequiredService<ApiEvents.EventRelay>().RelayPendingAsync(CancellationToken.None);
    }

    public Task<int> RunTimersAsync() => factory.Services.GetRequiredService<ApiIncidents.IncidentTimers>().RunDueAsync(CancellationToken.None);

    public void Dispose()
    {
        factory.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
