using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.BotState;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.BotState;

/// <summary>
/// The bot's shared state: compare-and-swap on ETags (<c>If-Match</c> to replace, <c>If-None-Match: *</c>
/// to create only), optional expiry. Only the bot's service identity (and administrators) use it.
/// </summary>
public static class BotStateApi
{
    private const int MaxValueBytes = 64 * 1024;

    public static RouteGroupBuilder MapBotState(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/bot-state").WithTags("Bot state");
        group.MapGet("/{key}", GetAsync).WithSummary("One entry; 404 when missing or expired.");
        group.MapPut("/{key}", PutAsync).Validated<PutBotStateRequest>()
            .WithSummary("Create (If-None-Match: *), replace (If-Match) or write unconditionally; 412 when the precondition fails.");
        group.MapDelete("/{key}", DeleteAsync).WithSummary("Remove an entry (If-Match optional).");
        return group;
    }

    private static async Task<Ok<BotStateEntry>> GetAsync(string key, ServiceCaller caller, BotStateStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var entry = await store.GetAsync(Checked(key), time.GetUtcNow(), cancellationToken) ?? throw Problems.NotFound("Bot state", key);
        return TypedResults.Ok(entry);
    }

    private static async Task<Results<Ok<BotStateEntry>, Created<BotStateEntry>>> PutAsync(string key, PutBotStateRequest request, ServiceCaller caller,
        BotStateStore store, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (request.Value!.ToJsonString().Length > MaxValueBytes)
        {
            throw Problems.Unprocessable($"A bot state value is limited to {MaxValueBytes / 1024} KB.", "SEC-01", "value");
        }

        var now = time.GetUtcNow();
        var expiresAt = request.TimeToLiveSeconds is { } ttl ? now.AddSeconds(ttl) : (DateTimeOffset?)null;
        var createOnly = context.Request.Headers.IfNoneMatch.ToString().Trim() == "*";
        var (entry, created) = await store.PutAsync(Checked(key), request.Value!, expiresAt, createOnly, ETags.IfMatch(context), now, cancellationToken);
        return created ? TypedResults.Created($"/api/bot-state/{key}", entry) : TypedResults.Ok(entry);
    }

    private static async Task<NoContent> DeleteAsync(string key, ServiceCaller caller, BotStateStore store, HttpContext context, CancellationToken cancellationToken)
    {
        await store.DeleteAsync(Checked(key), ETags.IfMatch(context), cancellationToken);
        return TypedResults.NoContent();
    }

    private static string Checked(string key) =>
        key.Length is > 0 and <= 200 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-' or '_' or '.' or '@' or '|')
            ? key
            : throw Problems.BadRequest("Keys are 1–200 characters of letters, digits and : - _ . @ |", "key");
}

/// <summary>Bot state documents in the <c>{tenant}|bot-state</c> partition.</summary>
public sealed class BotStateStore(IDocumentStore store, Partitions partitions)
{
    private readonly string _partition = partitions.For("bot-state");

    public async Task<BotStateEntry?> GetAsync(string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var document = await store.ReadAsync(_partition, key, cancellationToken);
        return document is null || Expired(document.Body, now) ? null : ToEntry(document);
    }

    public async Task<(BotStateEntry Entry, bool Created)> PutAsync(string key, JsonObject value, DateTimeOffset? expiresAt, bool createOnly, string? ifMatch,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["value"] = value.DeepClone(), ["expiresAt"] = expiresAt is { } e ? Client.UtcTimestampConverter.Text(e) : null };
        var current = await store.ReadAsync(_partition, key, cancellationToken);
        try
        {
            if (current is null)
            {
                if (ifMatch is not null)
                {
                    throw Problems.StaleETag(key);
                }

                return (ToEntry(await store.CreateAsync(_partition, key, body, cancellationToken)), true);
            }

            if (createOnly && !Expired(current.Body, now))
            {
                throw new ProblemException(StatusCodes.Status412PreconditionFailed, "already-exists", "The entry exists", $"'{key}' already exists.");
            }

            return (ToEntry(await store.ReplaceAsync(_partition, key, body, ifMatch ?? current.ETag, cancellationToken)), false);
        }
        catch (StoreException ex) when (ex.Error is StoreError.Conflict or StoreError.PreconditionFailed or StoreError.NotFound)
        {
            throw Problems.StaleETag(key);
        }
    }

    public async Task DeleteAsync(string key, string? ifMatch, CancellationToken cancellationToken)
    {
        try
        {
            await store.DeleteAsync(_partition, key, ifMatch, cancellationToken);
        }
        catch (StoreException ex) when (ex.Error == StoreError.NotFound)
        {
            // Deleting what is gone is done.
        }
        catch (StoreException ex) when (ex.Error == StoreError.PreconditionFailed)
        {
            throw Problems.StaleETag(key);
        }
    }

    private static bool Expired(JsonObject body, DateTimeOffset now) =>
        body["expiresAt"] is JsonValue value && value.TryGetValue<string>(out var text) && DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture) <= now;

    private static BotStateEntry ToEntry(StoredDocument document)
    {
        var expires = document.Body["expiresAt"] is JsonValue v && v.TryGetValue<string>(out var text)
            ? DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture)
            : (DateTimeOffset?)null;
        return new BotStateEntry(document.Id, document.Body["value"]?.AsObject() ?? new JsonObject(), expires, document.ETag);
    }
}
