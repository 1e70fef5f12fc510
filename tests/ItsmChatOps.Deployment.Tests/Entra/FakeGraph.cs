using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ItsmChatOps.Deployment.Tests.Entra;

/// <summary>
/// Microsoft Graph as far as the hooks use it: applications and service principals upserted by alternate
/// key, app roles (an enabled role cannot be deleted, as in Entra), and app role assignments.
/// </summary>
public sealed partial class FakeGraph : HttpMessageHandler
{
    public Dictionary<string, JsonObject> Applications { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, JsonObject> ServicePrincipals { get; } = new(StringComparer.Ordinal);
    public List<JsonObject> Assignments { get; } = [];
    public List<string> Requests { get; } = [];

    /// <summary>Principals the directory does not know yet (a managed identity still replicating).</summary>
    public Dictionary<string, int> ReplicationDelays { get; } = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath["/v1.0/".Length..]);
        var body = request.Content is null ? null : JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))?.AsObject();
        var upsert = request.Headers.TryGetValues("Prefer", out var prefer) && prefer.Contains("create-if-missing");
        Requests.Add($"{request.Method} {path}");
        return (request.Method.Method, path) switch
        {
            ("GET", var p) when Key(p, "applications", "uniqueName") is { } name =>
                Answer(Applications.GetValueOrDefault(name)),
            ("PATCH", var p) when Key(p, "applications", "uniqueName") is { } name =>
                UpsertApplication(name, body!, upsert),
            ("PATCH", var p) when p.StartsWith("applications/", StringComparison.Ordinal) =>
                Update(Applications.Values.Single(a => (string?)a["id"] == p["applications/".Length..]), body!),
            ("GET", var p) when Key(p, "servicePrincipals", "appId") is { } appId =>
                Answer(ServicePrincipals.GetValueOrDefault(appId)),
            ("PATCH", var p) when Key(p, "servicePrincipals", "appId") is { } appId && upsert =>
                UpsertPrincipal(appId),
            ("GET", var p) when p.EndsWith("/appRoleAssignedTo", StringComparison.Ordinal) =>
                Answer(new JsonObject { ["value"] = new JsonArray([.. Assignments.Select(a => a.DeepClone())]) }),
            ("POST", var p) when p.EndsWith("/appRoleAssignedTo", StringComparison.Ordinal) =>
                Assign(body!),
            _ => new HttpResponseMessage(HttpStatusCode.NotImplemented),
        };
    }

    private HttpResponseMessage UpsertApplication(string uniqueName, JsonObject body, bool upsert)
    {
        if (Applications.TryGetValue(uniqueName, out var application))
        {
            return Update(application, body);
        }

        if (!upsert)
        {
            return Answer(null);
        }

        application = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["appId"] = Guid.NewGuid().ToString(), ["uniqueName"] = uniqueName };
        Update(application, body);
        Applications[uniqueName] = application;
        return Answer(application, HttpStatusCode.Created);
    }

    private static HttpResponseMessage Update(JsonObject target, JsonObject body)
    {
        var before = (target["appRoles"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
        var after = body["appRoles"]?.AsArray().Select(r => (string?)r!["id"]).ToHashSet();
        if (after is not null && before.Any(r => (bool?)r["isEnabled"] == true && !after.Contains((string?)r["id"])))
        {
            return Error(HttpStatusCode.BadRequest, "Property value cannot be deleted unless it is disabled first.");
        }

        foreach (var (name, value) in body)
        {
            target[name] = value?.DeepClone();
        }

        return new HttpResponseMessage(HttpStatusCode.NoContent);
    }

    private HttpResponseMessage UpsertPrincipal(string appId)
    {
        var application = Applications.Values.Single(a => (string?)a["appId"] == appId);
        var created = !ServicePrincipals.ContainsKey(appId);
        var principal = ServicePrincipals.GetValueOrDefault(appId) ?? new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["appId"] = appId };
        principal["appRoles"] = application["appRoles"]?.DeepClone();
        ServicePrincipals[appId] = principal;
        return created ? Answer(principal, HttpStatusCode.Created) : new HttpResponseMessage(HttpStatusCode.NoContent);
    }

    private HttpResponseMessage Assign(JsonObject body)
    {
        var principal = (string)body["principalId"]!;
        if (ReplicationDelays.TryGetValue(principal, out var remaining) && remaining > 0)
        {
            ReplicationDelays[principal] = remaining - 1;
            return Error(HttpStatusCode.BadRequest, $"Resource '{principal}' does not exist or one of its queried reference-property objects are not present.");
        }

        Assignments.Add(body.DeepClone().AsObject());
        return Answer(body, HttpStatusCode.Created);
    }

    private static string? Key(string path, string collection, string property)
    {
        var match = AlternateKey().Match(path);
        return match.Success && match.Groups[1].Value == collection && match.Groups[2].Value == property ? match.Groups[3].Value : null;
    }

    private static HttpResponseMessage Answer(JsonObject? body, HttpStatusCode status = HttpStatusCode.OK) => body is null
        ? Error(HttpStatusCode.NotFound, "Resource not found.")
        : new HttpResponseMessage(status) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };

    private static HttpResponseMessage Error(HttpStatusCode status, string message) => new(status)
    {
        Content = new StringContent(new JsonObject { ["error"] = new JsonObject { ["message"] = message } }.ToJsonString(), Encoding.UTF8, "application/json"),
    };

    [GeneratedRegex(@"^(\w+)\((\w+)='([^']+)'\)$")]
    private static partial Regex AlternateKey();
}
