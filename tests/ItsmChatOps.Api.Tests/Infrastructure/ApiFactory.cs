using System.Net.Http.Headers;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Events;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ItsmChatOps.Api.Tests.Infrastructure;

/// <summary>
/// The API over real HTTP in memory, on a fresh SQLite file, with the sample data seeded and a clock the
/// test controls (Monday 2 March 2026, 10:00 in London, which is UTC then).
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset MondayTenAm = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"itsm-api-tests-{Guid.NewGuid():N}.db");

    public FakeTimeProvider Clock { get; } = new(MondayTenAm);

    /// <summary>
    /// Moves the clock forward to the next Monday at the given London time (tests of one class share the
    /// clock, which cannot go back), so each test starts in a quiet working week of its own.
    /// </summary>
    public DateTimeOffset NextMonday(int hour = 10, int minute = 0)
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), london).DateTime);
        var monday = today.AddDays(((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7 is 0 ? 7 : ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7);
        var local = monday.ToDateTime(new TimeOnly(hour, minute));
        var target = new DateTimeOffset(local, london.GetUtcOffset(local)).ToUniversalTime();
        Clock.SetUtcNow(target);
        return target;
    }

    public HttpClient As(string email, params string[] roles) => WithToken(TestTokens.ForUser(email, roles));

    /// <summary>The bot's service identity acting for a person through a channel (SEC-01, SEC-02).</summary>
    public HttpClient AsBot(string? personId, Channel channel = Channel.Teams, string? identity = null)
    {
        var client = WithToken(TestTokens.ForBot());
        client.DefaultRequestHeaders.Add(CallerResolver.ChannelHeader, channel.ToString());
        if (personId is not null)
        {
            client.DefaultRequestHeaders.Add(CallerResolver.ActingPersonHeader, personId);
        }

        if (identity is not null)
        {
            client.DefaultRequestHeaders.Add(CallerResolver.ActingIdentityHeader, identity);
        }

        return client;
    }

    public HttpClient AsMonitoring() => WithToken(TestTokens.ForMonitoring());

    public HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Copies pending events to the event log now, instead of waiting for the relay's next pass.</summary>
    public Task<int> RelayEventsAsync() => Services.GetRequiredService<EventRelay>().RelayPendingAsync(CancellationToken.None);

    /// <summary>Relays events and runs the API's reactions to them (e.g. closing an incident schedules its survey).</summary>
    public Task<int> RunTimersAsync() => Services.GetRequiredService<IncidentTimers>().RunDueAsync(CancellationToken.None);

    /// <summary>Relays pending events, runs the API's reactions to them (surveys, problems, known errors, knowledge), then relays what they wrote.</summary>
    public async Task<int> RunReactionsAsync()
    {
        var handled = await Services.GetRequiredService<EventReactions>().RunPendingAsync(CancellationToken.None);
        await RelayEventsAsync();
        return handled;
    }

    /// <summary>
    /// Runs the reactions until a pass finds no event left to react to: what the rules write in answer to events (a suggested
    /// fix, a candidate problem) is written and relayed, instead of landing whenever the background worker gets to it.
    /// </summary>
    public async Task SettleAsync()
    {
        while (await RunReactionsAsync() > 0)
        {
        }
    }

    public Task<int> RunProcessTimersAsync() => Services.GetRequiredService<ItsmChatOps.Api.ProblemManagement.ProcessTimers>().RunDueAsync(CancellationToken.None);

    /// <summary>Services a test class replaces or adds (a fake chat model, say).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }
    public Task<int> RunMajorIncidentTimersAsync() =>
        Services.GetRequiredService<Api.MajorIncidents.MajorIncidentTimers>().RunDueAsync(CancellationToken.None);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:Provider", "Sqlite");
        builder.UseSetting("Storage:Sqlite:Path", _databasePath);
        builder.UseSetting(AuthSetup.DevelopmentServiceKeySetting, TestTokens.ServiceKey);
        builder.UseSetting("Itsm:Seed:Enabled", "true");
        builder.UseSetting("Itsm:ChatIdentity:AllowedTenants:0", "WebChat|local");
        builder.UseSetting("Itsm:ChatIdentity:AllowedTenants:1", "Teams|contoso-tenant");
        builder.UseSetting("Itsm:ChatIdentity:AllowedTenants:2", "Slack|T0ALLOWED");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(SharedModels.Embeddings); // one sentence model for the whole test run
            ConfigureTestServices(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }
}
