using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client.Changes;
using ItsmChatOps.Api.Client.Events;
using ItsmChatOps.Api.Common;
using ItsmChatOps.Api.Records;
using ItsmChatOps.Api.Security;

namespace ItsmChatOps.Api.Changes;

/// <summary>Raising and editing a change (CHG-01, CHG-02, CHG-06, CHG-14), as plain code.</summary>
public static class ChangeEdits
{
    private static readonly Dictionary<string, ChangeLinkKind> OriginLinks = new()
    {
        ["INC-"] = ChangeLinkKind.FixesIncident,
        ["PRB-"] = ChangeLinkKind.Problem,
        ["KE-"] = ChangeLinkKind.KnownError,
    };

    public static Change Create(string id, CreateChangeRequest request, Caller caller, ChangeTemplate? template, DateTimeOffset now)
    {
        ChangeAccess.Allow(caller.IsStaff, "Changes are raised by staff; ask the service desk to raise one for you.", "CHG-01");
        if (request.Model == ChangeModel.Standard && (template is null || !template.Active))
        {
            throw Problems.Unprocessable("A standard change is raised from an active template: give templateId.", "CHG-02", "templateId");
        }

        var change = new Change
        {
            Id = id,
            Model = request.Model!.Value,
            TemplateId = request.Model == ChangeModel.Standard ? template!.Id : null,
            Title = request.Title!.Trim(),
            Description = request.Description ?? template?.Description,
            Scope = request.Scope,
            BenefitCategory = request.BenefitCategory ?? template?.BenefitCategory,
            Justification = request.Justification,
            EmergencyJustification = request.EmergencyJustification,
            OriginRefs = request.OriginRefs?.Distinct().ToList() ?? [],
            ServiceIds = request.ServiceIds?.Distinct().ToList() ?? [],
            CiIds = request.CiIds?.Distinct().ToList() ?? [],
            Window = request.Window,
            Outage = request.Outage,
            ImplementerId = request.ImplementerId,
            ImplementerGroupId = request.ImplementerGroupId,
            VerifierId = request.VerifierId,
            OriginatorId = caller.Id,
            State = ChangeState.Draft,
            CreatedAt = now,
            CreatedBy = caller.Id,
        };
        AddPlan(change, PlanKind.Implementation, request.ImplementationPlan ?? template?.ImplementationPlan, caller.Id, now);
        AddPlan(change, PlanKind.Backout, request.BackoutPlan ?? template?.BackoutPlan, caller.Id, now);
        AddPlan(change, PlanKind.Test, request.TestPlan ?? template?.TestPlan, caller.Id, now);
        foreach (var origin in change.OriginRefs)
        {
            if (OriginLinks.FirstOrDefault(p => origin.StartsWith(p.Key, StringComparison.Ordinal)) is { Key: not null } link)
            {
                change.Links.Add(new(link.Value, origin));
            }
        }

        change.Raise(caller.Actor, now, "ChangeRaised", EventVisibility.Internal, notify: [], data: new JsonObject
        {
            ["model"] = change.Model.ToString(),
            ["originRefs"] = ChangeApprovals.Ids(change.OriginRefs),
        });
        return change;
    }

    /// <summary>
    /// The fields a normal change must have before submission (CHG-01), by JSON name. An emergency change may go
    /// ahead without them; they are then filled retrospectively (CHG-14).
    /// </summary>
    public static List<string> MissingNormalFields(Change change)
    {
        var missing = new List<string>();
        void Require(bool present, string field)
        {
            if (!present)
            {
                missing.Add(field);
            }
        }

        Require(!string.IsNullOrWhiteSpace(change.Description), "description");
        Require(!string.IsNullOrWhiteSpace(change.Scope?.In), "scope");
        Require(change.BenefitCategory is not null, "benefitCategory");
        Require(!string.IsNullOrWhiteSpace(change.Justification), "justification");
        Require(change.Window is not null || change.ApprovedWindow is not null || change.ActualStart is not null, "window");
        Require(change.CurrentPlan(PlanKind.Implementation) is not null, "implementationPlan");
        Require(change.CurrentPlan(PlanKind.Backout) is not null, "backoutPlan");
        Require(change.CurrentPlan(PlanKind.Test) is not null, "testPlan");
        Require(change.Risk is not null || change.State is ChangeState.Draft or ChangeState.Submitted, "risk");
        return missing;
    }

