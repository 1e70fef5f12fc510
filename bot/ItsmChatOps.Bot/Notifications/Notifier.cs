using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Bot.State;
using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Notifications;

/// <summary>The <c>Notifier</c> section.</summary>
public sealed class NotifierOptions
{
    public const string Section = "Notifier";

    /// <summary>Whether this instance reads the event feed (any number of instances may).</summary>
    public bool Enabled { get; set; } = true;

    [Range(0.1, 300)]
    public double PollIntervalSeconds { get; set; } = 2;

    [Range(1, 500)]
    public int PageSize { get; set; } = 100;
}

/// <summary>
/// Reads the API's event feed (<c>GET /api/events?after=</c>) and has each event delivered to the people it
/// names. The position is kept in the API's bot state (<c>cursor:notifier</c>) and moved on with
/// compare-and-swap, so instances share it and a restarted one carries on; events between the last
/// stored position and a crash are read again, and the per-person claims keep them from going out twice.
/// </summary>
public sealed class Notifier(ItsmApiClient api, NotificationDispatcher dispatcher, IOptions<NotifierOptions> options, TimeProvider time,
    ILogger<Notifier> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim running = new(1, 1);

    /// <summary>Delivers every event after the stored position; returns how many events were done with.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken)
    {
        await running.WaitAsync(cancellationToken);
        try
        {
            var cursor = await ReadCursorAsync(cancellationToken);
            var done = 0;
            while (true)
            {
                var page = await api.ReadEventsAsync(cursor.Position, options.Value.PageSize, cancellationToken);
                var reached = cursor.Position;
                var stopped = false;
                foreach (var domainEvent in page.Events)
                {
                    if (!await dispatcher.DeliverAsync(domainEvent, cancellationToken))
                    {
                        stopped = true;
                        break;
                    }

                    reached = domainEvent.Position?.ToString(CultureInfo.InvariantCulture) ?? page.Cursor;
                    done++;
                }

                if (reached != cursor.Position)
                {
                    cursor = await AdvanceAsync(cursor, reached!, cancellationToken);
                    if (!Ahead(cursor.Position, reached!))
                    {
                        return done; // the position could not be stored: stop here rather than read the same page again
                    }
                }

                if (stopped || page.Events.Count < options.Value.PageSize)
                {
                    return done;
                }
            }
        }
        finally
        {
            running.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            logger.LogInformation("The notifier is disabled on this instance");
            return;
        }

        var interval = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        var wait = interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PollOnceAsync(stoppingToken);
                wait = interval;
            }
            catch (Exception failure) when (!stoppingToken.IsCancellationRequested)
            {
                // The API may be starting or away: back off, and keep the log readable.
                wait = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, wait.Ticks * 2));
                logger.LogWarning(failure, "The notifier could not read the event feed; trying again in {Delay}", wait);
            }

            await Task.Delay(wait, time, stoppingToken);
        }
    }

    private sealed record Cursor(string? Position, string? ETag);

    private async Task<Cursor> ReadCursorAsync(CancellationToken cancellationToken)
    {
        var entry = await api.GetStateAsync(BotStateKeys.NotifierCursor, cancellationToken);
        return new Cursor(entry?.Value["after"]?.GetValue<string>(), entry?.ETag);
    }

    /// <summary>Moves the shared position forward, never back: when another instance got further first, its position stands.</summary>
    private async Task<Cursor> AdvanceAsync(Cursor cursor, string position, CancellationToken cancellationToken)
    {
        var value = new JsonObject { ["after"] = position };
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (cursor.ETag is null)
                {
                    if (await api.TryCreateStateAsync(BotStateKeys.NotifierCursor, value, cancellationToken: cancellationToken))
                    {
                        return await ReadCursorAsync(cancellationToken);
                    }
                }
                else
                {
                    var written = await api.PutStateAsync(BotStateKeys.NotifierCursor, value, cursor.ETag, cancellationToken: cancellationToken);
                    return new Cursor(position, written.ETag);
                }
            }
            catch (ItsmApiException stale) when (stale.IsStale)
            {
                logger.LogDebug("The notifier cursor moved concurrently; reading it again");
            }

            cursor = await ReadCursorAsync(cancellationToken);
            if (Ahead(cursor.Position, position))
            {
                return cursor;
            }
        }

        logger.LogWarning("Could not store the notifier position {Position}; events after it will be read again (claims keep them single)", position);
        return cursor;
    }

    private static bool Ahead(string? stored, string position) =>
        stored is not null && long.TryParse(stored, CultureInfo.InvariantCulture, out var a) && long.TryParse(position, CultureInfo.InvariantCulture, out var b) && a >= b;

    public override void Dispose()
    {
        running.Dispose();
        base.Dispose();
    }
}
