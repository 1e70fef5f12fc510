using System.Security.Claims;
using ItsmChatOps.Api.Client;

namespace ItsmChatOps.Api.Security;

/// <summary>
/// Reads app roles from a bearer token. Entra ID puts app roles in <c>roles</c>; development tokens from
/// <c>dotnet user-jwts</c> use <c>role</c>. Names may carry the <c>Itsm.</c> prefix of the app registration.
/// </summary>
public static class TokenRoles
{
    public const string Bot = "Bot";
    public const string Monitoring = "Monitoring";

    public static IReadOnlyList<string> Names(ClaimsPrincipal principal) =>
        principal.Claims
            .Where(c => c.Type is "roles" or "role" or ClaimTypes.Role)
            .Select(c => c.Value.StartsWith("Itsm.", StringComparison.OrdinalIgnoreCase) ? c.Value[5..] : c.Value)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    public static bool Has(ClaimsPrincipal principal, string name) =>
        Names(principal).Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The ITSM roles a token grants; "Agent" is the service desk role.</summary>
    public static IReadOnlySet<ItsmRole> ItsmRoles(ClaimsPrincipal principal)
    {
        var roles = new HashSet<ItsmRole>();
        foreach (var name in Names(principal))
        {
            if (string.Equals(name, "Agent", StringComparison.OrdinalIgnoreCase))
            {
                roles.Add(ItsmRole.ServiceDesk);
            }
            else if (Enum.TryParse<ItsmRole>(name, ignoreCase: true, out var role) && Enum.IsDefined(role))
            {
                roles.Add(role);
            }
        }

        return roles;
    }

    /// <summary>The first claim present among the given types.</summary>
    public static string? First(ClaimsPrincipal principal, params string[] types) =>
        types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
