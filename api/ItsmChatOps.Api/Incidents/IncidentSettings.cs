using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Policies;
using ItsmChatOps.Api.ServiceCatalog;
using ItsmChatOps.Api.ServiceLevels;

namespace ItsmChatOps.Api.Incidents;

/// <summary>The policies one incident is evaluated under: current ones for a new incident, the snapshot's versions afterwards (SLM-12).</summary>
public sealed record IncidentSettings(
    PriorityMatrixPolicy Matrix,
    int MatrixVersion,
    ServiceLevelTargetsPolicy Targets,
    int TargetsVersion,
    CalendarPolicy Calendar,
    string CalendarId,
    int CalendarVersion,
    IncidentPolicy Rules,
    int RulesVersion,
    CategoryTreePolicy Categories,
    ServiceLevelAgreement? Sla = null)
{
    public SlaClock ClockFor(Priority priority) => new(Calendar, Targets.For(priority).TwentyFourSeven);

    /// <summary>Service days on the calendar, for windows such as closure confirmation (INC-05).</summary>
    public SlaClock ServiceDays => new(Calendar, twentyFourSeven: false);

    public SlaSnapshot Snapshot(Priority priority) =>
        new(Sla?.Id, Sla?.Version, MatrixVersion, TargetsVersion, CalendarId, CalendarVersion, RulesVersion, Targets.For(priority).TwentyFourSeven);
}

/// <summary>
/// Loads <see cref="IncidentSettings"/>: the Active SLA covering the service (the reporter's customer's first)
/// supplies the targets and the calendar; without one, the global policies do (SLM-05, SLM-06, SLM-12).
/// </summary>
public sealed class IncidentSettingsProvider(PolicyStore policies, SlaStore slas)
{
    public async Task<IncidentSettings> CurrentAsync(Service service, string? customerId, CancellationToken cancellationToken)
    {
        var sla = await slas.ActiveForAsync(service.Id, customerId, cancellationToken);
        var calendarId = sla?.CalendarId ?? service.CalendarId;
        var (matrix, matrixVersion) = await policies.CurrentAsync<PriorityMatrixPolicy>(PolicyKinds.Matrix, cancellationToken);
        var (targets, targetsVersion) = await policies.CurrentAsync<ServiceLevelTargetsPolicy>(PolicyKinds.Targets, cancellationToken);
        var (calendar, calendarVersion) = await policies.CurrentAsync<CalendarPolicy>(PolicyKinds.Calendar(calendarId), cancellationToken);
        var (rules, rulesVersion) = await policies.CurrentAsync<IncidentPolicy>(PolicyKinds.Incident, cancellationToken);
        var (categories, _) = await policies.CurrentAsync<CategoryTreePolicy>(PolicyKinds.Categories, cancellationToken);
        return new(matrix, matrixVersion, sla?.TargetsPolicy() ?? targets, targetsVersion, calendar, calendarId, calendarVersion, rules, rulesVersion, categories, sla);
    }

    /// <summary>The current incident rules alone (for list views, which need no clocks).</summary>
    public async Task<IncidentPolicy> RulesAsync(CancellationToken cancellationToken) =>
        (await policies.CurrentAsync<IncidentPolicy>(PolicyKinds.Incident, cancellationToken)).Body;

    public async Task<IncidentSettings> ForAsync(Incident incident, CancellationToken cancellationToken)
    {
        var sla = incident.Sla;
        var (categories, _) = await policies.CurrentAsync<CategoryTreePolicy>(PolicyKinds.Categories, cancellationToken);
        var agreement = sla.SlaId is { } slaId && sla.SlaVersion is { } version ? await slas.VersionAsync(slaId, version, cancellationToken) : null;
        return new(
            await policies.VersionAsync<PriorityMatrixPolicy>(PolicyKinds.Matrix, sla.MatrixVersion, cancellationToken), sla.MatrixVersion,
            agreement?.TargetsPolicy() ?? await policies.VersionAsync<ServiceLevelTargetsPolicy>(PolicyKinds.Targets, sla.TargetsVersion, cancellationToken), sla.TargetsVersion,
            await policies.VersionAsync<CalendarPolicy>(PolicyKinds.Calendar(sla.CalendarId), sla.CalendarVersion, cancellationToken), sla.CalendarId, sla.CalendarVersion,
            await policies.VersionAsync<IncidentPolicy>(PolicyKinds.Incident, sla.IncidentPolicyVersion, cancellationToken), sla.IncidentPolicyVersion,
            categories,
            agreement);
    }
}
