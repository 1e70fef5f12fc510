using System.Globalization;
using System.Text;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Bot.Cards.ViewModels;
using ItsmChatOps.Bot.Identity;

namespace ItsmChatOps.Bot.Flows;

/// <summary>
/// The forward schedule of changes (CHG-08) as <c>fsc [service] [from] [to]</c>, and the configuration item lookup
/// (CFG-14) as <c>ci name</c>. Dates are written yyyy-mm-dd; without them the API's default period applies.
/// </summary>
public sealed class ScheduleFlows(ItsmApiClient api)
{
    public const string FscUsage = "Type **fsc**, optionally a service and dates, for example *fsc Payroll 2025-12-01 2025-12-15*.";

    public async Task<Reply> ForwardScheduleAsync(ChatUser user, string arguments, CancellationToken cancellationToken)
    {
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var dates = new List<DateTimeOffset>();
        var rest = new List<string>();
        foreach (var word in words)
        {
            if (DateTimeOffset.TryParseExact(word, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                dates.Add(date);
            }
            else
            {
                rest.Add(word);
            }
        }

        if (dates.Count > 2 || (dates.Count == 2 && dates[1] <= dates[0]))
        {
            return Reply.Say("Give at most two dates, the first before the second. " + FscUsage);
        }

        var session = user.Session(api);
        try
        {
            var services = await session.ServicesAsync(cancellationToken);
            ServiceResponse? service = null;
            if (rest.Count > 0)
            {
                service = Match(services, string.Join(' ', rest));
                if (service is null)
                {
                    return Reply.Say($"I don't know a service called {string.Join(' ', rest)}. " + FscUsage);
                }
            }

            DateTimeOffset? from = dates.Count > 0 ? dates[0] : null;
            DateTimeOffset? to = dates.Count > 1 ? dates[1].AddDays(1) : dates.Count == 1 ? dates[0].AddDays(14) : null;
            var schedule = await session.ForwardScheduleAsync(service?.Id, from, to, cancellationToken);
            var names = services.ToDictionary(s => s.Id, s => s.Name, StringComparer.Ordinal);
            var lines = schedule.Entries
                .Where(e => e.Change.Window is not null)
                .OrderBy(e => e.Change.Window!.Start)
                .Select(e => new ScheduleLine(e.Change.Id, e.Change.Title, ChangeViews.StateText(e.Change.State), e.Change.Window!.Start, e.Change.Window.End,
                    Services(e.Change.AffectedServiceIds.Count > 0 ? e.Change.AffectedServiceIds : e.Change.ServiceIds, names),
                    e.ConflictsWith.Count == 0 ? null : string.Join(", ", e.ConflictsWith)))
                .ToList();
            var blackouts = schedule.Blackouts.Select(b => new BlackoutLine(b.Name, b.Kind.ToString(), b.Period.Start, b.Period.End)).ToList();
            return Reply.Show(new ForwardScheduleCard(service?.Name, schedule.From, schedule.To, lines, blackouts));
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    /// <summary>CFG-14: the CI's state, version, owner, services, open incidents, problems and scheduled changes.</summary>
    public async Task<Reply> CiAsync(ChatUser user, string name, CancellationToken cancellationToken)
    {
        if (name.Length == 0)
        {
            return Reply.Say("Which configuration item? Type **ci** and its name, for example *ci db-payroll-01*.");
        }

        try
        {
            var found = await user.Session(api).LookupCiAsync(name, cancellationToken);
            if (found.Matches.Count == 0)
            {
                return Reply.Say($"I found no configuration item matching {name}.");
            }

            var text = new StringBuilder();
            foreach (var match in found.Matches.Take(3))
            {
                var ci = match.Ci;
                text.Append(CultureInfo.InvariantCulture, $"**{ci.Name}** ({match.TypeName}, {ci.Id}) · {ci.State} · version {ci.Revision}\n\n");
                text.Append(CultureInfo.InvariantCulture, $"Owner: {match.Owner.Name}. Supports: {(match.SupportedServices.Count == 0 ? "no service" : string.Join(", ", match.SupportedServices.Select(s => s.Name)))}.\n\n");
                text.Append(CultureInfo.InvariantCulture, $"Open incidents: {match.OpenIncidents.Count}{Ids(match.OpenIncidents.Ids)}. Problems: {match.Problems.Count}. Known errors: {match.KnownErrors.Count}.\n\n");
                text.Append(match.ScheduledChanges.Count == 0
                    ? $"No changes scheduled in the next {match.ScheduleDays} days.\n\n"
                    : $"Scheduled changes: {string.Join("; ", match.ScheduledChanges.Select(c => $"{c.Id} {c.Title} ({ChangeViews.When(c.Start)})"))}.\n\n");
            }

            return Reply.Say(text.ToString().TrimEnd());
        }
        catch (ItsmApiException refused)
        {
            return Reply.Say(ApiProblems.PlainWords(refused));
        }
    }

    private static ServiceResponse? Match(IReadOnlyList<ServiceResponse> services, string name) =>
        services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Id, name, StringComparison.OrdinalIgnoreCase))
        ?? services.FirstOrDefault(s => s.Name.Contains(name, StringComparison.OrdinalIgnoreCase));

    private static string Services(IReadOnlyList<string> ids, IReadOnlyDictionary<string, string> names) =>
        ids.Count == 0 ? "No service named" : string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, id)));

    private static string Ids(IReadOnlyList<string> ids) => ids.Count == 0 ? string.Empty : $" ({string.Join(", ", ids)})";
}
