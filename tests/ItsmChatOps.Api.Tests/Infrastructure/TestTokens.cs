using System.Security.Claims;
using System.Security.Cryptography;
using ItsmChatOps.Api.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ItsmChatOps.Api.Tests.Infrastructure;

/// <summary>Mints development bearer tokens signed with the test host's development service key.</summary>
public static class TestTokens
{
    public static readonly string ServiceKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string ForUser(string email, params string[] roles) =>
        Mint([new Claim("name", email), new Claim("email", email), .. roles.Select(r => new Claim("role", r))]);

    public static string ForBot() => Mint([new Claim("azp", "itsm-bot"), new Claim("roles", "Itsm.Bot")]);

    public static string ForMonitoring(string name = "prometheus") => Mint([new Claim("azp", name), new Claim("name", name), new Claim("roles", "Itsm.Monitoring")]);

    public static string Mint(IEnumerable<Claim> claims, string? key = null, string issuer = AuthSetup.DevelopmentServiceIssuer,
        string audience = AuthSetup.DevelopmentServiceAudience, DateTime? expires = null)
    {
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(key ?? ServiceKey)), SecurityAlgorithms.HmacSha256);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            Expires = expires ?? DateTime.UtcNow.AddHours(1),
            NotBefore = (expires ?? DateTime.UtcNow.AddHours(1)).AddHours(-2),
            SigningCredentials = credentials,
        });
    }
}
