using Microsoft.Extensions.Options;

namespace ItsmChatOps.Bot.Protocol;

/// <summary>
/// Cross-field rules of <see cref="BotOptions"/>. Outside Development the bot must have a complete
/// identity; in Development it may run without one (the local chat needs none).
/// </summary>
internal sealed class BotOptionsValidator(IHostEnvironment environment) : IValidateOptions<BotOptions>
{
    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        if (!options.HasChannelIdentity)
        {
            return environment.IsDevelopment()
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Bot:AppId is required outside Development.");
        }

        var failures = new List<string>();
        if (!Guid.TryParse(options.TenantId, out _))
        {
            failures.Add("Bot:TenantId must be the bot's Entra tenant id (a GUID).");
        }

        var secret = !string.IsNullOrWhiteSpace(options.ClientSecret);
        var certificate = !string.IsNullOrWhiteSpace(options.CertificatePath) || !string.IsNullOrWhiteSpace(options.CertificateThumbprint);
        switch (options.AppType)
        {
            case BotAppType.SingleTenant when secret == certificate:
                failures.Add("Bot:AppType SingleTenant needs exactly one of Bot:ClientSecret or a certificate (Bot:CertificatePath or Bot:CertificateThumbprint).");
                break;
            case BotAppType.SingleTenant when !string.IsNullOrWhiteSpace(options.CertificatePath) && !string.IsNullOrWhiteSpace(options.CertificateThumbprint):
                failures.Add("Bot:CertificatePath and Bot:CertificateThumbprint are alternatives; set one.");
                break;
            case BotAppType.UserAssignedMSI when secret || certificate:
                failures.Add("Bot:AppType UserAssignedMSI takes no secret or certificate: the managed identity is the credential.");
                break;
        }

        foreach (var url in options.TrustedServiceUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add($"Bot:TrustedServiceUrls entry '{url}' must be an absolute https URL.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
