using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Changes;

/// <summary>Turns list filters into one single-partition query, newest first.</summary>
public static class ChangeQueries
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static DocumentQuery Build(ChangeQuery filter)
    {
        var where = new List<Condition>();
        void EqIf(string path, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                where.Add(new Eq(path, JsonValue.Create(value)));
            }
        }

        EqIf("implementerId", filter.ImplementerId);
        EqIf("originatorId", filter.OriginatorId);
        if (filter.Model is { } model)
        {
            where.Add(new Eq("model", JsonValue.Create(model.ToString())));
        }

        if (filter.ServiceId is { Length: > 0 } service)
        {
            where.Add(new ArrayContains("affectedServiceIds", JsonValue.Create(service)));
        }

        if (filter.CiId is { Length: > 0 } ci)
        {
            where.Add(new ArrayContains("ciIds", JsonValue.Create(ci)));
        }

        if (filter.AwaitingApprovalBy is { Length: > 0 } approver)
        {
            where.Add(new ArrayContains("pendingApproverIds", JsonValue.Create(approver)));
        }

        if (filter.RetrospectiveOverdue is { } overdue)
        {
            where.Add(new Eq("retrospectiveOverdue", JsonValue.Create(overdue)));
        }

        if (!string.IsNullOrWhiteSpace(filter.State))
        {
            var states = new List<JsonValue>();
            foreach (var part in filter.State.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<ChangeState>(part, ignoreCase: true, out var state) || !Enum.IsDefined(state) || int.TryParse(part, out _))
                {
                    throw Problems.BadRequest($"'{part}' is not a change state; use {string.Join(", ", Enum.GetNames<ChangeState>())}.", "state");
                }

                states.Add(JsonValue.Create(state.ToString()));
            }

            where.Add(new In("state", states));
        }

        return new DocumentQuery
        {
            Where = where,
            OrderBy = [new SortKey("createdAt", Descending: true)],
            PageSize = filter.PageSize switch
            {
                null => DefaultPageSize,
                >= 1 and <= MaxPageSize => filter.PageSize.Value,
                _ => throw Problems.BadRequest($"pageSize must be between 1 and {MaxPageSize}.", "pageSize"),
            },
            Continuation = filter.Continuation,
        };
    }
}
