using ItsmChatOps.Api.Client.Security;
using ItsmChatOps.Bot.ApiConnection;
using ItsmChatOps.Bot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ItsmChatOps.Bot.Tests.Protocol;

/// <summary>How the bot signs in to the API: the development key locally, Entra ID elsewhere, never the key outside Development.</summary>
public sealed class ApiConnectionTests
{
    [Fact]
    [Trait("Requirement", "SEC-02")]
    public async Task Development_TokenSource_MintsTheShortLivedBotTokenTheApiAccepts()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        using var bot = new BotFactory();
        bot.Settings[DevelopmentAuth.ServiceKeySetting] = key;

        var token = await bot.Services.GetRequiredService<IApiTokenSource>().GetTokenAsync(CancellationToken.None);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = DevelopmentAuth.Issuer,
            ValidAudience = DevelopmentAuth.Audience,
            IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(key)),
            LifetimeValidator = (notBefore, expires, _, _) => notBefore <= bot.Time.GetUtcNow().UtcDateTime && expires > bot.Time.GetUtcNow().UtcDateTime,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal(DevelopmentAuth.BotClientId, result.Claims["azp"]);
        Assert.Equal(DevelopmentAuth.BotRole, result.Claims["roles"]);
        var lifetime = ((JsonWebToken)result.SecurityToken).ValidTo - ((JsonWebToken)result.SecurityToken).IssuedAt;
        Assert.InRange(lifetime, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Production_TokenSource_AsksEntraForTheApiScopeWithTheBotsCredential()
    {
        using var bot = new BotFactory { EnvironmentName = "Production" };

        await bot.Services.GetRequiredService<IApiTokenSource>().GetTokenAsync(CancellationToken.None);

        Assert.Contains(bot.Entra.Requests, r => r.Body.Contains("scope=" + Uri.EscapeDataString("api://itsmchatops-api-tests/.default"), StringComparison.Ordinal));
    }

    [Fact]
    public void DevelopmentKey_OutsideDevelopment_RefusesToStart()
    {
        using var bot = new BotFactory { EnvironmentName = "Production" };
        bot.Settings[DevelopmentAuth.ServiceKeySetting] = Convert.ToBase64String(new byte[32]);

        var refused = Assert.ThrowsAny<Exception>(() => bot.Services);

        Assert.Contains(DevelopmentAuth.ServiceKeySetting, refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_WithoutApiScope_RefusesToStart()
    {
        using var bot = new BotFactory { EnvironmentName = "Production" };
        bot.Settings["Api:Scope"] = null;

        var refused = Assert.ThrowsAny<Exception>(() => bot.Services);

        Assert.Contains("Api:Scope", refused.ToString(), StringComparison.Ordinal);
    }
}
