using ItsmChatOps.Api.Client.MajorIncidents;

namespace ItsmChatOps.Api.MajorIncidents;

/// <summary>Hand-written mapping from the stored major incident to the wire records.</summary>
public static class MajorIncidentMapping
{
    public static MajorIncidentResponse ToResponse(MajorIncident major) => new()
    {
        Id = major.Id,
        IncidentId = major.IncidentId,
        State = major.State,
        Summary = major.Summary,
        ServiceId = major.ServiceId,
        Priority = major.Priority,
        Impact = major.Impact,
        MatchedRules = major.MatchedRules,
        Reason = major.Reason,
        DeclaredById = major.DeclaredById,
        DeclaredAt = major.DeclaredAt,
        ManagerId = major.ManagerId,
        PendingHandover = major.PendingHandover is { } h ? new HandoverView(h.FromId, h.ToId, h.OfferedAt, h.Note) : null,
        ManagerHistory = major.ManagerHistory.Select(t => new ManagerTermView(t.PersonId, t.From, t.To)).ToList(),
        WarRoom = major.WarRoom is { } w ? new WarRoomView(w.Platform, w.Mode, w.ChannelId, w.Link, w.OpenedAt, w.Notice, w.ArchivedAt) : null,
        InvitedIds = major.InvitedIds,
        Updates = major.Updates.Select(u => new StatusUpdateView(u.Number, u.At, u.ById, u.Status, u.BusinessImpact, u.Actions, u.Workaround, u.NextUpdateDue)).ToList(),
        NextUpdateDue = major.NextUpdateDue,
        MissedUpdates = major.MissedUpdates,
        Escalations = major.Escalations.Select(e => new EscalationView(e.PersonId, e.Role, e.NotifiedAt, e.AcknowledgedAt, e.DeputyId, e.EscalatedAt)).ToList(),
        AffectedCustomerIds = major.AffectedCustomerIds,
        ChildIncidentIds = major.ChildIncidentIds,
        RestoredAt = major.RestoredAt,
        Review = major.Review is { } r ? ToView(r) : null,
        CreatedAt = major.CreatedAt,
        UpdatedAt = major.UpdatedAt,
        ETag = major.ETag,
    };

    public static OpenMajorIncidentView ToOpenView(MajorIncident major) =>
        new(major.Id, major.IncidentId, major.Summary, major.ServiceId, major.State, major.ManagerId, major.WarRoom?.Link);

    private static ReviewView ToView(Review review) => new()
    {
        DueAt = review.DueAt,
        Overdue = review.Overdue,
        ImpactStart = review.ImpactStart,
        ImpactEnd = review.ImpactEnd,
        ImpactMinutes = review.ImpactEnd is { } end ? Math.Round((end - review.ImpactStart).TotalMinutes, 1) : 0,
        CustomersAffected = review.CustomersAffected,
        Breaches = review.Breaches,
        Timeline = review.Timeline,
        WhatWorked = review.WhatWorked,
        WhatDidNotWork = review.WhatDidNotWork,
        RootCauseKnown = review.RootCauseKnown,
        Actions = review.Actions.Select(a => new ReviewActionView(a.Number, a.Text, a.Kind, a.OwnerId, a.ProblemId, a.ImprovementItemId, a.DueOn)).ToList(),
        CompletedAt = review.CompletedAt,
        CompletedById = review.CompletedById,
        ApprovedAt = review.ApprovedAt,
        ApprovedById = review.ApprovedById,
    };
}
