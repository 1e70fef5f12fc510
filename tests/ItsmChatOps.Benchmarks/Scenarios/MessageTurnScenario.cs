using Stopwatch = System.Diagnostics.Stopwatch;
using System.Security.Cryptography;
using ItsmChatOps.Api.Client.Security;
using ItsmChatOps.Bot.Application;
using ItsmChatOps.Bot.Protocol;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using ItsmChatOps.Benchmarks.Hosting;
using ItsmChatOps.Benchmarks.Load;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ApiEntry = ItsmChatOps.Api.Security.CallerResolver;
using BotEntry = ItsmChatOps.Bot.Application.TurnRunner;

namespace ItsmChatOps.Benchmarks.Scenarios;

/// <summary>
/// A message turn as a chat user makes it: the activity goes into the bot application (the same turn runner
/// the channels use), the bot calls the API on the embedded SQLite store over loopback HTTP as the person,
/// and the reply reaches a stub connector that answers at once. Turns run one at a time, so the figures are
/// the cost of a turn and not queueing. Self-contained: it starts the API and the bot itself.
/// </summary>
public sealed class MessageTurnScenario : IBenchmarkScenario
{
    /// <summary>The budget a turn's own processing is held to at the 99th percentile.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(50);

    private const string User = "dave@contoso.test";

    public string Name => "turns";

    public string Description => "bot message turns (activity in, reply to a stub connector) through the API on the embedded store";

    public async Task<ScenarioReport> RunAsync(BenchmarkOptions options, TextWriter progress)
    {
        var turns = options.Quick ? 50 : 500;
        var measured = await MeasureTurnsAsync(turns, progress);
        var rows = measured.Select(m => new ResultRow(m.Name, "1 at a time", m)).ToList();
        var ratios = measured.Select(m => RatioResult.AtMost($"{m.Name} p99 / {Budget.TotalMilliseconds:0} ms", m.P99 / Budget, 1.0)).ToList();
        return new ScenarioReport(Name, rows, ratios,
            ["The API and the bot run in this process over loopback HTTP; the connector answers at once, so only our own processing is measured."]);
    }

    /// <summary>Measures <paramref name="turns"/> turns of each kind after a warm-up of a fifth as many.</summary>
    private static async Task<IReadOnlyList<Measurement>> MeasureTurnsAsync(int turns, TextWriter progress)
    {
        var connector = new InstantConnector();
        using var stack = new ChatStack(new Dictionary<string, string>(), new Dictionary<string, string>(),
            services => services.AddSingleton(new ChannelConnectors([connector])), botOnKestrel: false);
        var runner = stack.Bot.Services.GetRequiredService<TurnRunner>();

        {
            // One incident of the user's own, raised through the form as in chat, so the list and the status have something to show.
            var form = Message(string.Empty);
            form.Value = System.Text.Json.JsonSerializer.SerializeToElement(new
            {
                verb = "incident.create", summary = "Outlook keeps asking for my password", serviceId = "svc-email", category = "Software > Email",
                impact = "Low", urgency = "Medium", possibleSecurityIssue = "false", idempotencyKey = Guid.NewGuid().ToString("N"),
            });
            await runner.RunAsync(form, CancellationToken.None);
            var kinds = new (string Name, string Text)[]
            {
                ("help (no API call)", "help"),
                ("my incidents", "my incidents"),
                ("status INC-000001", "status INC-000001"),
                ("free text → prefilled form", "outlok keeps askin for my pasword, cant work"),
            };
            var figures = new List<Measurement>();
            foreach (var (name, text) in kinds)
            {
                progress.WriteLine($"  turn: {name}");
                figures.Add(await MeasureAsync(runner, connector, name, text, turns));
            }

            return figures;
        }
    }

    private static async Task<Measurement> MeasureAsync(TurnRunner runner, InstantConnector connector, string name, string text, int turns)
    {
        for (var i = 0; i < Math.Max(5, turns / 5); i++)
        {
            await runner.RunAsync(Message(text), CancellationToken.None);
        }

        var samples = new long[turns];
        var begun = Stopwatch.GetTimestamp();
        for (var i = 0; i < turns; i++)
        {
            var sent = connector.Sent;
            var started = Stopwatch.GetTimestamp();
            await runner.RunAsync(Message(text), CancellationToken.None);
            samples[i] = Stopwatch.GetTimestamp() - started;
            if (connector.Sent == sent)
            {
                throw new InvalidOperationException($"The turn '{text}' sent no reply.");
            }
        }

        return Measurement.From(name, samples, 0, null, Stopwatch.GetElapsedTime(begun));
    }

    /// <summary>A message from the seeded user in their local chat, as the Direct Line endpoint hands it to the bot.</summary>
    private static Activity Message(string text) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString("N"),
        ChannelId = "webchat",
        ServiceUrl = "local://directline/",
        Text = text,
        From = new ChannelAccount { Id = User, Name = User, Role = "user" },
        Recipient = new ChannelAccount { Id = "itsmchatops-bot", Name = "ItsmChatOps", Role = "bot" },
        Conversation = new ConversationAccount { Id = "benchmark-conversation", ConversationType = "personal", IsGroup = false },
        Timestamp = DateTimeOffset.UtcNow,
    };

    /// <summary>The channel at the end of the turn: takes the reply and answers at once, so only the bot and the API are measured.</summary>
    private sealed class InstantConnector : IChannelConnector
    {
        private int sent;

        public int Sent => Volatile.Read(ref sent);

        public bool CanDeliver(ConversationReference reference) => true;

        public Task<ResourceResponse> SendAsync(ConversationReference reference, Activity activity, CancellationToken cancellationToken) => Answer();

        public Task<ResourceResponse> ReplyAsync(ConversationReference reference, string replyToId, Activity activity, CancellationToken cancellationToken) => Answer();

        public Task<ResourceResponse> UpdateAsync(ConversationReference reference, string activityId, Activity activity, CancellationToken cancellationToken) => Answer();

        public Task DeleteAsync(ConversationReference reference, string activityId, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
            Task.FromResult(new ConversationResourceResponse("benchmark-conversation", null, serviceUrl));

        private Task<ResourceResponse> Answer() => Task.FromResult(new ResourceResponse($"activity-{Interlocked.Increment(ref sent)}"));
    }
}
