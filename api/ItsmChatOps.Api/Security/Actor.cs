using ItsmChatOps.Api.Client;

namespace ItsmChatOps.Api.Security;

/// <summary>
/// Who an action is recorded against (MGT-05): the accountable person (or <c>system</c>), the person
/// they acted for when an agent logs for a caller, the service that carried the request (the bot),
/// and the channel it came through.
/// </summary>
public sealed record Actor(string Id, string? OnBehalfOfId, string? Via, Channel Channel)
{
    public const string SystemId = "system";

    public static Actor System { get; } = new(SystemId, null, null, Channel.System);

    public bool IsSystem => Id == SystemId;
}
