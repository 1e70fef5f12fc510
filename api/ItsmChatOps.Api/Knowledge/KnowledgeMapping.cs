using ItsmChatOps.Api.Client.Knowledge;

namespace ItsmChatOps.Api.Knowledge;

/// <summary>Stored knowledge items to wire records and requests to stored content, by hand.</summary>
public static class KnowledgeMapping
{
    public static KnowledgeItemResponse ToResponse(KnowledgeItem item, bool showRevision) => new()
    {
        Id = item.Id,
        Kind = item.Kind,
        State = item.State,
        Version = item.Version,
        Content = ToView(item.Content),
        OwnerId = item.OwnerId,
        ReviewDue = item.ReviewDue,
        PublishedAt = item.PublishedAt,
        LastVerifiedAt = item.LastVerifiedAt,
        KnownErrorId = item.KnownErrorId,
        ProblemId = item.ProblemId,
        Feedback = new FeedbackView(item.Helpful, item.NotHelpful, item.HelpfulRate, item.Flagged),
        Effectiveness = new EffectivenessView(item.AppliedIncidentIds.Count, item.ReopenedIncidentIds.Count, item.Effectiveness),
        Deflections = item.Deflections,
        Revision = showRevision && item.Revision is { } r ? new KnowledgeRevisionView(r.Version, r.State, r.AuthorId, ToView(r.Content)) : null,
        History = item.History.Select(h => new KnowledgeVersionView(h.Version, h.PublishedAt, h.PublishedBy, h.Title)).ToList(),
        CreatedAt = item.CreatedAt,
        UpdatedAt = item.UpdatedAt,
        ETag = item.ETag,
    };

    public static KnowledgeItemSummary ToSummary(KnowledgeItem item) =>
        new(item.Id, item.Kind, item.State, item.Version, item.Content.Title, item.Content.Audience, item.Revision is not null, item.UpdatedAt);

    public static KnowledgeContentView ToView(KnowledgeContent content) => new()
    {
        Title = content.Title,
        Body = content.Body,
        Audience = content.Audience,
        Symptoms = content.Symptoms,
        ServiceIds = content.ServiceIds,
        CiIds = content.CiIds,
        Versions = content.Versions,
        Conditions = content.Conditions,
        Steps = content.Steps,
        Risks = content.Risks,
        Specialist = content.Specialist is { } s ? new SpecialistDetails
        {
            GroupIds = s.GroupIds, PersonIds = s.PersonIds, Skills = s.Skills, SupplierContacts = s.SupplierContacts, OnCallContact = s.OnCallContact,
        } : null,
    };

    public static KnowledgeContent FromRequest(CreateKnowledgeItemRequest request) => new()
    {
        Title = request.Title!.Trim(),
        Body = request.Body!,
        Audience = request.Audience!.Value,
        Symptoms = request.Symptoms,
        ServiceIds = [.. request.ServiceIds ?? []],
        CiIds = [.. request.CiIds ?? []],
        Versions = [.. request.Versions ?? []],
        Conditions = request.Conditions,
        Steps = [.. request.Steps ?? []],
        Risks = request.Risks,
        Specialist = FromRequest(request.Specialist),
    };

    /// <summary>The content with the request's fields applied; omitted fields stay.</summary>
    public static KnowledgeContent Apply(KnowledgeContent content, UpdateKnowledgeItemRequest request) => content with
    {
        Title = request.Title?.Trim() ?? content.Title,
        Body = request.Body ?? content.Body,
        Audience = request.Audience ?? content.Audience,
        Symptoms = request.Symptoms ?? content.Symptoms,
        ServiceIds = request.ServiceIds is { } services ? [.. services] : content.ServiceIds,
        CiIds = request.CiIds is { } cis ? [.. cis] : content.CiIds,
        Versions = request.Versions is { } versions ? [.. versions] : content.Versions,
        Conditions = request.Conditions ?? content.Conditions,
        Steps = request.Steps is { } steps ? [.. steps] : content.Steps,
        Risks = request.Risks ?? content.Risks,
        Specialist = FromRequest(request.Specialist) ?? content.Specialist,
    };

    private static Specialist? FromRequest(SpecialistDetails? details) => details is null ? null
        : new([.. details.GroupIds ?? []], [.. details.PersonIds ?? []], [.. details.Skills ?? []], [.. details.SupplierContacts ?? []], details.OnCallContact);
}
