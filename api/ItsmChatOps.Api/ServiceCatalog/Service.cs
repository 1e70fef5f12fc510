using ItsmChatOps.Api.Client.ServiceCatalog;
using ItsmChatOps.Api.Records;

namespace ItsmChatOps.Api.ServiceCatalog;

/// <summary>A catalogue service (SLM-01).</summary>
public sealed class Service : RecordDocument
{
    public const string Type = "service";

    /// <summary>The built-in service for incidents whose service the caller cannot tell (SLM-01).</summary>
    public const string UnknownTriageId = "unknown-triage";

    public override string RecordType => Type;

    public required string Name { get; set; }
    public required string Description { get; set; }
    public required ServiceStatus Status { get; set; }
    public required string OwnerId { get; set; }
    public List<string> CustomerIds { get; set; } = [];
    public List<string> ContactPoints { get; set; } = [];
    public string CalendarId { get; set; } = "office-hours";
    public Criticality Criticality { get; set; } = Criticality.Medium;
    public string? SecurityArrangements { get; set; }
    public List<string> SupportingServiceIds { get; set; } = [];
    public string? HeadlineTargets { get; set; }

    /// <summary>Words people use for this service ("outlook", "inbox"), to recognise it in what they type.</summary>
    public List<string> Keywords { get; set; } = [];
    public string? InternalNotes { get; set; }
    public decimal? MonthlyCost { get; set; }

    /// <summary>The catalogue entry; customers do not see cost or internal notes.</summary>
    public ServiceResponse ToResponse(bool includeInternal) => new()
    {
        Id = Id,
        Name = Name,
        Description = Description,
        Status = Status,
        OwnerId = OwnerId,
        CustomerIds = CustomerIds,
        ContactPoints = ContactPoints,
        CalendarId = CalendarId,
        Criticality = Criticality,
        SecurityArrangements = SecurityArrangements,
        SupportingServiceIds = SupportingServiceIds,
        HeadlineTargets = HeadlineTargets,
        InternalNotes = includeInternal ? InternalNotes : null,
        MonthlyCost = includeInternal ? MonthlyCost : null,
        ETag = ETag,
    };
}
