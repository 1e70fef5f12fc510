using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Common;

namespace ItsmChatOps.Api.Policies;

/// <summary>Rules a policy version must satisfy before it is saved, so no record is ever evaluated under a broken policy.</summary>
public static class PolicyValidation
{
    public static void Check(string kind, object policy)
    {
        var errors = new Dictionary<string, string[]>();
        switch (policy)
        {
            case PriorityMatrixPolicy matrix:
                foreach (var impact in Enum.GetValues<Impact>())
                {
                    foreach (var urgency in Enum.GetValues<Urgency>())
                    {
                        if (matrix.Cells.Count(c => c.Impact == impact && c.Urgency == urgency) != 1)
                        {
                            errors["cells"] = [.. errors.GetValueOrDefault("cells", []), $"Exactly one cell is needed for {impact} impact × {urgency} urgency."];
                        }
                    }
                }

                break;
            case ServiceLevelTargetsPolicy targets:
                foreach (var priority in Enum.GetValues<Priority>().Where(p => targets.Targets.Count(t => t.Priority == p) != 1))
                {
                    errors["targets"] = [.. errors.GetValueOrDefault("targets", []), $"Exactly one target is needed for {priority}."];
                }

                if (targets.Targets.Any(t => t.Response.Value <= 0 || t.Resolution.Value <= 0))
                {
                    errors["targets"] = [.. errors.GetValueOrDefault("targets", []), "Targets must be positive."];
                }

                break;
            case CalendarPolicy calendar:
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(calendar.TimeZone, out _))
                {
                    errors["timeZone"] = [$"'{calendar.TimeZone}' is not a known time zone (use an IANA name such as Europe/London)."];
                }

                if (calendar.Week.Count == 0 || calendar.Week.Any(w => w.End <= w.Start))
                {
                    errors["week"] = ["Give at least one working period per week, each ending after it starts."];
                }

                if (calendar.ServiceDayHours is <= 0 or > 24)
                {
                    errors["serviceDayHours"] = ["A service day is between 0 and 24 hours."];
                }

                break;
            case IncidentPolicy incident:
                if (!incident.ResolutionCodes.Contains(incident.CannotResolveCode))
                {
                    errors["resolutionCodes"] = [$"The codes must include '{incident.CannotResolveCode}'."];
                }

                if (incident.CauseCategories.Count == 0 || incident.BreachCauses.Count == 0)
                {
                    errors["causeCategories"] = ["Cause categories and breach causes cannot be empty."];
                }

                break;
            case Changes.ChangePolicy change:
                change.Check();
                break;
            case Changes.BlackoutPolicy blackouts:
                blackouts.Check();
                break;
            case MajorIncidents.MajorIncidentPolicy major:
                MajorIncidents.MajorIncidentPolicy.Validate(major);
                break;
            case CategoryTreePolicy tree:
                if (tree.Categories.Count == 0 || tree.Paths().Distinct(StringComparer.OrdinalIgnoreCase).Count() != tree.Paths().Count())
                {
                    errors["categories"] = ["Categories must be non-empty and unique."];
                }

                break;
        }

        if (errors.Count > 0)
        {
            throw Problems.Validation(errors, kind == PolicyKinds.Matrix ? "SLM-05" : kind == PolicyKinds.Targets ? "SLM-06" : "SLM-07");
        }
    }
}
