using System.Security.Claims;
using System.Text.Json.Nodes;
using ItsmChatOps.Api.Client;
using ItsmChatOps.Api.Security;
using ItsmChatOps.AzureHooks;
using ItsmChatOps.Deployment.Tests.Infrastructure;

namespace ItsmChatOps.Deployment.Tests.Entra;

/// <summary>The app registration defines exactly the roles the API reads from tokens, each understood by the API's own parser.</summary>
public sealed class AppRolesTests
{
    private static readonly JsonArray Roles = AppRoles.Load(Repository.Root);

    [Fact]
    public void Problems_AppRoleDefinitions_None()
    {
        Assert.Empty(Problems(Roles));
    }

    [Fact]
    public void Problems_MisspeltAndMissingRoles_Reported()
    {
        var roles = Roles.DeepClone().AsArray();
        roles.RemoveAt(roles.Count - 1);
        roles[0]!["value"] = "Itsm.Agnet";

        var problems = Problems(roles);

        Assert.Contains("Itsm.Agnet is not a role the API understands", problems);
        Assert.Contains("no app role grants ServiceDesk", problems);
        Assert.Contains("no app role grants Monitoring", problems);
    }

    [Fact]
    public void AllowedMemberTypes_ServiceRoles_ApplicationsOnly()
    {
        var types = Roles.ToDictionary(r => (string)r!["value"]!, r => r!["allowedMemberTypes"]!.AsArray().Select(t => (string)t!).Single());

        Assert.All(types, t => Assert.Equal(t.Key is "Itsm.Bot" or "Itsm.Monitoring" ? "Application" : "User", t.Value));
    }

    /// <summary>Each role must mean something to <see cref="TokenRoles"/>, and every role the API knows must be grantable.</summary>
    private static List<string> Problems(JsonArray roles)
    {
        var problems = new List<string>();
        var granted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles.OfType<JsonObject>())
        {
            var value = (string)role["value"]!;
            var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("roles", value)], "test"));
            var meaning = TokenRoles.ItsmRoles(principal).Select(r => r.ToString())
                .Concat(new[] { TokenRoles.Bot, TokenRoles.Monitoring }.Where(s => TokenRoles.Has(principal, s)))
                .ToList();
            if (meaning.Count == 0)
            {
                problems.Add($"{value} is not a role the API understands");
            }

            granted.UnionWith(meaning);
            if (!Guid.TryParse((string?)role["id"], out _) || value.Length > 120 || value.Contains(' ', StringComparison.Ordinal))
            {
                problems.Add($"{value} needs a GUID id and a value of at most 120 characters without spaces");
            }
        }

        var known = Enum.GetNames<ItsmRole>().Append(TokenRoles.Bot).Append(TokenRoles.Monitoring);
        problems.AddRange(known.Where(k => !granted.Contains(k)).Select(k => $"no app role grants {k}"));
        if (roles.Select(r => (string?)r!["id"]).Distinct().Count() != roles.Count)
        {
            problems.Add("app role ids repeat");
        }

        return problems;
    }
}
