using System.Security.Cryptography;

namespace ItsmChatOps.AppHost;

/// <summary>Keys made fresh for each local run, so none is ever committed or reused.</summary>
internal static class LocalSecrets
{
    /// <summary>The API's <c>Itsm:Development:ServiceKey</c>, under the same name for the bot.</summary>
    public const string ServiceKeySetting = "Itsm__Development__ServiceKey";

    /// <summary>32 random bytes, base64: an HS256 signing key, and a valid account key for the local Cosmos DB server.</summary>
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
