using ItsmChatOps.Api.Client.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ItsmChatOps.Api.Security;

/// <summary>
/// Bearer authentication from configuration (<c>Authentication:Schemes:Bearer</c>): Entra ID (Authority +
/// audiences, app roles in <c>roles</c>) in Production. In Development also the signing keys of
/// <c>dotnet user-jwts</c> (read at validation time, so a key created while the API runs works at once) and
/// the local bot's key (<c>Itsm:Development:ServiceKey</c>). Development keys are refused outside
/// Development: the app does not start with them.
/// </summary>
public static class AuthSetup
{
    public const string DevelopmentServiceIssuer = DevelopmentAuth.Issuer;
    public const string DevelopmentServiceAudience = DevelopmentAuth.Audience;
    public const string DevelopmentServiceKeySetting = DevelopmentAuth.ServiceKeySetting;
    private const string Section = "Authentication:Schemes:Bearer";

    public static IHostApplicationBuilder AddItsmAuthentication(this IHostApplicationBuilder builder)
    {
        GuardAgainstDevelopmentKeys(builder.Configuration, builder.Environment);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = "roles";
        });
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton<IPostConfigureOptions<JwtBearerOptions>, DevelopmentKeys>();
        }

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddOptions<ChatIdentityOptions>().BindConfiguration("Itsm:ChatIdentity");
        builder.Services.AddSingleton<CallerResolver>();
        return builder;
    }

    /// <summary>Throws when symmetric development keys or development issuers are configured outside Development.</summary>
    public static void GuardAgainstDevelopmentKeys(IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            return;
        }

        var bearer = configuration.GetSection(Section);
        var issuers = bearer.GetSection("ValidIssuers").GetChildren().Select(c => c.Value).Append(bearer["ValidIssuer"]);
        if (bearer.GetSection("SigningKeys").GetChildren().Any()
            || !string.IsNullOrEmpty(configuration[DevelopmentServiceKeySetting])
            || issuers.Any(i => i is "dotnet-user-jwts" or DevelopmentServiceIssuer))
        {
            throw new InvalidOperationException(
                $"Development authentication ({Section}:SigningKeys, {DevelopmentServiceKeySetting} or a development issuer) is configured in the " +
                $"'{environment.EnvironmentName}' environment. It is only allowed in Development; configure Entra ID instead.");
        }
    }

    /// <summary>Development only: trust the user-jwts keys as they are now and the local bot's key.</summary>
    private sealed class DevelopmentKeys(IConfiguration configuration) : IPostConfigureOptions<JwtBearerOptions>
    {
        public void PostConfigure(string? name, JwtBearerOptions options)
        {
            var parameters = options.TokenValidationParameters;
            parameters.ValidIssuers = (parameters.ValidIssuers ?? []).Append(DevelopmentServiceIssuer).Distinct().ToList();
            parameters.ValidAudiences = (parameters.ValidAudiences ?? []).Append(DevelopmentServiceAudience).Distinct().ToList();
            parameters.IssuerSigningKeyResolver = (_, _, _, _) => Keys();
        }

        private IEnumerable<SecurityKey> Keys()
        {
            foreach (var key in configuration.GetSection($"{Section}:SigningKeys").GetChildren())
            {
                if (key["Value"] is { Length: > 0 } value)
                {
                    yield return new SymmetricSecurityKey(Convert.FromBase64String(value)) { KeyId = key["Id"] };
                }
            }

            if (configuration[DevelopmentServiceKeySetting] is { Length: > 0 } serviceKey)
            {
                yield return new SymmetricSecurityKey(Convert.FromBase64String(serviceKey));
            }
        }
    }
}
