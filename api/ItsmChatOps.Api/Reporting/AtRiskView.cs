using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Reporting;
using ItsmChatOps.Api.Incidents;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Reporting;

/// <summary>
/// RPT-03: open records predicted to breach within N hours (default 4) or already past the at-risk share
/// (default 75%) of a target, soonest breach first. Records already breached are not "at risk": they are in
/// the breached filter (SLM-11).
/// </summary>
public sealed class AtRiskView(IncidentStore incidents, IncidentSettingsProvider settingsProvider, TimeProvider time)
{
    public async Task<IReadOnlyList<AtRiskItem>> ListAsync(string? groupId, double? withinHours, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var rules = await settingsProvider.RulesAsync(cancellationToken);
        var horizon = Timestamp(now.AddHours(withinHours ?? rules.AtRiskWithinHours));
        var where = new List<Condition>
        {
            new Eq("open", JsonValue.Create(true)),
            new AnyOf(
            [
                new Compare("openResolutionDue", CompareOp.LessOrEqual, horizon),
                new Compare("openAtRiskAt", CompareOp.LessOrEqual, Timestamp(now)),
                new Compare("openResponseDue", CompareOp.LessOrEqual, horizon),
            ]),
        };
        if (groupId is not null)
        {
            where.Add(new Eq("groupId", JsonValue.Create(groupId)));
        }

        var items = new List<AtRiskItem>();
        await foreach (var stored in incidents.QueryAllAsync(new DocumentQuery
        {
            Where = where,
            OrderBy = [new SortKey("open"), new SortKey("priority"), new SortKey("createdAt")],
            PageSize = 200,
        }, cancellationToken))
        {
            var incident = stored.Value;
            var settings = await settingsProvider.ForAsync(incident, cancellationToken);
            var clock = settings.ClockFor(incident.Priority);
            var within = TimeSpan.FromHours(withinHours ?? settings.Rules.AtRiskWithinHours);
            foreach (var (target, due) in new[] { ("Response", incident.OpenResponseDue), ("Resolution", incident.OpenResolutionDue) })
            {
                if (due is not { } dueAt || dueAt <= now)
                {
                    continue;
                }

                var total = clock.Between(incident.CreatedAt, dueAt);
                var share = total > TimeSpan.Zero ? clock.Between(incident.CreatedAt, now) / total : 1;
                if (dueAt - now <= within || share >= settings.Rules.AtRiskShare)
                {
                    items.Add(new AtRiskItem(incident.Id, incident.Summary, incident.Priority, incident.GroupId, incident.AssigneeId, target, dueAt,
                        Math.Round((dueAt - now).TotalMinutes, 1), Math.Round(share, 3)));
                }
            }
        }

        return items.OrderBy(i => i.DueAt).ToList();
    }

    private static JsonValue Timestamp(DateTimeOffset value) => JsonValue.Create(UtcTimestampConverter.Text(value));
}
