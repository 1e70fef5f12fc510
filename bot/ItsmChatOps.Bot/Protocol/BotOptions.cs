using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>How the bot proves its identity to the Bot Framework Connector.</summary>
public enum BotAppType
{
    /// <summary>An Entra app registration in the bot's tenant, with a client secret or a certificate.</summary>
    SingleTenant,

    /// <summary>A user-assigned managed identity; <see cref="BotOptions.AppId"/> is its client id.</summary>
    UserAssignedMSI,
}

/// <summary>The <c>Bot</c> configuration section: the Azure Bot's identity and the channel endpoints.</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>The Microsoft App ID of the Azure Bot. Without it the Bot Framework endpoint refuses every request.</summary>
    public string? AppId { get; set; }

    public BotAppType AppType { get; set; } = BotAppType.SingleTenant;

    /// <summary>The Entra tenant that owns the bot's identity (outbound tokens always come from it).</summary>
    public string? TenantId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>A PFX (with <see cref="CertificatePassword"/>) or PEM file holding the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>Thumbprint of a certificate in the CurrentUser or LocalMachine "My" store.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Send the certificate chain (x5c) for subject-name/issuer authentication.</summary>
    public bool SendCertificateChain { get; set; }

    /// <summary>Display name used for the bot in the local chat.</summary>
    [Required]
    public string DisplayName { get; set; } = "ItsmChatOps";

    /// <summary>OpenID metadata of the Bot Framework channel service (change only for sovereign clouds).</summary>
    [Required, Url]
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Issuer of channel tokens (<c>https://api.botframework.us</c> in US Government).</summary>
    [Required]
    public string ChannelTokenIssuer { get; set; } = "https://api.botframework.com";

    /// <summary>Scope of outbound tokens for the Connector.</summary>
    [Required]
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Entra authority host (sovereign clouds use their own).</summary>
    [Required, Url]
    public string AuthorityHost { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>
    /// Connector base URLs the bot may send its token to before any authenticated activity named them
    /// (proactive sends after a restart). Service URLs of authenticated activities are trusted as they arrive.
    /// </summary>
    public List<string> TrustedServiceUrls { get; set; } =
    [
        "https://smba.trafficmanager.net/",
        "https://smba.infra.gcc.teams.microsoft.com/",
        "https://smba.infra.gov.teams.microsoft.us/",
    ];

    /// <summary>How often a throttled (429) Connector call is tried again before giving up.</summary>
    [Range(0, 10)]
    public int MaxConnectorRetries { get; set; } = 3;

    /// <summary>Longest wait honoured from a Retry-After header.</summary>
    [Range(1, 300)]
    public int MaxRetryAfterSeconds { get; set; } = 60;

    /// <summary>Message turns accepted but not yet processed; beyond it the endpoint answers 503.</summary>
    [Range(1, 100_000)]
    public int TurnQueueCapacity { get; set; } = 512;

    /// <summary>Message turns processed at the same time.</summary>
    [Range(1, 64)]
    public int TurnWorkers { get; set; } = 4;

    public bool HasChannelIdentity => !string.IsNullOrWhiteSpace(AppId);
}
