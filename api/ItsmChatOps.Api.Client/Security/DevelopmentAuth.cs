namespace ItsmChatOps.Api.Client.Security;

/// <summary>
/// The development service credential shared by the API and the local bot: an HS256 token signed with
/// the base64 key in <see cref="ServiceKeySetting"/>, with this issuer and audience. The API accepts it
/// in Development only and refuses to start when the key is configured anywhere else.
/// </summary>
public static class DevelopmentAuth
{
    public const string Issuer = "itsmchatops-dev";
    public const string Audience = "itsmchatops-api";
    public const string ServiceKeySetting = "Itsm:Development:ServiceKey";

    /// <summary>The client id the bot names itself with (<c>azp</c>) and the app role that makes a token the bot's.</summary>
    public const string BotClientId = "itsm-bot";
    public const string BotRole = "Itsm.Bot";
}
