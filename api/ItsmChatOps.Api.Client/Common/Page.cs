namespace ItsmChatOps.Api.Client;

/// <summary>One page of a list; pass <see cref="Continuation"/> back to get the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);