    /// <summary>
    /// Applies an edit. Returns whether it was material: scope, CIs, services, outage, plans or a window outside the
    /// approved one (CHG-06). The caller decides what a material edit does in the current state.
    /// </summary>
    public static (bool Material, bool WindowMoved) Update(Change change, UpdateChangeRequest request, Caller caller, DateTimeOffset now)
    {
        var changes = new List<FieldChange>();
        var material = false;
        void Set<T>(string field, T? current, T? requested, Action<T> assign, bool isMaterial = false) where T : class
        {
            if (requested is not null && !Equals(current, requested))
            {
                changes.Add(RecordDocument.Change(field, current, requested));
                assign(requested);
                material |= isMaterial;
            }
        }

        Set("title", change.Title, request.Title?.Trim(), v => change.Title = v);
        Set("description", change.Description, request.Description, v => change.Description = v);
        Set("scope", change.Scope, request.Scope, v => change.Scope = v, isMaterial: true);
        Set("justification", change.Justification, request.Justification, v => change.Justification = v);
        Set("emergencyJustification", change.EmergencyJustification, request.EmergencyJustification, v => change.EmergencyJustification = v);
        Set("implementerId", change.ImplementerId, request.ImplementerId, v => change.ImplementerId = v);
        Set("implementerGroupId", change.ImplementerGroupId, request.ImplementerGroupId, v => change.ImplementerGroupId = v);
        Set("verifierId", change.VerifierId, request.VerifierId, v => change.VerifierId = v);
        Set("outage", change.Outage, request.Outage, v => change.Outage = v, isMaterial: true);
        if (request.BenefitCategory is { } benefit && benefit != change.BenefitCategory)
        {
            changes.Add(RecordDocument.Change("benefitCategory", change.BenefitCategory, benefit));
            change.BenefitCategory = benefit;
        }

        if (request.CiIds is { } ciIds && !ciIds.Order().SequenceEqual(change.CiIds.Order()))
        {
            changes.Add(RecordDocument.Change("ciIds", change.CiIds, ciIds));
            change.CiIds = ciIds.Distinct().ToList();
            material = true;
        }

        if (request.ServiceIds is { } serviceIds && !serviceIds.Order().SequenceEqual(change.ServiceIds.Order()))
        {
            changes.Add(RecordDocument.Change("serviceIds", change.ServiceIds, serviceIds));
            change.ServiceIds = serviceIds.Distinct().ToList();
            material = true;
        }

        var windowMoved = false;
        if (request.Window is { } window && window != change.Window)
        {
            changes.Add(RecordDocument.Change("window", change.Window, window));
            change.Window = window;
            windowMoved = true;
            material |= change.ApprovedWindow is not { } approved || !window.Within(approved);
        }

        material |= AddPlan(change, PlanKind.Implementation, request.ImplementationPlan, caller.Id, now, changes);
        material |= AddPlan(change, PlanKind.Backout, request.BackoutPlan, caller.Id, now, changes);
        material |= AddPlan(change, PlanKind.Test, request.TestPlan, caller.Id, now, changes);
        if (changes.Count == 0)
        {
            return (false, false);
        }

        if (material)
        {
            change.Revision++;
        }

        change.RetrospectiveFields = change.RetrospectiveFields.Intersect(MissingNormalFields(change)).ToList();
        change.Raise(caller.Actor, now, "ChangeEdited", EventVisibility.Internal, changes, data: new JsonObject { ["material"] = material });
        return (material, windowMoved);
    }

    /// <summary>Adds a plan version when the text differs from the current one; the hash identifies it (CHG-01).</summary>
    public static bool AddPlan(Change change, PlanKind kind, string? text, string byId, DateTimeOffset now, List<FieldChange>? changes = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        var current = change.CurrentPlan(kind);
        if (current?.Hash == hash)
        {
            return false;
        }

        var version = (current?.Version ?? 0) + 1;
        change.Plans.Add(new(kind, version, hash, text, now, byId));
        changes?.Add(RecordDocument.Change($"plans.{kind.ToString().ToLowerInvariant()}", current?.Version, version));
        return true;
    }
}
