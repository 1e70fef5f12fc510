using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Bot.ApiConnection;

/// <summary>The <c>Api</c> section: where the ItsmChatOps API is and how the bot signs in to it.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>The API's base URL; <c>http://api</c> works under the AppHost (service discovery).</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>The Entra scope of the API's app registration (e.g. <c>api://itsmchatops-api/.default</c>); required outside Development.</summary>
    public string? Scope { get; set; }

    /// <summary>Development only: the base64 HS256 key of <c>Itsm:Development:ServiceKey</c>, shared with the local API.</summary>
    public string? DevelopmentServiceKey { get; set; }
}
