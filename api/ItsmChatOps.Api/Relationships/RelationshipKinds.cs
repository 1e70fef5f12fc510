using ItsmChatOps.Api.Client.ConfigurationItems;

namespace ItsmChatOps.Api.Relationships;

/// <summary>
/// What each relationship kind means for impact (CFG-03). For <c>A dependsOn B</c> (and runsOn, installedOn,
/// licensedBy, documentedBy) A sits above B: B failing or changing reaches A. For <c>A partOf B</c> and
/// <c>A supports S</c> the target sits above: the whole and the service. <c>connectedTo</c> is between peers.
/// </summary>
public static class RelationshipKinds
{
    /// <summary>Kinds that form a hierarchy, where a cycle is refused.</summary>
    public static bool IsHierarchical(RelationshipKind kind) => kind is RelationshipKind.PartOf or RelationshipKind.RunsOn;

    public static bool TargetIsUpper(RelationshipKind kind) => kind is RelationshipKind.PartOf or RelationshipKind.Supports;

    public static bool IsPeer(RelationshipKind kind) => kind == RelationshipKind.ConnectedTo;

    /// <summary>Whether, walking in <paramref name="direction"/>, an edge leads from its source to its target.</summary>
    public static bool FollowsForward(RelationshipKind kind, ImpactDirection direction) =>
        IsPeer(kind) || (direction == ImpactDirection.Up) == TargetIsUpper(kind);

    /// <summary>Whether, walking in <paramref name="direction"/>, an edge leads from its target back to its source.</summary>
    public static bool FollowsBackward(RelationshipKind kind, ImpactDirection direction) =>
        IsPeer(kind) || (direction == ImpactDirection.Up) != TargetIsUpper(kind);
}
