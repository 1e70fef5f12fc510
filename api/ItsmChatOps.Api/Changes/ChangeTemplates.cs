using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Storage;

namespace ItsmChatOps.Api.Changes;

/// <summary>A standard change template (CHG-02): pre-authorized, fixed scope, Low risk, defined steps.</summary>
public sealed class ChangeTemplate : RecordDocument
{
    public const string Type = "change-template";

    public override string RecordType => Type;

    public required string Name { get; set; }
    public string? Description { get; set; }
    public List<string> CiIds { get; set; } = [];
    public List<string> CiTypes { get; set; } = [];
    public List<string> Steps { get; set; } = [];
    public BenefitCategory? BenefitCategory { get; set; }
    public required string ImplementationPlan { get; set; }
    public required string BackoutPlan { get; set; }
    public required string TestPlan { get; set; }
    public bool Active { get; set; } = true;

    /// <summary>Whether a CI of the given id and type is inside the template's scope (CHG-02).</summary>
    public bool Covers(string ciId, string typeId) => CiIds.Contains(ciId) || CiTypes.Contains(typeId, StringComparer.OrdinalIgnoreCase);

    public ChangeTemplateResponse ToResponse() => new()
    {
        Id = Id,
        Name = Name,
        Description = Description,
        CiIds = CiIds,
        CiTypes = CiTypes,
        Steps = Steps,
        BenefitCategory = BenefitCategory,
        ImplementationPlan = ImplementationPlan,
        BackoutPlan = BackoutPlan,
        TestPlan = TestPlan,
        Active = Active,
        ETag = ETag,
    };
}

/// <summary>The standard change templates: few, small and read on every standard change.</summary>
public sealed class ChangeTemplateStore(IDocumentStore store, Partitions partitions)
{
    private readonly RecordCollection<ChangeTemplate> _templates = new(store, partitions.For(ChangeTemplate.Type));

    public async Task<ChangeTemplate?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await _templates.GetAsync(id, cancellationToken))?.Value;

    public async Task<IReadOnlyList<ChangeTemplate>> AllAsync(CancellationToken cancellationToken)
    {
        var result = new List<ChangeTemplate>();
        await foreach (var item in _templates.QueryAllAsync(new DocumentQuery { PageSize = 200 }, cancellationToken))
        {
            result.Add(item.Value);
        }

        return result;
    }

    public async Task<ChangeTemplate> CreateAsync(ChangeTemplate template, CancellationToken cancellationToken) =>
        (await _templates.CreateAsync(template.Id, template, cancellationToken)).Value;

    public async Task<ChangeTemplate> ReplaceAsync(ChangeTemplate template, string ifMatch, CancellationToken cancellationToken) =>
        (await _templates.ReplaceAsync(template.Id, template, ifMatch, cancellationToken)).Value;
}
