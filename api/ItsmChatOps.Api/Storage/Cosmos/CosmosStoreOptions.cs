using System.ComponentModel.DataAnnotations;

namespace ItsmChatOps.Api.Storage.Cosmos;

/// <summary>Connection to the Cosmos DB container that holds every record, bound from <c>Storage:Cosmos</c>.</summary>
public sealed class CosmosStoreOptions : IValidatableObject
{
    public const string SectionName = "Storage:Cosmos";

    /// <summary>The account endpoint, e.g. <c>https://itsm.documents.azure.com:443/</c>.</summary>
    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>An account key, for local emulators only; without it the app signs in with <c>DefaultAzureCredential</c>.</summary>
    public string? Key { get; set; }

    [Required]
    public string DatabaseName { get; set; } = "itsm";

    [Required]
    public string ContainerName { get; set; } = "records";

    /// <summary>Creates the database and container at start; infrastructure code owns them in Azure.</summary>
    public bool CreateIfNotExists { get; set; }

    /// <summary>Accepts any server certificate, and only when the endpoint is a loopback address (local emulators).</summary>
    public bool AllowInsecureLoopbackCertificate { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is { IsAbsoluteUri: false } || Endpoint is { Scheme: not ("https" or "http") })
        {
            yield return new ValidationResult("Storage:Cosmos:Endpoint must be an absolute http(s) URL.", [nameof(Endpoint)]);
        }

        if (Key is not null && Key.Length > 0 && !IsBase64(Key))
        {
            yield return new ValidationResult("Storage:Cosmos:Key must be a base64 account key.", [nameof(Key)]);
        }
    }

    private static bool IsBase64(string value) => Convert.TryFromBase64String(value, new byte[value.Length], out _);
}
