using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Client.Changes;

namespace ItsmChatOps.Api.Changes;

/// <summary>Hand-written mapping from the stored change to the wire records.</summary>
public static class ChangeMapping
{
    public static ChangeResponse ToResponse(Change change, ChangePolicy policy, IReadOnlyDictionary<string, string>? names = null,
        IReadOnlyList<CiUpdateView>? ciUpdates = null)
    {
        var quorum = change.Approvers.Count == 0 ? null : ChangeApprovals.Evaluate(change);
        var decisions = change.Approvals.Where(a => a.Decision != ApprovalDecision.RequestInfo).ToDictionary(a => a.SlotId);
        return new()
        {
            Id = change.Id,
            Model = change.Model,
            TemplateId = change.TemplateId,
            Title = change.Title,
            Description = change.Description,
            Scope = change.Scope,
            BenefitCategory = change.BenefitCategory,
            Justification = change.Justification,
            EmergencyJustification = change.EmergencyJustification,
            OriginRefs = change.OriginRefs,
            ServiceIds = change.ServiceIds,
            CiIds = change.CiIds,
            Window = change.Window,
            ApprovedWindow = change.ApprovedWindow,
            Outage = change.Outage,
            ImplementerId = change.ImplementerId,
            ImplementerGroupId = change.ImplementerGroupId,
            VerifierId = change.VerifierId,
            OriginatorId = change.OriginatorId,
            State = change.State,
            Class = change.Class,
            Urgency = change.Urgency,
            Cost = change.Cost,
            Benefit = change.Benefit,
            Resources = change.Resources,
            Risk = change.Risk is { } risk ? ToRiskView(risk, policy) : null,
            Impact = change.Impact is { } impact ? new ChangeImpactView(impact.Cis, impact.Services, impact.Customers, impact.Agreements) : null,
            Assessments = change.Assessments,
            RequiredAssessments = change.RequiredAssessments,
            Conflicts = change.Conflicts.Select(c => new ConflictView(c.ChangeId, c.Title, c.State, c.Window, c.SharedIds, c.SuggestedOrder)).ToList(),
            Blackouts = change.Blackouts.Select(b => new BlackoutView(b.Name, b.Kind, b.Period, b.ServiceIds)).ToList(),
            Approvers = change.Approvers.Select(a => new RequiredApproverView(a.PersonId, Name(names, a.PersonId), a.Basis, a.Mandatory,
                decisions.GetValueOrDefault(a.PersonId)?.Decision, decisions.GetValueOrDefault(a.PersonId)?.ApproverId, decisions.GetValueOrDefault(a.PersonId)?.At)).ToList(),
            Quorum = quorum is null ? null : new QuorumView(change.Quorum, quorum.Needed, quorum.Approvals, quorum.Rejections, quorum.MandatoryPending, quorum.Pending, quorum.Met),
            Approvals = change.Approvals.Select(ToApprovalView).ToList(),
            VoidedApprovals = change.VoidedApprovals.Select(ToApprovalView).ToList(),
            InfoRequests = change.InfoRequests.Select(i => new InfoRequestView(i.AskedById, i.Question, i.At, i.Answer, i.AnsweredById, i.AnsweredAt)).ToList(),
            Plans = change.Plans.GroupBy(p => p.Kind).Select(g => g.MaxBy(p => p.Version)!).Select(p => ToPlanView(p, withText: true)).ToList(),
            ApprovedPlans = change.ApprovedPlans.Select(r => ToPlanView(change.Plans.First(p => p.Kind == r.Kind && p.Version == r.Version), withText: false)).ToList(),
            ApprovedPlansHash = change.ApprovedPlans.Count == 0 ? null : ChangeApprovals.Digest(change.ApprovedPlans),
            ActualStart = change.ActualStart,
            ActualEnd = change.ActualEnd,
            WindowOverride = change.WindowOverride is { } w ? new OverrideView(w.ById, w.Reason, w.At) : null,
            ConflictOverride = change.ConflictOverride is { } o ? new OverrideView(o.ById, o.Reason, o.At) : null,
            Verification = change.Verification is { } v ? new VerificationView(v.Results, v.Passed, v.ById, v.At, ciUpdates ?? []) : null,
            BackoutLog = change.BackoutLog,
            SignOff = change.SignOff is { } s ? new SignOffView(s.ById, s.Note, s.At) : null,
            Outcome = change.Outcome,
            ReviewNote = change.ReviewNote,
            Pir = ToPirView(change, policy),
            Emergency = change.Model == ChangeModel.Emergency
                ? new EmergencyView(change.RetrospectiveFields, change.RetrospectiveDeadline, change.RetrospectiveOverdue, change.GenuineEmergency)
                : null,
            Links = change.Links.Select(l => new ChangeLinkView(l.Kind, l.TargetId)).ToList(),
            Awaiting = Awaiting(change, policy, quorum),
            ApprovalTag = change.ApprovalTag,
            PolicyVersion = change.PolicyVersion,
            CreatedAt = change.CreatedAt,
            UpdatedAt = change.UpdatedAt,
            ETag = change.ETag,
        };
    }

