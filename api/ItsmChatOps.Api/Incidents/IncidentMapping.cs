using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Incidents;

namespace ItsmChatOps.Api.Incidents;

/// <summary>Hand-written mapping from the stored incident to the wire records, with the SLA flags as of now.</summary>
public static class IncidentMapping
{
    public static SlaFlags Flags(Incident incident, DateTimeOffset now)
    {
        var responseBreached = incident.ResponseBreached
            || (incident.RespondedAt is null && incident.Open && incident.ResponseDue is { } responseDue && now > responseDue);
        var stillRunning = incident.OpenResolutionDue is not null;
        var resolutionBreached = incident.ResolutionBreached || (stillRunning && now > incident.OpenResolutionDue);
        var atRisk = stillRunning && !resolutionBreached && incident.ResolutionAtRiskAt is { } riskAt && now >= riskAt;
        return new SlaFlags(responseBreached, resolutionBreached, atRisk, incident.BreachCause);
    }

    /// <param name="staffView">Whether the viewer is staff: only staff get the records suggested for linking (INC-04); problems are staff-only records.</param>
    public static IncidentResponse ToResponse(Incident incident, DateTimeOffset now, bool staffView) => new()
    {
        Id = incident.Id,
        Summary = incident.Summary,
        Description = incident.Description,
        State = incident.State,
        ServiceId = incident.ServiceId,
        Category = incident.Category,
        Impact = incident.Impact,
        Urgency = incident.Urgency,
        Priority = incident.Priority,
        PriorityOverridden = incident.PriorityOverridden,
        ReporterId = incident.ReporterId,
        LoggedById = incident.LoggedById,
        Source = incident.Source,
        Channel = incident.Channel,
        GroupId = incident.GroupId,
        AssigneeId = incident.AssigneeId,
        OwnerGroupId = incident.OwnerGroupId,
        SuggestedGroupId = incident.SuggestedGroupId,
        CiIds = incident.CiIds,
        Location = incident.Location,
        BusinessArea = incident.BusinessArea,
        SymptomCode = incident.SymptomCode,
        Security = incident.Security,
        CreatedAt = incident.CreatedAt,
        UpdatedAt = incident.UpdatedAt,
        RespondedAt = incident.RespondedAt,
        ResponseDue = incident.ResponseDue,
        ResolutionDue = incident.ResolutionDue,
        ResolvedAt = incident.ResolvedAt,
        Sla = Flags(incident, now),
        SlaSnapshot = new ServiceLevelSnapshot(incident.Sla.SlaId, incident.Sla.SlaVersion, incident.Sla.MatrixVersion, incident.Sla.TargetsVersion,
            incident.Sla.CalendarId, incident.Sla.CalendarVersion, incident.Sla.IncidentPolicyVersion),
        HoldReason = incident.HoldReason,
        Resolution = incident.Resolution is { } r
            ? new ResolutionView(r.Code, r.Notes, r.CauseCategory, r.Explanation, r.ExplanationDeliveredAt is not null)
            : null,
        Workaround = incident.Workaround,
        RestoredByWorkaround = incident.RestoredByWorkaround,
        Closure = incident.Closure is { } c ? new ClosureView(c.Method, c.ById, c.At, c.Note) : null,
        CancelReason = incident.CancelReason,
        ReopenCount = incident.ReopenCount,
        ReassignmentCount = incident.ReassignmentCount,
        EscalationLevel = incident.EscalationLevel,
        FirstContactResolution = incident.FirstContactResolution,
        AffectedCount = incident.AffectedUserIds.Count,
        WatcherIds = incident.WatcherIds,
        DedupeKey = incident.DedupeKey,
        Occurrences = incident.Occurrences,
        LastSeenAt = incident.LastSeenAt,
        Confirmation = incident.Confirmation is { } conf ? ConfirmationView(incident, conf) : null,
        Links = incident.Links.Select(l => new IncidentLinkView(l.Kind, l.TargetId)).ToList(),
        PossiblyRelated = staffView ? incident.PossiblyRelated.Where(r => !incident.Links.Any(l => l.TargetId == r.Id)).Select(r => new RelatedRecordView(r.Kind, r.Id, r.Title, r.State, r.ImplementedAt)).ToList() : [],
        ChatMessage = incident.ChatMessage,
        ETag = incident.ETag,
    };

    public static IncidentSummary ToSummary(Incident incident, DateTimeOffset now, bool masked) => new()
    {
        Id = incident.Id,
        Summary = masked ? "Restricted" : incident.Summary,
        State = incident.State,
        Priority = incident.Priority,
        ServiceId = incident.ServiceId,
        Category = masked ? null : incident.Category,
        GroupId = incident.GroupId,
        AssigneeId = incident.AssigneeId,
        ReporterId = masked ? "restricted" : incident.ReporterId,
        Security = incident.Security,
        Restricted = masked,
        CreatedAt = incident.CreatedAt,
        ResolutionDue = incident.ResolutionDue,
        Sla = Flags(incident, now),
    };

    private static ConfirmationView ConfirmationView(Incident incident, Confirmation confirmation) =>
        new(confirmation.RequestedAt, confirmation.DeliveredAt, confirmation.DeliveryFailed, TimerOf(incident, reminder: true),
            TimerOf(incident, reminder: false), incident.NeedsServiceDeskContact);

    // The computed times are stored on the record's timer only; expose the ones known from the last write.
    private static DateTimeOffset? TimerOf(Incident incident, bool reminder) =>
        incident.Confirmation?.DeliveredAt is null ? null
        : reminder ? incident.ConfirmationReminderAt : incident.ConfirmationAutoCloseAt;
}
