using ItsmChatOps.Api.Client.KnownErrors;
using ItsmChatOps.Api.Client.Problems;
using ItsmChatOps.Api.KnownErrors;

namespace ItsmChatOps.Api.ProblemManagement;

/// <summary>Stored problems, known errors and candidates to wire records, by hand.</summary>
public static class ProblemMapping
{
    public static ProblemResponse ToResponse(Problem p, DateTimeOffset now) => new()
    {
        Id = p.Id,
        Title = p.Title,
        Description = p.Description,
        State = p.State,
        Source = p.Source,
        ServiceIds = p.ServiceIds,
        CiIds = p.CiIds,
        Category = p.Category,
        Impact = p.Impact,
        Urgency = p.Urgency,
        Priority = p.Priority,
        BusinessAreas = p.BusinessAreas,
        OwnerId = p.OwnerId,
        AnalystId = p.AnalystId,
        GroupId = p.GroupId,
        OwnershipHistory = p.OwnershipHistory.Select(o => new OwnershipPeriod(o.OwnerId, o.AnalystId, o.GroupId, o.From, o.To)).ToList(),
        RootCause = p.RootCause,
        CauseCategory = p.CauseCategory,
        ResolutionMethod = p.ResolutionMethod,
        CustomerText = p.CustomerText,
        Workarounds = p.Workarounds.Select(w => new WorkaroundView(w.Text, w.CustomerText, w.SourceIncidentId, w.AddedBy, w.AddedAt, w.KnowledgeItemId)).ToList(),
        Actions = p.Actions.Select(a => new ProblemActionView(a.Id, a.Task, a.OwnerId, a.Due, a.State, a.State == ProblemActionState.Open && now > a.Due)).ToList(),
        EffortMinutes = p.Effort.Sum(e => e.Minutes),
        IncidentIds = p.IncidentIds,
        KnownErrorIds = p.KnownErrorIds,
        Changes = p.Changes.Select(ToView).ToList(),
        Escalations = p.Escalations.Select(e => new ProblemEscalationView(e.Target, e.Level, e.At, e.Notified)).ToList(),
        CustomerAgreement = p.CustomerAgreement is { } a ? new CustomerAgreementView(a.ById, a.At, a.Note) : null,
        CustomerNotice = p.CustomerNotice is { } n ? new CustomerNoticeView(n.Text, n.EventId, n.SentAt, n.DeliveredAt) : null,
        DuplicateOfId = p.DuplicateOfId,
        CreatedAt = p.CreatedAt,
        UpdatedAt = p.UpdatedAt,
        RootCauseIdentifiedAt = p.RootCauseIdentifiedAt,
        ResolvedAt = p.ResolvedAt,
        ClosedAt = p.ClosedAt,
        ETag = p.ETag,
    };

    public static ProblemSummary ToSummary(Problem p) => new(p.Id, p.Title, p.State, p.Priority, p.OwnerId, p.AnalystId, p.IncidentIds.Count, p.CreatedAt);

    public static KnownErrorResponse ToResponse(KnownError e, DateTimeOffset now) => new()
    {
        Id = e.Id,
        ProblemId = e.ProblemId,
        Title = e.Title,
        Symptoms = e.Symptoms,
        RootCause = e.RootCause,
        Workaround = e.Workaround,
        WorkaroundKbId = e.WorkaroundKbId,
        State = e.State,
        Source = e.Source,
        AffectedServiceIds = e.AffectedServiceIds,
        SuspectedCiIds = e.SuspectedCiIds,
        Decision = e.Decision is { } d ? new KnownErrorDecisionView(d.DecidedById, d.DecidedBy, d.Organization, d.Reason, d.DecidedAt, d.ReviewDate) : null,
        Closure = e.Closure,
        ClosureReason = e.ClosureReason,
        ChangeIds = e.Changes.Select(c => c.ChangeId).ToList(),
        LinkedIncidentCount = e.Incidents.Count,
        LinkedIncidentsLast30Days = e.Incidents.Count(i => i.At > now.AddDays(-30)),
        IncidentsSinceDecision = e.IncidentsSinceDecision,
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.UpdatedAt,
        ETag = e.ETag,
    };

    public static ProblemCandidateResponse ToResponse(ProblemCandidate c) => new()
    {
        Id = c.Id,
        State = c.State,
        Category = c.Category,
        CiId = c.CiId,
        ServiceId = c.ServiceId,
        IncidentIds = c.IncidentIds,
        ProblemId = c.ProblemId,
        DismissReason = c.DismissReason,
        SuppressedUntil = c.SuppressedUntil,
        DecidedBy = c.DecidedBy,
        CreatedAt = c.CreatedAt,
        ETag = c.ETag,
    };

    private static LinkedChangeView ToView(LinkedChange c) => new(c.ChangeId, c.Status, c.UpdatedAt, c.ScheduledFor);
}
