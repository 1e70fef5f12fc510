using System.Text.Json.Nodes;

namespace ItsmChatOps.Api.Client.Policies;

/// <summary>One version of a configurable policy; edits create a new version (requirements §0).</summary>
public sealed record PolicyResponse(string Kind, int Version, DateTimeOffset EffectiveFrom, string UpdatedBy, JsonObject Body, string ETag);

/// <summary>A node of the incident category tree (INC-04); the path joins names with '/'.</summary>
public sealed record CategoryNode(string Name, string Path, IReadOnlyList<CategoryNode> Children);
