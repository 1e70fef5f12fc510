using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.ConfigurationItems;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ItsmChatOps.Api.ConfigurationItems;

public static partial class CiApi
{
    private const int MaxPageSize = 200;

    private static async Task<Ok<Page<CiResponse>>> ListAsync(string? type, CiState? state, string? ownerId, string? serviceId, string? text, int? pageSize,
        string? continuation, Caller caller, CiStore store, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Configuration items are visible to staff.", "SEC-01");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw Problems.BadRequest($"pageSize must be between 1 and {MaxPageSize}.", "pageSize");
        }

        var where = new List<Condition>();
        if (type is { Length: > 0 })
        {
            where.Add(new Eq("typeId", JsonValue.Create(type)));
        }

        if (state is { } s)
        {
            where.Add(new Eq("state", JsonValue.Create(s.ToString())));
        }

        if (ownerId is { Length: > 0 })
        {
            where.Add(new Eq("ownerId", JsonValue.Create(ownerId)));
        }

        if (serviceId is { Length: > 0 })
        {
            where.Add(new ArrayContains("relatedIds", JsonValue.Create(serviceId)));
        }

        if (text is { Length: > 0 })
        {
            where.Add(new ContainsText("nameKey", text));
        }

        var (items, next) = await store.QueryAsync(new DocumentQuery
        {
            Where = where,
            OrderBy = [new SortKey("nameKey")],
            PageSize = pageSize ?? 50,
            Continuation = continuation,
        }, cancellationToken);
        return TypedResults.Ok(new Page<CiResponse>(items.Select(ci => CiMapping.ToResponse(ci)).ToList(), next));
    }

    /// <summary>CFG-14: the CI card's data for the best matches of a name, id or marking.</summary>
    private static async Task<Ok<CiLookupResponse>> LookupAsync(string q, Caller caller, CiLookup lookup, CancellationToken cancellationToken)
    {
        if (!caller.IsStaff)
        {
            throw Problems.Forbidden("Configuration items are visible to staff.", "SEC-01");
        }

        if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
        {
            throw Problems.BadRequest("Give a name, CI id or marking (up to 200 characters).", "q");
        }

        var cards = new List<CiCardResponse>();
        foreach (var ci in await lookup.FindAsync(q, cancellationToken))
        {
            cards.Add(await lookup.CardAsync(ci, cancellationToken));
        }

        return TypedResults.Ok(new CiLookupResponse(q, cards));
    }
}