    public static ChangeSummary ToSummary(Change change) => new()
    {
        Id = change.Id,
        Title = change.Title,
        Model = change.Model,
        State = change.State,
        Class = change.Class,
        RiskLevel = change.Risk?.Level,
        Urgency = change.Urgency,
        Window = change.Window,
        ServiceIds = change.ServiceIds,
        AffectedServiceIds = change.AffectedServiceIds,
        CiIds = change.CiIds,
        ImplementerId = change.ImplementerId,
        OriginatorId = change.OriginatorId,
        RetrospectiveOverdue = change.RetrospectiveOverdue,
        CreatedAt = change.CreatedAt,
    };

    public static RiskView ToRiskView(RiskResult risk, ChangePolicy policy) =>
        new(risk.Likelihood, risk.Impact, risk.Score, risk.Level,
            policy.RiskQuestions.Where(q => risk.Answers.ContainsKey(q.Id))
                .Select(q => new RiskAnswerView(q.Id, q.Text, q.Dimension, risk.Answers[q.Id], q.Scale[risk.Answers[q.Id] - 1])).ToList(),
            risk.Answers.Count == 0 ? $"A standard change is Low risk by its template ({risk.Level})." : ChangeRisk.Why(risk, policy));

    /// <summary>What the change waits for and from whom: the status card's "awaited from" line.</summary>
    public static AwaitingView Awaiting(Change change, ChangePolicy policy, QuorumStatus? quorum)
    {
        var implementer = ChangeNotify.Implementer(change).ToList();
        return change.State switch
        {
            ChangeState.Draft => new("Submission", [change.OriginatorId]),
            ChangeState.Submitted => new("Assessment", [policy.ChangeManagerId]),
            ChangeState.Assessed => new("Request for approval", [policy.ChangeManagerId]),
            ChangeState.PendingApproval => new("Approval", quorum?.Pending ?? []),
            ChangeState.Approved when change.Model == ChangeModel.Emergency => new("Implementation", implementer),
            ChangeState.Approved => new("Scheduling", [policy.ChangeManagerId]),
            ChangeState.Scheduled or ChangeState.Implementing => new("Implementation", implementer),
            ChangeState.Implemented => new("Sign-off", [.. ChangeLifecycle.Verifiers(change)]),
            ChangeState.BackedOut => new("Review", [policy.ChangeManagerId]),
            ChangeState.Review when change.Pir is not { CustomersSatisfied: not null } && change.CustomerRepresentativeIds.Count > 0
                && ChangeClosure.PirRequired(change, policy, change.Outcome) => new("Customer review answer", change.CustomerRepresentativeIds),
            ChangeState.Review => new("Closure", [policy.ChangeManagerId]),
            _ => new("Nothing", []),
        };
    }

    private static PirView? ToPirView(Change change, ChangePolicy policy)
    {
        var required = ChangeClosure.PirRequired(change, policy, change.Outcome);
        if (change.Pir is not { } pir)
        {
            return required ? new PirView(null, null, null, [], [], [], null, true, false) : null;
        }

        return new(pir.ObjectivesMet, pir.CustomersSatisfied, pir.CustomerAnsweredById, pir.SideEffectIncidentIds, pir.Nonconformities, pir.Improvements,
            pir.Note, required, ChangeClosure.PirComplete(change));
    }

    private static ApprovalView ToApprovalView(Approval a) =>
        new(a.ApproverId, a.OnBehalfOfId, a.Decision, a.Reason, a.At, a.ETagSeen, a.PlansHash);

    private static PlanView ToPlanView(PlanVersion p, bool withText) => new(p.Kind, p.Version, p.Hash, withText ? p.Text : null, p.AddedAt, p.AddedById);

    private static string Name(IReadOnlyDictionary<string, string>? names, string id) => names?.GetValueOrDefault(id) ?? id;
}
