using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Security;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Incidents;

/// <summary>
/// Turns list filters (RPT-10) into one single-partition query. The order follows the most selective
/// filter so that a declared index serves it (a group's queue, an assignee's work, a reporter's
/// incidents, open by priority), and the caller's audience is always applied: customers see their
/// services' records and end users the records they are involved in (SEC-01).
/// </summary>
public static class IncidentQueries
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    public static DocumentQuery Build(IncidentQuery filter, Caller caller, IReadOnlyCollection<string> customerServiceIds, DateTimeOffset now)
    {
        var where = new List<Condition>();
        void EqIf(string path, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                where.Add(new Eq(path, JsonValue.Create(value)));
            }
        }

        EqIf("reporterId", filter.ReporterId);
        EqIf("assigneeId", filter.AssigneeId);
        EqIf("groupId", filter.GroupId);
        EqIf("serviceId", filter.ServiceId);
        if (filter.CiId is { } ci)
        {
            where.Add(new ArrayContains("ciIds", JsonValue.Create(ci)));
        }

        if (filter.LinkedTo is { } linked)
        {
            where.Add(new ArrayContains("linkedIds", JsonValue.Create(linked)));
        }

        if (filter.Category is { } category)
        {
            where.Add(new AnyOf([new Eq("category", JsonValue.Create(category)), new ContainsText("category", category + Policies.CategoryTreePolicy.Separator)]));
        }

        if (ParseList<IncidentState>(filter.State, "state") is { } states)
        {
            where.Add(new In("state", states.Select(s => JsonValue.Create(s.ToString())).ToList()));
        }

        if (ParseList<Priority>(filter.Priority, "priority") is { } priorities)
        {
            where.Add(new In("priority", priorities.Select(p => JsonValue.Create(p.ToString())).ToList()));
        }

        if (filter.Open is { } open)
        {
            where.Add(new Eq("open", JsonValue.Create(open)));
        }

        if (filter.CreatedFrom is { } createdFrom)
        {
            where.Add(new Compare("createdAt", CompareOp.GreaterOrEqual, Timestamp(createdFrom)));
        }

        if (filter.CreatedTo is { } createdTo)
        {
            where.Add(new Compare("createdAt", CompareOp.LessThan, Timestamp(createdTo)));
        }

        if (filter.Mine == true)
        {
            where.Add(new ArrayContains("involved", JsonValue.Create(caller.Id)));
        }

        if (filter.NeedsContact == true)
        {
            where.Add(new Eq("needsServiceDeskContact", JsonValue.Create(true)));
        }

        if (filter.Text is { Length: > 0 } text)
        {
            where.Add(new ContainsText("summary", text));
        }

        if (filter.Breached is { } breached)
        {
            where.Add(Breached(breached, now));
        }

        if (filter.AtRisk == true)
        {
            where.Add(new Compare("openAtRiskAt", CompareOp.LessOrEqual, Timestamp(now)));
            where.Add(new Compare("openResolutionDue", CompareOp.GreaterThan, Timestamp(now)));
        }

        where.AddRange(Audience(caller, customerServiceIds));
        return new DocumentQuery
        {
            Where = where,
            OrderBy = Order(filter),
            PageSize = PageSize(filter.PageSize),
            Continuation = filter.Continuation,
        };
    }

    public static int PageSize(int? requested) => requested switch
    {
        null => DefaultPageSize,
        >= 1 and <= MaxPageSize => requested.Value,
        _ => throw Problems.BadRequest($"pageSize must be between 1 and {MaxPageSize}.", "pageSize"),
    };

    /// <summary>SLM-11: records that breached a target, open or closed.</summary>
    private static AnyOf Breached(string which, DateTimeOffset now)
    {
        var response = new AnyOf([new Eq("responseBreached", JsonValue.Create(true)), new Compare("openResponseDue", CompareOp.LessThan, Timestamp(now))]);
        var resolution = new AnyOf([new Eq("resolutionBreached", JsonValue.Create(true)), new Compare("openResolutionDue", CompareOp.LessThan, Timestamp(now))]);
        return which.ToLowerInvariant() switch
        {
            "response" => response,
            "resolution" => resolution,
            "any" => new AnyOf([.. response.Conditions, .. resolution.Conditions]),
            _ => throw Problems.BadRequest("breached must be response, resolution or any.", "breached"),
        };
    }

    private static IEnumerable<Condition> Audience(Caller caller, IReadOnlyCollection<string> customerServiceIds)
    {
        if (caller.IsStaff)
        {
            yield break; // restricted incidents are masked when mapped, not hidden (SEC-03)
        }

        var involved = new ArrayContains("involved", JsonValue.Create(caller.Id));
        yield return caller.IsCustomerUser && customerServiceIds.Count > 0
            ? new AnyOf([involved, new In("serviceId", customerServiceIds.Select(s => JsonValue.Create(s)).ToList())])
            : involved;
        if (caller.IsCustomerUser)
        {
            yield return new AnyOf([new Eq("security", JsonValue.Create(false)), involved]);
        }
    }

    private static IReadOnlyList<SortKey> Order(IncidentQuery filter) =>
        !string.IsNullOrWhiteSpace(filter.GroupId) && filter.Open is not null ? [new("groupId"), new("open"), new("priority"), new("createdAt")]
        : !string.IsNullOrWhiteSpace(filter.GroupId) ? [new("groupId"), new("priority"), new("createdAt")]
        : !string.IsNullOrWhiteSpace(filter.AssigneeId) ? [new("assigneeId"), new("priority"), new("createdAt")]
        : !string.IsNullOrWhiteSpace(filter.ReporterId) ? [new("reporterId"), new("createdAt", Descending: true)]
        : filter.Open is not null ? [new("open"), new("priority"), new("createdAt")]
        : [new("createdAt", Descending: true)];

    private static List<T>? ParseList<T>(string? value, string field) where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var result = new List<T>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<T>(part, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(part, out _))
            {
                throw Problems.BadRequest($"'{part}' is not a valid {field}; use {string.Join(", ", Enum.GetNames<T>())}.", field);
            }

            result.Add(parsed);
        }

        return result;
    }

    private static JsonValue Timestamp(DateTimeOffset value) => JsonValue.Create(UtcTimestampConverter.Text(value));
}
